import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BackupController, BackupState } from '../../storage/backup/backupController';

export const BackupControllerContext = createContext<BackupController | null>(null);

/** The app's backup controller; BackupProvider (mounted in App) supplies it. */
export function useBackupController(): BackupController {
  const controller = useContext(BackupControllerContext);
  if (controller === null) throw new Error('useBackupController needs <BackupProvider> above it');
  return controller;
}

export function useBackupState(): BackupState {
  const controller = useBackupController();
  return useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
}
