import { LockOutlined } from '../../components/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { unlockWithPassphrase } from '../../storage/vaultOperations';
import { appVaultDeps } from '../../storage/vaultAccess';
import { errorMessage } from '../../components/failureDialog';

/** The recovery-passphrase form VaultGate shows for a locked store (loaded only then). */
export default function UnlockScreen({ onUnlocked }: { readonly onUnlocked: () => void }) {
  const [form] = Form.useForm<{ passphrase: string }>();
  const [error, setError] = useState<string | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  const isDesktop = appVaultDeps().osKeyStore !== undefined;

  const unlock = async ({ passphrase }: { passphrase: string }) => {
    setIsWorking(true);
    setError(null);
    try {
      await unlockWithPassphrase(appVaultDeps(), passphrase);
      onUnlocked();
    } catch (caught) {
      setError(errorMessage(caught));
      form.setFieldValue('passphrase', '');
    } finally {
      setIsWorking(false);
    }
  };

  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f4f6f9' }}>
      <Card style={{ width: 480 }} title={<span><LockOutlined /> 数据已加密</span>}>
        <Typography.Paragraph>本工作区的身份证号码等个人信息和材料文件已加密保存。请输入开启加密时设定的恢复口令解锁。</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {isDesktop
            ? '解锁后，本机会将密钥交由操作系统保护，下次启动无需再次输入。从其他电脑的备份恢复后，需要输入该备份的恢复口令。'
            : '浏览器版每次打开都需要输入恢复口令。'}
        </Typography.Paragraph>
        <Form form={form} name="vaultUnlock" layout="vertical" onFinish={(values) => void unlock(values)} requiredMark={false}>
          <Form.Item name="passphrase" label="恢复口令" rules={[{ required: true, message: '请输入恢复口令' }]}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={isWorking} block>解锁</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          恢复口令只有您知道，本应用无法代为找回；忘记口令时，加密的数据无法解开。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
