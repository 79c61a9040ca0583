import { Flex, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import { CitationLink } from './CitationLink';
import { ConditionTree } from './ConditionTree';
import { DeadlineList, MaterialList } from './DeadlineList';
import { Highlight } from './Highlight';

function DetailSection({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <section aria-label={title}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6, color: token.colorTextSecondary, fontSize: 13 }}>{title}</Typography.Text>
      {children}
    </section>
  );
}

const QUESTION_TYPE_TEXT = { boolean: '是/否', number: '数值', text: '文字', choice: '选择', date: '日期' } as const;

/** One knowledge-base item as the policy states it: who it concerns, conditions, deadlines, materials. */
export function PolicyItemDetail({ item, terms = [] }: { readonly item: PolicyItem; readonly terms?: readonly string[] }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}><Highlight text={item.summary} terms={terms} /></Typography.Paragraph>
      <DetailSection title="出处">
        <Flex vertical gap={4}>
          <div><CitationLink citation={item.citation} /></div>
          <blockquote style={{ margin: 0, padding: '6px 12px', borderLeft: `3px solid ${token.colorBorder}`, background: token.colorFillQuaternary, color: token.colorTextSecondary }}>
            <Highlight text={item.citation.quote} terms={terms} />
          </blockquote>
        </Flex>
      </DetailSection>
      <DetailSection title="适用对象">
        {item.appliesWhen === undefined
          ? <Typography.Text>所有企业（原文未限定对象）</Typography.Text>
          : <ConditionTree condition={item.appliesWhen} questions={item.questions} terms={terms} />}
      </DetailSection>
      {item.requirements !== undefined ? (
        <DetailSection title="须满足的条件">
          <ConditionTree condition={item.requirements} questions={item.questions} terms={terms} />
        </DetailSection>
      ) : null}
      {item.questions.length > 0 ? (
        <DetailSection title="需企业回答的问题">
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {item.questions.map((q) => (
              <li key={q.key}>
                <Typography.Text>{q.text}</Typography.Text> <Tag>{QUESTION_TYPE_TEXT[q.type]}{q.unit !== undefined ? `（${q.unit}）` : ''}</Tag>
                {q.help !== undefined ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{q.help}</Typography.Text> : null}
              </li>
            ))}
          </ol>
        </DetailSection>
      ) : null}
      {item.deadlines.length > 0 ? <DetailSection title="期限"><DeadlineList rules={item.deadlines} /></DetailSection> : null}
      {item.materials.length > 0 ? <DetailSection title="申请材料"><MaterialList materials={item.materials} /></DetailSection> : null}
      {item.benefit !== undefined ? (
        <DetailSection title="扶持内容">
          <Flex vertical gap={2}>
            <Typography.Text>{item.benefit.description}</Typography.Text>
            <Flex gap={8} wrap>
              {item.benefit.ratePercent !== null ? <Tag color="magenta">比例 {item.benefit.ratePercent}%</Tag> : null}
              {item.benefit.capWanYuan !== null ? <Tag color="magenta">上限 {item.benefit.capWanYuan} 万元</Tag> : null}
            </Flex>
            {item.benefit.note !== '' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.benefit.note}</Typography.Text> : null}
          </Flex>
        </DetailSection>
      ) : null}
      {item.authority !== '' ? <DetailSection title="主管部门"><Typography.Text>{item.authority}</Typography.Text></DetailSection> : null}
    </Flex>
  );
}
