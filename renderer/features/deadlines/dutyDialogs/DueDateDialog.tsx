import { Alert, Form, Input } from 'antd';
import { DateInput } from '../../../components/DateInput';
import { useRepositories } from '../../../storage/repositories';
import { clearDueDate, dutyName, saveDueDate, type DatedValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD } from './dutyFormParts';

/** 填写截止日期: the date the authority gave (以主管部门通知为准) and where it comes from; 清除 goes back to the rule's date. */
export function DueDateDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  const clear = duty.isUserSetDate
    ? { label: '清除填写的日期', danger: true, run: (values: DatedValues) => clearDueDate(repositories, row, values.actor) }
    : undefined;
  return (
    <ActionModal<DatedValues>
      title={`填写截止日期：${dutyName(row)}`}
      okText="保存"
      initialValues={{ date: duty.tracking?.userSetDueDate ?? null, note: duty.tracking?.note ?? '', actor }}
      onClose={onClose}
      secondaryAction={clear}
      onSubmit={(values) => saveDueDate(repositories, row, values)}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={duty.statedInText ? '按主管部门告知的日期（如批准的延期）跟踪' : '原文未规定具体日期，以主管部门通知为准'}
        description={duty.note === '' ? '填写后按该日期计算剩余天数和提醒；按规则计算的日期仍在说明中保留。' : `原文说明：${duty.note}`}
      />
      <Form.Item name="date" label="主管部门告知的截止日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DateInput aria-label="主管部门告知的截止日期" />
      </Form.Item>
      <Form.Item name="note" label="日期来源" rules={[{ required: true, whitespace: true, message: '请说明日期的来源' }]} extra="如：区交通委 2026-11-20 电话通知；平台公告">
        <Input maxLength={2000} aria-label="日期来源" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
