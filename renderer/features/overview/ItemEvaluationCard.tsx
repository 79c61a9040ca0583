import { DownOutlined, EditOutlined, UpOutlined, WarningFilled } from '../../components/icons';
import { Button, Card, Flex, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import type { Company } from '../../../shared/domain/company';
import type { Applicability } from '../../../shared/policy/evaluate';
import { ITEM_KINDS } from '../../../shared/policy/knowledgeBase';
import { navigate } from '../../app/hashLocation';
import { CitationLink } from '../policies/CitationLink';
import { DeadlineList } from '../policies/DeadlineList';
import { ITEM_KIND_COLORS } from '../policies/policyDisplay';
import type { OverviewEntry } from './overviewModel';
import { QuestionField, type AnswerSaver } from './QuestionField';
import { ReasonsTable } from './ReasonsTable';

const APPLIES_TAGS: Readonly<Record<Applicability, { readonly color: string; readonly text: string }>> = {
  yes: { color: 'success', text: '适用' },
  unknown: { color: 'warning', text: '待确认' },
  no: { color: 'default', text: '不适用' },
};

const REQUIREMENT_TAGS: Readonly<Record<Applicability, { readonly color: string; readonly text: string }>> = {
  yes: { color: 'success', text: '条件已满足' },
  no: { color: 'error', text: '存在差距' },
  unknown: { color: 'warning', text: '条件待确认' },
};

/** Long question lists (the 医保定点 application asks 16) show the first few until expanded. */
const QUESTIONS_SHOWN = 5;

/** Company detail tab holding a record field ('people', 'stores.operatingSince', 'company.industryCode'...). */
function recordTab(recordField: string): string {
  const head = recordField.split('.')[0] ?? '';
  return ['people', 'licences', 'vehicles', 'stores', 'events'].includes(head) ? head : 'basic';
}

/** Overturns (true) or restores (false) presumptions by their answer keys, all at once. */
export type PresumptionOverturner = (keys: readonly string[], isOverturned: boolean) => Promise<void>;

/** One item's result for the company: status, gaps, open questions answered in place, and why. */
export function ItemEvaluationCard({ entry, company, onSave, onOverturn }: {
  readonly entry: OverviewEntry;
  readonly company: Company;
  readonly onSave: AnswerSaver;
  readonly onOverturn: PresumptionOverturner;
}) {
  const { token } = theme.useToken();
  const [isShowingWhy, setShowingWhy] = useState(false);
  const [isShowingAllQuestions, setShowingAllQuestions] = useState(false);
  const { evaluation: e, item, document: doc } = entry;
  const applies = APPLIES_TAGS[e.applies];
  const requirements = e.requirementsMet === null ? null : REQUIREMENT_TAGS[e.requirementsMet];
  const answerOf = (key: string) => company.answers[key] ?? undefined;
  const whyId = `why-${item.id}`;

  return (
    <Card
      size="small"
      role="article"
      aria-label={item.title}
      styles={{ header: { minHeight: 44 } }}
      title={
        <Flex gap={8} align="center" style={{ whiteSpace: 'normal', padding: '6px 0' }}>
          <Tag color={applies.color} style={{ marginInlineEnd: 0 }}>{applies.text}</Tag>
          {e.basis === 'presumption' ? <Tag color="purple" variant="outlined" style={{ marginInlineEnd: 0 }}>推定</Tag> : null}
          <Tag color={ITEM_KIND_COLORS[item.kind]} variant="outlined" style={{ marginInlineEnd: 0 }}>{ITEM_KINDS[item.kind]}</Tag>
          <Typography.Text strong style={{ fontSize: 15 }}>{item.title}</Typography.Text>
        </Flex>
      }
      extra={requirements !== null ? <Tag color={requirements.color} style={{ marginInlineEnd: 0 }}>{requirements.text}</Tag> : null}
    >
      <Flex vertical gap={12}>
        <Flex gap={6} wrap align="baseline">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>{doc.title} · {doc.domain} ·</Typography.Text>
          <CitationLink citation={item.citation} />
        </Flex>
        <Typography.Text style={{ color: token.colorTextSecondary }}>{item.summary}</Typography.Text>

        {e.period !== undefined ? (
          <Flex gap={6} wrap align="baseline">
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              措施期限：{e.period.label}{e.period.status === 'after' ? '（判断日已过，不再适用）' : e.period.status === 'before' ? '（判断日尚未开始）' : ''}
            </Typography.Text>
            <CitationLink citation={e.period.citation} />
          </Flex>
        ) : null}

        {e.presumptions.length > 0 ? (
          <div role="group" aria-label="推定" style={{ background: token.colorFillAlter, border: `1px dashed ${token.colorBorder}`, borderRadius: token.borderRadius, padding: '8px 12px' }}>
            <Flex gap={8} wrap align="baseline" justify="space-between">
              <Typography.Text strong>推定（不是原文规定，可推翻）</Typography.Text>
              <Button size="small" onClick={() => void onOverturn(e.presumptions.map((p) => p.key), true)}>推翻推定，改为回答问题</Button>
            </Flex>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {[...new Set(e.presumptions.map((p) => p.reason))].map((reason) => <li key={reason}><Typography.Text>{reason}</Typography.Text></li>)}
            </ul>
          </div>
        ) : null}

        {e.missingFacts.some((m) => company.overturnedPresumptions?.[m.question.key] !== undefined) ? (
          <Flex gap={8} wrap align="baseline">
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              已推翻推定（{[...new Set(e.missingFacts.map((m) => company.overturnedPresumptions?.[m.question.key]?.slice(0, 10)).filter((d) => d !== undefined))].join('、')}）
            </Typography.Text>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void onOverturn(e.missingFacts.map((m) => m.question.key).filter((k) => company.overturnedPresumptions?.[k] !== undefined), false)}>恢复推定</Button>
          </Flex>
        ) : null}

        {e.gaps.length > 0 ? (
          <div role="group" aria-label="差距" style={{ background: token.colorErrorBg, border: `1px solid ${token.colorErrorBorder}`, borderRadius: token.borderRadius, padding: '8px 12px' }}>
            <Typography.Text strong style={{ color: token.colorError }}><WarningFilled /> 差距（{e.gaps.length}）</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {e.gaps.map((gap) => (
                <li key={gap.conditionId}>
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text>{gap.text}</Typography.Text>
                    {gap.citation !== undefined ? <CitationLink citation={gap.citation} /> : null}
                  </Flex>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {e.missingFacts.length > 0 ? (
          <div role="group" aria-label="待回答的问题" style={{ background: token.colorWarningBg, border: `1px solid ${token.colorWarningBorder}`, borderRadius: token.borderRadius, padding: '8px 12px' }}>
            <Typography.Text strong style={{ color: token.colorWarningText }}>
              <EditOutlined /> {e.applies === 'unknown' ? '回答以下问题以确定是否适用' : '回答以下问题以判断条件是否满足'}（{e.missingFacts.length}）
            </Typography.Text>
            <Flex vertical gap={10} style={{ marginTop: 8 }}>
              {(isShowingAllQuestions ? e.missingFacts : e.missingFacts.slice(0, QUESTIONS_SHOWN)).map((m) => (
                <QuestionField
                  key={m.question.key}
                  question={m.question}
                  value={answerOf(m.question.key)}
                  onSave={onSave}
                  {...(m.detail !== undefined ? { hint: m.detail } : {})}
                  extra={m.recordField !== undefined ? (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/companies/${encodeURIComponent(company.id)}?tab=${recordTab(m.recordField ?? '')}`)}>
                      到企业资料中补充
                    </Button>
                  ) : undefined}
                />
              ))}
              {e.missingFacts.length > QUESTIONS_SHOWN ? (
                <Button type="link" size="small" style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => setShowingAllQuestions((v) => !v)}>
                  {isShowingAllQuestions ? '收起' : `展开其余 ${e.missingFacts.length - QUESTIONS_SHOWN} 个问题`}
                </Button>
              ) : null}
            </Flex>
          </div>
        ) : null}

        <div>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-expanded={isShowingWhy}
            aria-controls={whyId}
            icon={isShowingWhy ? <UpOutlined /> : <DownOutlined />}
            onClick={() => setShowingWhy((v) => !v)}
          >
            判断依据{item.deadlines.length > 0 ? '与期限' : ''}
          </Button>
          {isShowingWhy ? (
            <Flex id={whyId} vertical gap={12} style={{ marginTop: 8 }}>
              {e.grounds.length > 0 ? (
                <Flex vertical gap={4} role="group" aria-label="判断所依据的事实和原文">
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>{e.basis === 'presumption' ? '依据（含推定）' : '依据'}</Typography.Text>
                  {e.grounds.map((g, i) => (
                    <Flex key={i} gap={8} wrap align="baseline">
                      <Typography.Text style={{ fontSize: 13 }}>{g.text}</Typography.Text>
                      <CitationLink citation={g.citation} />
                    </Flex>
                  ))}
                </Flex>
              ) : null}
              <ReasonsTable reasons={e.reasons} hasAppliesWhen={item.appliesWhen !== undefined} />
              {item.deadlines.length > 0 ? (
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>期限</Typography.Text>
                  <DeadlineList rules={item.deadlines} />
                </Flex>
              ) : null}
            </Flex>
          ) : null}
        </div>
      </Flex>
    </Card>
  );
}
