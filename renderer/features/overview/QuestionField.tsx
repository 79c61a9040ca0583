import { Button, Flex, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { FactQuestion } from '../../../shared/policy/facts';
import type { Question } from '../../../shared/policy/knowledgeBase';
import { DateInput } from '../../components/DateInput';
import type { CompanyAnswer } from '../../storage/companyRepository';

export type AnswerSaver = (key: string, value: CompanyAnswer | null) => Promise<void>;

/** Typed answers need an explicit 保存 so a half-typed number never decides anything. */
function TypedAnswer({ question, value, onSave, isSaving }: {
  readonly question: Question | FactQuestion;
  readonly value: CompanyAnswer | undefined;
  readonly onSave: (value: CompanyAnswer) => void;
  readonly isSaving: boolean;
}) {
  const stored = value === undefined ? null : value;
  const [draft, setDraft] = useState<string | number | null>(typeof stored === 'boolean' ? null : stored);
  const isChanged = draft !== null && draft !== '' && draft !== stored;
  const save = () => {
    if (!isChanged) return;
    onSave(typeof draft === 'string' ? draft.trim() : draft);
  };
  return (
    <Space.Compact style={{ width: 300 }}>
      {question.type === 'number' ? (
        <InputNumber<number>
          aria-label={question.text}
          style={{ width: '100%' }}
          value={typeof draft === 'number' ? draft : null}
          suffix={question.unit}
          onChange={(v) => setDraft(v)}
          onPressEnter={save}
          placeholder="填写数值"
        />
      ) : (
        <Input
          aria-label={question.text}
          value={typeof draft === 'string' ? draft : ''}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={save}
          placeholder="填写回答"
        />
      )}
      <Button type="primary" disabled={!isChanged} loading={isSaving} onClick={save}>保存</Button>
    </Space.Compact>
  );
}

/**
 * One question answered in place. Choices save at once; the answer lands in company.answers and
 * the overview re-evaluates from the live record.
 */
export function QuestionField({ question, value, onSave, hint, extra }: {
  readonly question: Question | FactQuestion;
  readonly value: CompanyAnswer | undefined;
  readonly onSave: AnswerSaver;
  /** Extra context, e.g. how the stored records were read ("符合：张伟；赵敏：劳动合同期限不足 1 年"). */
  readonly hint?: string;
  /** Shown after the control, e.g. a link to the record that would settle the question. */
  readonly extra?: ReactNode;
}) {
  const [isSaving, setSaving] = useState(false);
  const save = (next: CompanyAnswer | null) => {
    setSaving(true);
    void onSave(question.key, next).finally(() => setSaving(false));
  };

  let control;
  switch (question.type) {
    case 'boolean':
      control = (
        <Radio.Group
          aria-label={question.text}
          optionType="button"
          buttonStyle="solid"
          size="small"
          disabled={isSaving}
          value={typeof value === 'boolean' ? value : undefined}
          onChange={(e) => save(e.target.value as boolean)}
          options={[{ label: '是', value: true }, { label: '否', value: false }]}
        />
      );
      break;
    case 'choice': {
      const options = (question.options ?? []).map((o) => ({ label: o, value: o }));
      // Short option lists read best as buttons; long labels ("“专精特新”中小企业（非“小巨人”）") as a list.
      const isShort = options.length <= 4 && options.reduce((n, o) => n + o.label.length, 0) <= 16;
      control = isShort ? (
        <Radio.Group aria-label={question.text} optionType="button" buttonStyle="solid" size="small" disabled={isSaving}
          value={typeof value === 'string' ? value : undefined} onChange={(e) => save(e.target.value as string)} options={options} />
      ) : (
        <Select<string> aria-label={question.text} style={{ minWidth: 240 }} placeholder="请选择" disabled={isSaving}
          value={typeof value === 'string' ? value : undefined} onChange={(v) => save(v)} options={options} />
      );
      break;
    }
    case 'date':
      control = (
        <div style={{ maxWidth: 220 }}>
          <DateInput aria-label={question.text} disabled={isSaving} value={typeof value === 'string' ? value : null} onChange={(d) => save(d)} />
        </div>
      );
      break;
    case 'number':
    case 'text':
      control = <TypedAnswer key={String(value)} question={question} value={value} isSaving={isSaving} onSave={(v) => save(v)} />;
      break;
  }

  return (
    <Flex justify="space-between" align="center" gap={16} wrap style={{ width: '100%' }}>
      <Flex vertical gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography.Text>{question.text}{question.unit !== undefined && question.type !== 'number' ? `（${question.unit}）` : ''}</Typography.Text>
        {question.help !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{question.help}</Typography.Text> : null}
        {hint !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>现有记录：{hint}</Typography.Text> : null}
      </Flex>
      <Flex gap={8} align="center" wrap style={{ flex: 'none' }}>
        {control}
        {value !== undefined ? (
          <Button type="link" size="small" disabled={isSaving} onClick={() => save(null)}>清除回答</Button>
        ) : null}
        {extra}
      </Flex>
    </Flex>
  );
}
