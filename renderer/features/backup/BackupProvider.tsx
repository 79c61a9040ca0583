import { App, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { APP_VERSION } from '../../app/appVersion';
import { platform } from '../../platform/platform';
import { appWorkspaceSnapshots } from '../../storage/backup/snapshotAccess';
import { BackupController } from '../../storage/backup/backupController';
import { BackupControllerContext, useBackupState } from './backupContext';
import { takeRestoreNotice } from '../../storage/backup/restoreNotice';

const BackupProgressDialog = lazy(() => import('./BackupProgressDialog'));

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Owns the app's BackupController: change tracking, the automatic schedule and the backup at
 * quit (desktop) run as long as the app does, whatever page is open. Shows the progress dialog
 * of every backup or restore the user started, and what happened after a restore's reload.
 */
export function BackupProvider({ children }: { readonly children: ReactNode }) {
  const [controller] = useState(() => new BackupController({
    snapshots: appWorkspaceSnapshots,
    platform,
    storage: browserStorage(),
    appVersion: APP_VERSION,
    now: () => new Date(),
  }));

  useEffect(() => {
    controller.start().catch((error: unknown) => console.error('[backup] start failed', error));
    return () => controller.dispose();
  }, [controller]);

  return (
    <BackupControllerContext.Provider value={controller}>
      {children}
      <BackupProgress />
      <AutomaticBackupNotices />
    </BackupControllerContext.Provider>
  );
}

/** The progress dialog, loaded with the first backup or restore that shows progress. */
function BackupProgress() {
  const { operation } = useBackupState();
  const [isNeeded, setIsNeeded] = useState(false);
  if (operation?.isVisible === true && !isNeeded) setIsNeeded(true);
  return isNeeded ? <Suspense fallback={null}><BackupProgressDialog /></Suspense> : null;
}

/** Failures of scheduled backups (which run silently) and the result of a restore. */
function AutomaticBackupNotices() {
  const { notification, modal } = App.useApp();
  const { lastAutomaticError } = useBackupState();

  useEffect(() => {
    if (lastAutomaticError === null) return;
    notification.error({ key: 'automatic-backup', title: '自动备份失败', description: `${lastAutomaticError}。将在下次计划时间重试；也可以在“设置”中手动备份。`, duration: 0 });
  }, [lastAutomaticError, notification]);

  useEffect(() => {
    const notice = takeRestoreNotice();
    if (notice === null) return;
    modal.success({
      title: '已从备份恢复',
      width: 520,
      okText: '知道了',
      content: (
        <Space orientation="vertical">
          <Typography.Text>已恢复“{notice.sourceName}”：{notice.records} 条记录，{notice.files} 个文件。</Typography.Text>
          <Typography.Text type="secondary">恢复前的数据已备份为“{notice.undoName}”（{notice.undoLocation}），如需撤销本次恢复，可从该备份再恢复一次。</Typography.Text>
        </Space>
      ),
    });
  }, [modal]);
  return null;
}
