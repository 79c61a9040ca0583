import { Alert, Form, Input } from 'antd';
import { useRepositories } from '../../../storage/repositories';
import { dutyName, undoDone, type UndoDoneValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD } from './dutyFormParts';

/** 撤销完成: with a reason; the original completion stays in the history. */
export function UndoDoneDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const tracking = row.duty.tracking;
  return (
    <ActionModal<UndoDoneValues>
      title={`撤销完成：${dutyName(row)}`}
      okText="撤销完成"
      okDanger
      initialValues={{ reason: '', actor }}
      onClose={onClose}
      onSubmit={(values) => undoDone(repositories, row, values)}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`原记录：${tracking?.doneOn ?? '—'} 完成，证明材料“${tracking?.evidence ?? ''}”`}
        description="撤销后该事项重新计为未完成（已过截止日期的显示为逾期）；原完成记录和本次撤销都保留在操作记录中，不可删除。"
      />
      <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, message: '请说明撤销完成的原因' }]}>
        <Input.TextArea aria-label="撤销原因" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
