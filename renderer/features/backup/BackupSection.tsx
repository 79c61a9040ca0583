import { CloudDownloadOutlined, FolderOpenOutlined, HistoryOutlined, SaveOutlined } from '../../components/icons';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { sameAsFieldRule } from '../../components/fieldRules';
import type { BackupOutcome } from '../../storage/backup/backupOperations';
import { backupSettingsSchema, type BackupSettings } from '../../storage/backup/backupSettings';
import { useBackupController, useBackupState } from './backupContext';
import { formatBytes, formatDateTime } from './formatBackup';
import { useRestoreFlow } from './RestoreFlow';
import { errorMessage, showFailureDialog } from '../../components/failureDialog';
import { describeError } from '../../../shared/util/errorDescription';

/** 设置 › 备份与恢复. */
export function BackupSection() {
  const controller = useBackupController();
  const state = useBackupState();
  const { modal, message } = App.useApp();
  const restore = useRestoreFlow();
  const [folder, setFolder] = useState<string | null>(null);
  const [storedCount, setStoredCount] = useState<number | null>(null);
  const [settingsForm] = Form.useForm<BackupSettings>();
  const [passphraseForm] = Form.useForm<{ passphrase: string; confirm: string }>();
  const isBusy = state.operation !== null;

  const refreshList = () => {
    controller.listStoredBackups().then((listed) => {
      setFolder(listed?.folder ?? null);
      setStoredCount(listed?.backups.length ?? null);
    }, (error: unknown) => console.warn('[backup] list failed', error));
  };

  useEffect(() => {
    refreshList();
    // On mount and after every backup, also the automatic ones that run without this section.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.lastBackup]);

  useEffect(() => {
    settingsForm.setFieldsValue(state.settings);
  }, [settingsForm, state.settings]);

  const report = (work: Promise<BackupOutcome | null>) => {
    work.then((outcome) => {
      refreshList();
      if (outcome === null) return;
      modal.success({
        title: '备份完成',
        width: 560,
        okText: '知道了',
        content: (
          <Space orientation="vertical">
            <Typography.Text>已备份 {outcome.summary.records} 条记录和 {outcome.summary.fileCount} 个文件，备份已读回并逐项校验无误。</Typography.Text>
            <Typography.Text type="secondary" copyable={{ text: outcome.location }}>
              {outcome.location === '浏览器下载' ? `文件“${outcome.name}”已交给浏览器下载` : outcome.location}（{formatBytes(outcome.size)}{outcome.isEncrypted ? '，已加密' : ''}）
            </Typography.Text>
          </Space>
        ),
      });
    }, (error: unknown) => {
      showFailureDialog(modal, '备份失败', describeError(error), '工作区中的数据没有任何改动。');
    });
  };

  const saveSettings = (values: BackupSettings) => {
    controller.saveSettings(values).then(() => void message.success('备份设置已保存'), (error: unknown) => {
      modal.error({ title: '备份设置未保存', content: errorMessage(error) });
    });
  };

  const usePassphrase = ({ passphrase }: { passphrase: string }) => {
    controller.setPassphrase(passphrase);
    passphraseForm.resetFields();
    void message.success('之后的备份将使用该密码加密');
  };

  const statusTag = state.hasPendingChanges
    ? <Tag color="orange">有尚未备份的改动</Tag>
    : <Tag color="green">所有改动都已备份</Tag>;

  return (
    <Card title="备份与恢复" id="backup">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {state.isDesktop ? (
          <Alert
            type="info"
            showIcon
            title={`自动备份已开启：有改动时每 ${state.settings.intervalMinutes} 分钟备份一次，退出应用时也会备份`}
            description={`每份备份包含全部数据表和文档文件，写入后读回逐项校验。备份保存在：${folder ?? '（用户数据文件夹中的 backups 文件夹）'}`}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            title="浏览器版不会自动备份"
            description="自动备份仅在桌面版中提供。请定期点击“备份到…”下载备份文件并妥善保存（如拷贝到单位的存储设备）；恢复时点击“从备份恢复…”上传该文件。"
          />
        )}

        <Descriptions column={1} size="middle" bordered styles={{ label: { width: 160 } }}>
          <Descriptions.Item label="上次备份">
            {state.lastBackup ? `${formatDateTime(state.lastBackup.at)}（${state.lastBackup.name}）` : '尚未备份'}
          </Descriptions.Item>
          <Descriptions.Item label="当前状态">
            <Space wrap>
              {statusTag}
              {state.operation !== null && !state.operation.isVisible && <Tag color="processing">正在自动备份…</Tag>}
              {state.lastAutomaticError !== null && <Typography.Text type="danger">上次自动备份失败：{state.lastAutomaticError}</Typography.Text>}
            </Space>
          </Descriptions.Item>
          {state.isDesktop && (
            <Descriptions.Item label="备份文件夹中">{storedCount === null ? '—' : `${storedCount} 份备份`}</Descriptions.Item>
          )}
          <Descriptions.Item label="加密">
            {state.hasPassphrase ? <Tag color="green">已设置备份密码：新的备份会加密</Tag> : <Tag>未设置备份密码：备份不加密</Tag>}
          </Descriptions.Item>
        </Descriptions>

        <Space wrap>
          {state.isDesktop && (
            <Button type="primary" icon={<SaveOutlined />} disabled={isBusy} onClick={() => report(controller.backupNow())}>立即备份</Button>
          )}
          <Button type={state.isDesktop ? 'default' : 'primary'} icon={<CloudDownloadOutlined />} disabled={isBusy} onClick={() => report(controller.backupTo())}>备份到…</Button>
          <Button icon={<HistoryOutlined />} disabled={isBusy} onClick={restore.start}>从备份恢复…</Button>
          {state.isDesktop && (
            <Button icon={<FolderOpenOutlined />} onClick={() => {
              controller.openBackupFolder().catch((error: unknown) => {
                modal.error({ title: '无法打开备份文件夹', content: errorMessage(error) });
              });
            }}>打开备份文件夹</Button>
          )}
        </Space>

        {state.isDesktop && (
          <>
            <Divider titlePlacement="start" style={{ margin: 0 }}>自动备份设置</Divider>
            <Form<BackupSettings>
              form={settingsForm}
              name="backupSettings"
              layout="inline"
              initialValues={state.settings}
              onFinish={saveSettings}
              // No min/max on the inputs: antd would silently clamp 2 to 5; the rules say why instead.
              style={{ rowGap: 12 }}
            >
              <Form.Item name="intervalMinutes" label="备份间隔（分钟）" rules={[{ validator: (_, v) => fieldCheck('intervalMinutes', v) }]}>
                <InputNumber precision={0} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="keepLatest" label="保留最近（份）" rules={[{ validator: (_, v) => fieldCheck('keepLatest', v) }]}>
                <InputNumber precision={0} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="keepDailyForDays" label="另按天保留（天）" rules={[{ validator: (_, v) => fieldCheck('keepDailyForDays', v) }]}>
                <InputNumber precision={0} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item>
                <Button htmlType="submit">保存设置</Button>
              </Form.Item>
            </Form>
            <Typography.Text type="secondary">
              保留最近的若干份自动备份，另外保留最近若干天中每天的最后一份；更早的自动备份会被删除。手动备份和恢复前备份不会被自动删除。
            </Typography.Text>
          </>
        )}

        <Divider titlePlacement="start" style={{ margin: 0 }}>备份密码（可选）</Divider>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          设置后，之后的备份用 AES-256-GCM 加密，在另一台电脑上凭此密码即可恢复。密码只保存在本次运行的内存中，不写入磁盘，重新打开应用后需再次输入
          {state.isDesktop ? '；未输入时自动备份不加密（保存在本机的用户数据文件夹中）' : ''}。忘记密码将无法恢复加密的备份。
        </Typography.Paragraph>
        <Form form={passphraseForm} name="backupPassphrase" layout="inline" onFinish={usePassphrase} style={{ rowGap: 12 }}>
          <Form.Item name="passphrase" label="备份密码" rules={[{ required: true, message: '请输入备份密码' }, { min: 8, message: '至少 8 个字符' }]}>
            <Input.Password autoComplete="new-password" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入"
            dependencies={['passphrase']}
            rules={[{ required: true, message: '请再次输入备份密码' }, sameAsFieldRule('passphrase', '两次输入的密码不一致')]}
          >
            <Input.Password autoComplete="new-password" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button htmlType="submit">使用此密码</Button>
              {state.hasPassphrase && <Button onClick={() => controller.setPassphrase(null)}>不再加密</Button>}
            </Space>
          </Form.Item>
        </Form>
      </Space>
      {restore.dialogs}
    </Card>
  );
}

function fieldCheck(field: keyof BackupSettings, value: unknown): Promise<void> {
  const parsed = backupSettingsSchema.shape[field].safeParse(value ?? undefined);
  return parsed.success ? Promise.resolve() : Promise.reject(new Error(parsed.error.issues[0]?.message ?? '数值不正确'));
}
