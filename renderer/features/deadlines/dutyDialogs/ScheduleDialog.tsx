import { Alert, Form, Input, InputNumber, Select, Space } from 'antd';
import { useRepositories } from '../../../storage/repositories';
import { clearSchedule, dutyName, saveSchedule, type ScheduleValues } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { useActorName } from '../reminderSettings';
import { ActionModal } from './ActionModal';
import { ACTOR_FIELD } from './dutyFormParts';

const MONTH_OPTIONS = [
  { value: 0, label: '当期（本月）' },
  { value: 1, label: '次月' },
  { value: 2, label: '第三个月' },
  { value: 3, label: '第四个月' },
];

/** 设定报送日: the day every period of a recurring duty falls due, where the text gives none. */
export function ScheduleDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  return (
    <ActionModal<ScheduleValues>
      title={`设定报送日：${dutyName(row)}`}
      okText="保存"
      initialValues={{ monthsAfterPeriodStart: 1, dayOfMonth: 10, source: '', actor }}
      onClose={onClose}
      secondaryAction={{ label: '清除报送日', run: (values) => clearSchedule(repositories, row, values.actor) }}
      onSubmit={(values) => saveSchedule(repositories, row, values)}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="原文未规定每期的具体报送日，以主管部门或平台通知为准"
        description={`${duty.note === '' ? '' : `${duty.note} `}设定前各期显示为“待定”，不计逾期。设定一次，各期通用：每一期按该日计算，各期分别跟踪。`}
      />
      <Space size="large" align="start">
        <Form.Item name="monthsAfterPeriodStart" label="报送月份" rules={[{ required: true }]}>
          <Select options={MONTH_OPTIONS} style={{ width: 160 }} aria-label="报送月份" />
        </Form.Item>
        <Form.Item name="dayOfMonth" label="日（31 表示月末）" rules={[{ required: true, message: '请填写 1~31' }]}>
          <InputNumber min={1} max={31} precision={0} aria-label="报送日" />
        </Form.Item>
      </Space>
      <Form.Item name="source" label="依据" extra="如：节能监测服务平台通知“每月 10 日前报送上月数据”">
        <Input maxLength={300} aria-label="报送日依据" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}
