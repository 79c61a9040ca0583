import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '../../components/icons';
import { Flex, Tag, Typography, theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { ConditionReason, Outcome } from '../../../shared/policy/evaluate';
import { CitationLink } from '../policies/CitationLink';

const OUTCOME_TAGS: Readonly<Record<Outcome, { readonly color: string; readonly text: string; readonly icon: ReactNode }>> = {
  pass: { color: 'success', text: '满足', icon: <CheckCircleFilled /> },
  fail: { color: 'error', text: '不满足', icon: <CloseCircleFilled /> },
  unknown: { color: 'warning', text: '未知', icon: <QuestionCircleFilled /> },
};

const GROUP_TEXT: Readonly<Partial<Record<ConditionReason['op'], string>>> = { all: '须全部满足', any: '满足其一即可', not: '不得有以下情形' };

const SCOPE_TITLES: Readonly<Record<ConditionReason['scope'], string>> = {
  appliesWhen: '是否适用本企业',
  requirements: '须满足的条件',
};

function ValueCell({ reason: r }: { readonly reason: ConditionReason }) {
  if (r.op !== 'fact') return null;
  return (
    <Flex vertical gap={0}>
      <Flex gap={4} align="center" wrap>
        {r.valueText.length > 40
          ? <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (isExpanded: boolean) => (isExpanded ? '收起' : '展开') }}>{r.valueText}</Typography.Paragraph>
          : <Typography.Text>{r.valueText}</Typography.Text>}
        {r.detail === '用户回答' ? <Tag color="processing" style={{ marginInlineEnd: 0 }}>用户回答</Tag> : null}
      </Flex>
      {r.detail !== undefined && r.detail !== '用户回答' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.detail}</Typography.Text> : null}
    </Flex>
  );
}

/*
 * A plain table styled like antd's small Table: the rows never sort, page or select, and an item
 * may list dozens of conditions, so the lighter element keeps opening "判断依据" instant.
 */
function ReasonRows({ reasons }: { readonly reasons: readonly ConditionReason[] }) {
  const { token } = theme.useToken();
  const cell: CSSProperties = { padding: '8px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}`, verticalAlign: 'top', textAlign: 'left' };
  const head: CSSProperties = { ...cell, background: token.colorFillAlter, fontWeight: 600, color: token.colorTextHeading };
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: 14 }}>
      <colgroup>
        <col />
        <col style={{ width: '28%' }} />
        <col style={{ width: 92 }} />
        <col style={{ width: 170 }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" style={head}>条件</th>
          <th scope="col" style={head}>采用的事实</th>
          <th scope="col" style={head}>结果</th>
          <th scope="col" style={head}>出处</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map((r) => {
          const tag = OUTCOME_TAGS[r.outcome];
          return (
            <tr key={r.conditionId}>
              <td style={cell}>
                <Flex gap={6} align="baseline" wrap style={{ paddingLeft: r.depth * 20 }}>
                  <Typography.Text strong={r.op !== 'fact'}>{r.condition}</Typography.Text>
                  {GROUP_TEXT[r.op] !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{GROUP_TEXT[r.op]}）</Typography.Text> : null}
                </Flex>
              </td>
              <td style={cell}><ValueCell reason={r} /></td>
              <td style={cell}><Tag color={tag.color} icon={tag.icon}>{tag.text}</Tag></td>
              <td style={cell}>{r.citation === undefined ? <Typography.Text type="secondary">—</Typography.Text> : <CitationLink citation={r.citation} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Why an item does or does not apply: every condition with the fact value used, its outcome and
 * citation, indented as the knowledge base nests them.
 */
export function ReasonsTable({ reasons, hasAppliesWhen }: { readonly reasons: readonly ConditionReason[]; readonly hasAppliesWhen: boolean }) {
  const applies = reasons.filter((r) => r.scope === 'appliesWhen');
  const requirements = reasons.filter((r) => r.scope === 'requirements');
  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{SCOPE_TITLES.appliesWhen}</Typography.Text>
        {hasAppliesWhen ? <ReasonRows reasons={applies} /> : <Typography.Text>本条面向所有企业，原文未限定对象。</Typography.Text>}
      </Flex>
      {requirements.length > 0 ? (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>{SCOPE_TITLES.requirements}</Typography.Text>
          <ReasonRows reasons={requirements} />
        </Flex>
      ) : null}
    </Flex>
  );
}
