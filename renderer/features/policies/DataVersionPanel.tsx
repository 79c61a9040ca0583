import { CloudUploadOutlined, RollbackOutlined } from '../../components/icons';
import { Alert, App, Button, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { platform } from '../../platform/platform';
import { errorMessage } from '../../components/failureDialog';
import { useKnowledgeBase, useKnowledgeBaseStore } from './KnowledgeBaseProvider';

const PACK_FILTERS = [{ name: '政策数据包', extensions: ['json'] }] as const;

/** The reason part of a refusal ("……。原因：……"), the title already says what happened. */
function refusalReason(message: string): string {
  const at = message.indexOf('原因：');
  return at < 0 ? message : message.slice(at);
}

/**
 * Which policy data is in use and why (内置 / 已更新 / 更新包无效：原因), and in the browser build
 * the import of a newer pack. The desktop app takes packs from the user's data folder instead.
 */
export function DataVersionPanel() {
  const active = useKnowledgeBase();
  const store = useKnowledgeBaseStore();
  const { message } = App.useApp();
  const [isBusy, setBusy] = useState(false);
  const [isRefusalDismissed, setRefusalDismissed] = useState(false);

  const importPack = async () => {
    setBusy(true);
    try {
      const [file] = await platform.openFiles(PACK_FILTERS);
      if (file === undefined) return;
      // Bytes, not text: a file that is not valid UTF-8 is refused with the reason, never repaired.
      const outcome = await store.importPack(file.bytes);
      setRefusalDismissed(false);
      if (outcome.isAccepted) void message.success(outcome.message);
    } catch (e) {
      void message.error(errorMessage(e, { lead: '导入政策数据包失败' }));
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    await store.removeImportedPack();
    void message.success('已恢复使用内置政策数据');
  };

  const isOverride = active.origin === 'override';
  const refusal = active.notice?.kind === 'refused' && !isRefusalDismissed ? active.notice.message : null;

  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }}>
      <Flex gap={8} align="center" wrap justify="flex-end">
        <Typography.Text type="secondary">政策数据版本</Typography.Text>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>{active.kb.dataVersion}</Typography.Text>
        <Tag color={isOverride ? 'blue' : 'green'} aria-label="数据来源">{isOverride ? '已更新' : '内置'}</Tag>
        {active.canImport ? (
          <Button icon={<CloudUploadOutlined />} loading={isBusy} onClick={() => void importPack()}>导入政策数据包</Button>
        ) : null}
        {active.hasImportedPack && isOverride ? (
          <Popconfirm title="恢复使用内置政策数据？" description="已导入的数据包将被移除。" okText="恢复" cancelText="取消" onConfirm={() => void restore()}>
            <Button icon={<RollbackOutlined />}>恢复内置数据</Button>
          </Popconfirm>
        ) : null}
      </Flex>
      {isOverride && active.notice !== null ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'right' }}>
          {active.notice.message}{active.overridePath !== null ? `（${active.overridePath}）` : ''}
        </Typography.Text>
      ) : null}
      {!active.canImport && !isOverride ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'right' }}>
          更新方法：将新版政策数据包 knowledge-base.json 放入本应用的用户数据文件夹，重新启动后生效。
        </Typography.Text>
      ) : null}
      {refusal !== null ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setRefusalDismissed(true) }}
          title={`${refusal.startsWith('政策数据包无效') ? '更新包无效，已拒绝' : '更新包未采用'}：仍在使用${isOverride ? '先前导入' : '内置'}的政策数据（版本 ${active.kb.dataVersion}）`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{refusalReason(refusal)}</span>}
        />
      ) : null}
    </Flex>
  );
}
