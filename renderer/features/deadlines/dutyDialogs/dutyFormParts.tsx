import { Descriptions, Form, Input, Tag, type FormRule } from 'antd';
import type { DutyRow } from '../dutyModel';

/* The parts the tracker's dialogs share: the duty's facts on top, 记录人 at the bottom, the evidence rule. */

/** 企业, 依据 and 截止日期 of the duty a dialog acts on. */
export function DutyFacts({ row }: { readonly row: DutyRow }) {
  const { duty } = row;
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="企业">{row.companyName}</Descriptions.Item>
      <Descriptions.Item label="依据">{duty.basis.reference}</Descriptions.Item>
      <Descriptions.Item label="截止日期">
        {duty.dueText}
        {duty.isProvisional && <Tag color="orange" style={{ marginInlineStart: 8 }}>暂定</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}

export const ACTOR_FIELD = (
  <Form.Item name="actor" label="记录人" extra="记入操作记录；留空记为“未署名”">
    <Input maxLength={100} placeholder="您的姓名" aria-label="记录人" />
  </Form.Item>
);

/** Marking done needs evidence: a document picked from the document library, a new file, or a written description. */
export function evidenceRequiredRule(message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => (typeof value === 'string' && value.trim() !== '') || getFieldValue('documentId') != null || getFieldValue('proof') != null
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
  });
}
