import { LockOutlined, UnlockOutlined } from '../../components/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { sameAsFieldRule } from '../../components/fieldRules';
import { MIN_PASSPHRASE_LENGTH, checkPassphrase } from '../../../shared/vault/vaultCrypto';
import type { OsKeyStatus } from '../../platform/platform';
import { changePassphrase, disableEncryption, enableEncryption, type FileSweepProgress } from '../../storage/vaultOperations';
import { appVaultDeps, useVaultView } from '../../storage/vaultAccess';
import { errorMessage, showFailureDialog } from '../../components/failureDialog';
import { describeError } from '../../../shared/util/errorDescription';

interface PassphraseValues {
  readonly current?: string;
  readonly passphrase: string;
  readonly confirm: string;
}

const passphraseRules = [
  { required: true, message: '请输入恢复口令' },
  { validator: (_: unknown, value: string | undefined) => {
    const problem = value ? checkPassphrase(value) : null;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  } },
];

/**
 * 设置 › 个人信息加密: turning encryption at rest on and off, and changing the recovery
 * passphrase. The work (sealing every stored file) shows progress in a dialog that cannot be
 * dismissed; closing the window midway is safe (see vaultOperations.ts).
 */
export function EncryptionSection() {
  const { isEnabled } = useVaultView();
  const { message, modal } = App.useApp();
  const [osStatus, setOsStatus] = useState<OsKeyStatus | null>(null);
  const [dialog, setDialog] = useState<'enable' | 'change' | null>(null);
  const [progress, setProgress] = useState<{ title: string; sweep: FileSweepProgress | null } | null>(null);
  const [form] = Form.useForm<PassphraseValues>();
  const deps = appVaultDeps();

  useEffect(() => {
    deps.osKeyStore?.status().then(setOsStatus, (error: unknown) => console.warn('[vault] OS key status failed', error));
    // The store does not change while the page is open; its status after enabling is re-read below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isEnabled]);

  const run = async (title: string, work: (onProgress: (p: FileSweepProgress) => void) => Promise<void>, done: string) => {
    setProgress({ title, sweep: null });
    try {
      await work((sweep) => setProgress({ title, sweep }));
      message.success(done);
      return true;
    } catch (error) {
      showFailureDialog(modal, `${title}失败`, describeError(error), '已保存的数据没有改变，可以再试一次。');
      return false;
    } finally {
      setProgress(null);
    }
  };

  const submit = async (values: PassphraseValues) => {
    if (dialog === 'enable') {
      setDialog(null);
      form.resetFields();
      await run('开启加密', (onProgress) => enableEncryption(deps, values.passphrase, onProgress), '个人信息加密已开启');
    } else if (dialog === 'change') {
      try {
        await changePassphrase(deps, values.current ?? '', values.passphrase);
        setDialog(null);
        form.resetFields();
        message.success('恢复口令已更改。此前的备份仍需用旧口令恢复');
      } catch (error) {
        form.setFields([{ name: 'current', errors: [errorMessage(error)] }]);
      }
    }
  };

  const confirmDisable = () => {
    modal.confirm({
      title: '关闭个人信息加密？',
      content: '身份证号码、电话、材料文件将以明文保存在本机。已有的加密备份仍需恢复口令才能恢复。',
      okText: '关闭加密',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => run('关闭加密', (onProgress) => disableEncryption(deps, onProgress), '个人信息加密已关闭'),
    });
  };

  const percent = progress?.sweep && progress.sweep.total > 0 ? Math.round((progress.sweep.done / progress.sweep.total) * 100) : null;

  return (
    <Card title="个人信息加密" extra={isEnabled ? <Tag color="green" icon={<LockOutlined />}>已开启</Tag> : <Tag icon={<UnlockOutlined />}>未开启</Tag>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          身份证号码属于《个人信息保护法》规定的敏感个人信息。开启后，人员的身份证号码和电话、材料的标题、文件名、编号和文件内容，以及涉及它们的修改记录，在本机以 AES-256 加密保存；备份中同样是加密的，并带有用恢复口令保护的密钥，可在其他电脑上凭恢复口令恢复。
        </Typography.Paragraph>
        <Descriptions size="small" column={1} bordered items={[
          { key: 'state', label: '状态', children: isEnabled ? '已开启' : '未开启' },
          {
            key: 'os',
            label: '密钥保护',
            children: deps.osKeyStore === undefined
              ? '浏览器版：仅由恢复口令保护，每次打开需输入口令'
              : osStatus === null ? '正在检查…'
                : osStatus.isAvailable ? '由操作系统保护（启动时自动解锁）' : `操作系统保护不可用：${osStatus.reason ?? ''}；每次启动需输入恢复口令`,
          },
        ]} />
        {isEnabled && (
          <Alert type="info" showIcon title="请妥善保管恢复口令" description="在其他电脑恢复备份、或本机系统密钥丢失时，只能凭恢复口令解开加密数据。口令遗失后无法找回。" />
        )}
        <Space wrap>
          {!isEnabled && <Button type="primary" icon={<LockOutlined />} onClick={() => setDialog('enable')}>开启加密…</Button>}
          {isEnabled && <Button onClick={() => setDialog('change')}>更改恢复口令…</Button>}
          {isEnabled && <Button danger onClick={confirmDisable}>关闭加密…</Button>}
        </Space>
      </Space>

      <Modal
        open={dialog !== null}
        title={dialog === 'enable' ? '开启个人信息加密' : '更改恢复口令'}
        okText={dialog === 'enable' ? '开启加密' : '更改口令'}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} name="vaultPassphrase" layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} preserve={false}>
          {dialog === 'enable' && (
            <Typography.Paragraph type="secondary">
              设定恢复口令（至少 {MIN_PASSPHRASE_LENGTH} 个字符）。开启时会加密已保存的全部材料文件，文件较多时需要一些时间。开启前已写入磁盘的明文，可能在浏览器存储整理前仍残留在磁盘上。
            </Typography.Paragraph>
          )}
          {dialog === 'change' && (
            <Form.Item name="current" label="当前恢复口令" rules={[{ required: true, message: '请输入当前恢复口令' }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          )}
          <Form.Item name="passphrase" label={dialog === 'change' ? '新恢复口令' : '恢复口令'} rules={passphraseRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入"
            dependencies={['passphrase']}
            rules={[{ required: true, message: '请再次输入恢复口令' }, sameAsFieldRule('passphrase', '两次输入的口令不一致')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={progress !== null} title={progress?.title} closable={false} mask={{ closable: false }} keyboard={false} footer={null} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{progress?.sweep ? `正在处理材料文件 ${progress.sweep.done} / ${progress.sweep.total}` : '正在处理个人信息字段…'}</Typography.Text>
          <Progress percent={percent ?? 0} status="active" aria-label="进度" />
          <Typography.Text type="secondary">
            {progress?.title === '开启加密'
              ? '请勿关闭窗口。如窗口意外关闭，已保存的数据不会损坏，下次打开时会继续加密剩余文件。'
              : '请勿关闭窗口。如窗口意外关闭，已保存的数据不会损坏，加密仍保持开启，可再次关闭。'}
          </Typography.Text>
        </Space>
      </Modal>
    </Card>
  );
}
