import { ClockCircleOutlined } from '../../components/icons';
import { Flex, Tag, Typography, theme } from 'antd';
import type { DeadlineRule, Material } from '../../../shared/policy/knowledgeBase';
import { CitationLink } from './CitationLink';
import { ACTOR_TEXT, DATE_NOT_STATED, deadlineTimingText } from './policyDisplay';

/**
 * An item's deadline rules in words. Where the text names no day or date, that is said plainly
 * (原文未规定具体日期，以主管部门通知为准) with the text's own words, never a made-up date.
 */
export function DeadlineList({ rules }: { readonly rules: readonly DeadlineRule[] }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={8}>
      {rules.map((rule) => (
        <Flex key={rule.id} gap={10} align="flex-start">
          <ClockCircleOutlined style={{ color: rule.statedInText ? token.colorPrimary : token.colorWarning, marginTop: 5 }} />
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text>{rule.label}</Typography.Text>
              <Tag color={rule.actor === 'company' ? 'blue' : 'default'}>{ACTOR_TEXT[rule.actor]}</Tag>
              {rule.per !== 'company' ? <Tag>{{ vehicle: '每辆车', store: '每处门店', person: '每名人员', licence: '每个证照', company: '' }[rule.per]}</Tag> : null}
              <CitationLink citation={rule.citation} />
            </Flex>
            <Typography.Text type={rule.statedInText ? 'secondary' : 'warning'}>
              时限：{deadlineTimingText(rule)}
            </Typography.Text>
            {!rule.statedInText && !deadlineTimingText(rule).includes(DATE_NOT_STATED) ? (
              <Typography.Text type="warning">{DATE_NOT_STATED}</Typography.Text>
            ) : null}
            {rule.note !== '' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>说明：{rule.note}</Typography.Text> : null}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}

export function MaterialList({ materials }: { readonly materials: readonly Material[] }) {
  return (
    <ol style={{ margin: 0, paddingLeft: 20 }}>
      {materials.map((m) => (
        <li key={m.id} style={{ marginBottom: 4 }}>
          <Flex gap={8} wrap align="baseline">
            <Typography.Text>{m.name}</Typography.Text>
            {m.needsSignatureAndSeal ? <Tag color="volcano">需签字盖章</Tag> : null}
            {m.formTemplate !== undefined ? <Tag color="green">可由本应用生成</Tag> : null}
            {m.when !== undefined ? <Tag>仅限：{m.when.label}</Tag> : null}
            <CitationLink citation={m.citation} />
          </Flex>
          {m.note !== '' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.note}</Typography.Text> : null}
        </li>
      ))}
    </ol>
  );
}
