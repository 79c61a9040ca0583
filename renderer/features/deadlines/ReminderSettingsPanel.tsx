import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { platform } from '../../platform/platform';
import { useSchedulingStatus } from './reminderScheduling';
import { DEFAULT_LEAD_DAYS, normalizeLeadDays, saveReminderSettings, useReminderSettings, type ReminderSettings } from './reminderSettings';
import { errorMessage } from '../../components/failureDialog';
import { useRepositories } from '../../storage/repositories';

const LEAD_OPTIONS = [0, 1, 2, 3, 5, 7, 10, 14, 15, 20, 30, 45, 60, 90].map((d) => ({ value: d, label: d === 0 ? '当天' : `提前 ${d} 天` }));

function leadDaysText(days: readonly number[]): string {
  return normalizeLeadDays(days).map((d) => (d === 0 ? '当天' : `提前 ${d} 天`)).join('、');
}

function SettingsForm({ settings }: { readonly settings: ReminderSettings }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReminderSettings>();
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const scheduling = useSchedulingStatus();

  const save = async () => {
    let values: ReminderSettings;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setIsSaving(true);
    setFailure(null);
    try {
      await saveReminderSettings(repositories, { ...settings, ...values });
      void message.success('提醒设置已保存');
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card size="small" title="提醒设置" style={{ maxWidth: 720 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={platform.kind === 'electron' ? '桌面版：到时由系统通知提醒，窗口关闭到托盘时也会提醒' : '浏览器版：在页面顶部的提醒面板（铃铛）中列出逾期和即将到期的事项'}
        description={`当前：${settings.isEnabled ? leadDaysText(settings.leadDays) : '已关闭'}；逾期事项${settings.isOverdueDaily ? '每天提醒，直至标记完成' : '不单独提醒'}。`}
      />
      <Form form={form} layout="vertical" initialValues={settings}>
        <Form.Item name="isEnabled" label="启用提醒" valuePropName="checked">
          <Switch aria-label="启用提醒" />
        </Form.Item>
        <Form.Item
          name="leadDays"
          label="提前提醒"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个提醒时间' }]}
          extra={`默认：${leadDaysText(DEFAULT_LEAD_DAYS)}`}
        >
          <Select mode="multiple" aria-label="提前提醒" options={LEAD_OPTIONS} style={{ maxWidth: 480 }} />
        </Form.Item>
        <Form.Item name="timeOfDay" label="提醒时间" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间格式应为 HH:MM，如 09:00' }]}>
          <Input aria-label="提醒时间" style={{ width: 120 }} maxLength={5} />
        </Form.Item>
        <Form.Item name="isOverdueDaily" label="逾期事项每天提醒" valuePropName="checked">
          <Switch aria-label="逾期事项每天提醒" />
        </Form.Item>
        <Space>
          <Button type="primary" loading={isSaving} onClick={() => void save()}>保存提醒设置</Button>
        </Space>
      </Form>
      {failure !== null && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
      {scheduling.state === 'scheduled' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          已安排 {scheduling.scheduled} 条系统通知{scheduling.next === null ? '' : `，最近一条：${new Date(scheduling.next.fireAt).toLocaleString('zh-CN')}“${scheduling.next.title}”`}。
        </Typography.Paragraph>
      )}
      {scheduling.state === 'failed' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={`系统通知安排失败：${scheduling.message}`} />}
    </Card>
  );
}

export function ReminderSettingsPanel() {
  const { isLoaded, settings } = useReminderSettings();
  if (!isLoaded) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return <SettingsForm settings={settings} />;
}
