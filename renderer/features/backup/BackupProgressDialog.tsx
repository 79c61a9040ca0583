import { Modal, Progress, Space, Spin, Typography } from 'antd';
import { useBackupState } from './backupContext';

/** The progress of the backup or restore the user started (see BackupProvider.tsx). */
export default function BackupProgressDialog() {
  const { operation } = useBackupState();
  const isOpen = operation?.isVisible === true;
  return (
    <Modal open={isOpen} title={operation?.title} closable={false} mask={{ closable: false }} keyboard={false} footer={null} width={480} destroyOnHidden>
      {operation && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{operation.progress.stage}…</Typography.Text>
          {operation.progress.percent === null
            ? <Spin aria-label="请稍候" />
            : <Progress percent={operation.progress.percent} status="active" aria-label="进度" />}
          <Typography.Text type="secondary">请勿关闭窗口。数据较多时可能需要一两分钟。</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
