import { Alert, Form, Input } from 'antd';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { DateInput } from '../../../components/DateInput';
import { useRepositories } from '../../../storage/repositories';
import { dutyName, saveTriggerDate, type DatedValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD } from './dutyFormParts';

/** 填写触发日期: the day the period runs from, when the company's records hold none. */
export function TriggerDateDialog({ row, today, onClose }: { readonly row: DutyRow; readonly today: IsoDate; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  return (
    <ActionModal<DatedValues>
      title={`填写触发日期：${dutyName(row)}`}
      okText="保存"
      initialValues={{ date: duty.tracking?.userSetTriggerDate ?? null, note: '', actor }}
      onClose={onClose}
      onSubmit={(values) => saveTriggerDate(repositories, row, today, values)}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`期限自“${duty.trigger.label}”起算`} description="企业记录中没有该日期；填写后按同一规则计算截止日期。若日期属于车辆、证照或人员，也可在企业资料中补充。" />
      <Form.Item name="date" label={duty.trigger.label}>
        <DateInput aria-label="触发日期" />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input maxLength={2000} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
