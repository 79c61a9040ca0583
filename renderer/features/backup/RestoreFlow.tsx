import { Alert, App, Button, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { showFailureDialog } from '../../components/failureDialog';
import { describeError, describeText, type ErrorDescription } from '../../../shared/util/errorDescription';
import { useState, type ReactNode } from 'react';
import type { StoredBackupDto } from '../../../shared/ipc/contract';
import type { LoadedBackup, PreparedRestore } from '../../storage/backup/backupController';
import { useBackupController } from './backupContext';
import { BACKUP_REASON_LABEL, describeTableCounts, formatBytes, formatDateTime } from './formatBackup';
import { leaveRestoreNotice } from '../../storage/backup/restoreNotice';

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'choose'; readonly folder: string; readonly backups: readonly StoredBackupDto[] }
  | { readonly kind: 'passphrase'; readonly sourceName: string; readonly bytes: Uint8Array; readonly message: string }
  | { readonly kind: 'confirm'; readonly restore: PreparedRestore };

export interface RestoreFlow {
  /** 「从备份恢复」: the list of stored backups (desktop) or a file upload (browser). */
  readonly start: () => void;
  readonly dialogs: ReactNode;
}

/**
 * 「从备份恢复」: choose → load → verify everything (passphrase if encrypted) → show what is in
 * the backup → confirm → back up the current state → replace every table in one transaction →
 * reload. Until the confirmation nothing is written; any failure leaves the data as it was.
 */
export function useRestoreFlow(reload: () => void = () => window.location.reload()): RestoreFlow {
  const controller = useBackupController();
  const { modal, message } = App.useApp();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [passphraseForm] = Form.useForm<{ passphrase: string }>();

  const showFailure = (title: string, detail: ErrorDescription) => showFailureDialog(modal, title, detail, '现有数据没有任何改动。');

  const handleLoaded = (loaded: LoadedBackup | null) => {
    if (loaded === null) {
      setStep({ kind: 'idle' });
      return;
    }
    switch (loaded.kind) {
      case 'verified':
        setStep({ kind: 'confirm', restore: loaded.restore });
        return;
      case 'needsPassphrase':
        passphraseForm.resetFields();
        setStep({ kind: 'passphrase', sourceName: loaded.sourceName, bytes: loaded.bytes, message: loaded.message });
        return;
      case 'failed':
        setStep({ kind: 'idle' });
        showFailure(`无法从“${loaded.sourceName}”恢复`, describeText(loaded.message, { technical: loaded.technical ?? null }));
        return;
    }
  };

  const run = (work: () => Promise<LoadedBackup | null>, sourceName: string) => {
    work().then(handleLoaded, (error: unknown) => {
      setStep({ kind: 'idle' });
      showFailure(`无法从“${sourceName}”恢复`, describeError(error, { reason: '备份文件无法读取，可能已损坏或不是本应用的备份' }));
    });
  };

  const start = () => {
    if (!controller.getState().isDesktop) {
      run(() => controller.loadFromFile(), '所选文件');
      return;
    }
    controller.listStoredBackups().then(
      (listed) => setStep({ kind: 'choose', folder: listed?.folder ?? '', backups: listed?.backups ?? [] }),
      (error: unknown) => showFailure('无法读取备份列表', describeError(error)),
    );
  };

  const removeStored = (name: string) => {
    controller.deleteStoredBackup(name)
      .then(() => controller.listStoredBackups())
      .then((listed) => {
        setStep({ kind: 'choose', folder: listed?.folder ?? '', backups: listed?.backups ?? [] });
        void message.success('已删除该备份');
      })
      .catch((error: unknown) => showFailure('无法删除备份', describeError(error)));
  };

  const confirm = (prepared: PreparedRestore) => {
    setStep({ kind: 'idle' });
    controller.restore(prepared).then(({ undoBackup }) => {
      const summary = prepared.verified.summary;
      leaveRestoreNotice({
        sourceName: prepared.sourceName, records: summary.records, files: summary.fileCount,
        undoName: undoBackup.name, undoLocation: undoBackup.location,
      });
      reload();
    }, (error: unknown) => showFailure('恢复未完成', describeError(error)));
  };

  const submitPassphrase = (current: Extract<Step, { kind: 'passphrase' }>) => {
    passphraseForm.validateFields().then(({ passphrase }) => {
      setStep({ kind: 'idle' });
      run(() => controller.verifyAgain(current.sourceName, current.bytes, passphrase), current.sourceName);
    }, () => undefined);
  };

  let dialog: ReactNode = null;
  if (step.kind === 'choose') {
    dialog = (
      <Modal
        open
        title="从备份恢复"
        width={760}
        onCancel={() => setStep({ kind: 'idle' })}
        footer={[
          <Button key="file" onClick={() => run(() => controller.loadFromFile(), '所选文件')}>从其他文件恢复…</Button>,
          <Button key="cancel" onClick={() => setStep({ kind: 'idle' })}>取消</Button>,
        ]}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">备份文件夹：{step.folder}</Typography.Text>
          <Table<StoredBackupDto>
            size="small"
            rowKey="name"
            dataSource={[...step.backups]}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            locale={{ emptyText: '备份文件夹中还没有备份' }}
            columns={[
              { title: '备份时间', render: (_: unknown, b) => formatDateTime(b.createdAt) },
              { title: '类型', width: 110, render: (_: unknown, b) => <Tag color={b.isAutomatic ? 'blue' : b.reason === 'manual' ? 'green' : 'orange'}>{BACKUP_REASON_LABEL[b.reason]}</Tag> },
              { title: '大小', width: 100, align: 'right', render: (_: unknown, b) => formatBytes(b.size) },
              {
                title: '操作', width: 150, render: (_: unknown, b) => (
                  <Space>
                    <Button size="small" type="primary" aria-label={`恢复 ${formatDateTime(b.createdAt)} 的备份`} onClick={() => run(() => controller.loadStored(b.name), formatDateTime(b.createdAt))}>恢复…</Button>
                    <Popconfirm title="删除这份备份？" description="删除后无法找回。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeStored(b.name)}>
                      <Button size="small" danger aria-label={`删除 ${formatDateTime(b.createdAt)} 的备份`}>删除</Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      </Modal>
    );
  } else if (step.kind === 'passphrase') {
    dialog = (
      <Modal open title="输入备份密码" okText="继续" cancelText="取消" onCancel={() => setStep({ kind: 'idle' })} onOk={() => submitPassphrase(step)} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type={step.message === '备份密码不正确' ? 'error' : 'info'} showIcon title={step.message} description={`“${step.sourceName}”已加密，需输入备份时设置的备份密码。`} />
          <Form form={passphraseForm} name="restorePassphrase" layout="vertical" onFinish={() => submitPassphrase(step)}>
            <Form.Item name="passphrase" label="备份密码" rules={[{ required: true, message: '请输入备份密码' }]}>
              <Input.Password autoFocus autoComplete="off" />
            </Form.Item>
          </Form>
        </Space>
      </Modal>
    );
  } else if (step.kind === 'confirm') {
    const { manifest, summary } = step.restore.verified;
    dialog = (
      <Modal
        open
        title="确认从备份恢复"
        width={620}
        okText="恢复"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onCancel={() => setStep({ kind: 'idle' })}
        onOk={() => confirm(step.restore)}
      >
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text>备份已完整校验（每个数据表和文件的 SHA-256 均一致）。</Typography.Text>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
            <Descriptions.Item label="备份文件">{step.restore.sourceName}</Descriptions.Item>
            <Descriptions.Item label="备份时间">{formatDateTime(manifest.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="应用版本">{manifest.appVersion}{manifest.encryption !== null ? '（已加密）' : ''}</Descriptions.Item>
            <Descriptions.Item label="内容">
              {describeTableCounts(summary.tables) || '没有记录'}
              {`；文件 ${summary.fileCount} 个（${formatBytes(summary.fileBytes)}）`}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type="warning"
            showIcon
            title="恢复将用该备份替换当前的全部数据"
            description={controller.getState().isDesktop
              ? '恢复前会先把当前数据备份到备份文件夹（类型为“恢复前备份”），需要时可从它再恢复，撤销本次恢复。'
              : '恢复前会先下载一份当前数据的备份（“恢复前备份-….cwbackup”），需要时可用它撤销本次恢复。'}
          />
        </Space>
      </Modal>
    );
  }

  return { start, dialogs: dialog };
}
