import { Flex, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { factLabel, isAnswerFact } from '../../../shared/policy/facts';
import type { Comparator, Condition, FactCondition, Question } from '../../../shared/policy/knowledgeBase';
import { CitationLink } from './CitationLink';
import { Highlight } from './Highlight';

const COMPARATOR_TEXT: Readonly<Record<Comparator, string>> = {
  eq: '等于', neq: '不等于', in: '属于', gte: '不少于', gt: '多于', lte: '不超过', lt: '少于',
  isTrue: '为“是”', isFalse: '为“否”', contains: '包含', startsWith: '以此开头', known: '已知',
};

function valueText(value: FactCondition['value']): string {
  if (value === undefined) return '';
  const one = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  return Array.isArray(value) ? (value as ReadonlyArray<string | number | boolean>).map(one).join('、') : one(value as string | number | boolean);
}

/** How a leaf is decided, in words: "符合条件的医保管理人员人数 不少于 2". */
function factTestText(c: FactCondition, questions: ReadonlyMap<string, Question>): string {
  const subject = isAnswerFact(c.fact) ? `问题“${questions.get(c.fact)?.text ?? c.fact}”的回答` : factLabel(c.fact, c.param);
  const value = valueText(c.value);
  return `${subject} ${COMPARATOR_TEXT[c.comparator]}${value === '' ? '' : ` ${value}`}`;
}

const GROUP_TEXT = { all: '须全部满足', any: '满足其一即可', not: '不得有以下情形' } as const;

function Node({ condition, questions, depth, terms }: {
  readonly condition: Condition; readonly questions: ReadonlyMap<string, Question>; readonly depth: number; readonly terms: readonly string[];
}) {
  const { token } = theme.useToken();
  const citation = condition.citation === undefined ? null : <CitationLink citation={condition.citation} />;
  let body: ReactNode;
  if (condition.op === 'fact') {
    body = (
      <Flex vertical gap={0}>
        <Flex gap={8} wrap align="baseline">
          <Typography.Text><Highlight text={condition.label} terms={terms} /></Typography.Text>
          {citation}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>判断方法：{factTestText(condition, questions)}</Typography.Text>
      </Flex>
    );
  } else {
    const children = condition.op === 'not' ? [condition.of] : condition.of;
    body = (
      <Flex vertical gap={6}>
        <Flex gap={8} wrap align="baseline">
          <Typography.Text strong><Highlight text={condition.label} terms={terms} /></Typography.Text>
          <Tag>{GROUP_TEXT[condition.op]}</Tag>
          {citation}
        </Flex>
        <Flex vertical gap={6} style={{ borderLeft: `2px solid ${token.colorBorderSecondary}`, paddingLeft: 12 }}>
          {children.map((child) => <Node key={child.id} condition={child} questions={questions} depth={depth + 1} terms={terms} />)}
        </Flex>
      </Flex>
    );
  }
  return <div>{body}</div>;
}

/** A condition tree as the knowledge base states it (not evaluated): labels, tests and citations. */
export function ConditionTree({ condition, questions, terms = [] }: {
  readonly condition: Condition; readonly questions: readonly Question[]; readonly terms?: readonly string[];
}) {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  return <Node condition={condition} questions={byKey} depth={0} terms={terms} />;
}
