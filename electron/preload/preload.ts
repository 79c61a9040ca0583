import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNELS, IPC_EVENTS, isMenuCommand,
  type IpcChannel, type IpcEventChannel, type IpcRequest, type IpcResult, type Unsubscribe, type WorkbenchApi,
} from '../../shared/ipc/contract';
import { hasNativeRecognition } from '../../shared/ocr/nativeTargets';

/**
 * The sandboxed preload. It exposes a small named API as window.workbench and nothing else: the
 * page never gets ipcRenderer, a generic invoke, or a channel name of its own choosing.
 */

function invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, request) as Promise<IpcResult<C>>;
}

function subscribe<T>(channel: IpcEventChannel, isPayload: (value: unknown) => value is T, listener: (payload: T) => void): Unsubscribe {
  const onEvent = (_event: IpcRendererEvent, payload: unknown): void => {
    // Only main can send here, but a malformed payload should not reach page code typed as T.
    if (isPayload(payload)) listener(payload);
  };
  ipcRenderer.on(channel, onEvent);
  return () => {
    ipcRenderer.removeListener(channel, onEvent);
  };
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

const workbenchApi = {
  saveFile: (request) => invoke(IPC_CHANNELS.saveFile, request),
  openFiles: (request) => invoke(IPC_CHANNELS.openFiles, request),
  getAppInfo: () => invoke(IPC_CHANNELS.getAppInfo, undefined),
  scheduleReminders: (request) => invoke(IPC_CHANNELS.scheduleReminders, request),
  loadKnowledgeBaseOverride: () => invoke(IPC_CHANNELS.loadKnowledgeBaseOverride, undefined),
  beginBackup: (request) => invoke(IPC_CHANNELS.beginBackup, request),
  appendBackup: (request) => invoke(IPC_CHANNELS.appendBackup, request),
  finishBackup: (request) => invoke(IPC_CHANNELS.finishBackup, request),
  abortBackup: (request) => invoke(IPC_CHANNELS.abortBackup, request),
  listBackups: () => invoke(IPC_CHANNELS.listBackups, undefined),
  pickBackupFile: () => invoke(IPC_CHANNELS.pickBackupFile, undefined),
  readBackup: (request) => invoke(IPC_CHANNELS.readBackup, request),
  pruneBackups: (request) => invoke(IPC_CHANNELS.pruneBackups, request),
  deleteBackup: (request) => invoke(IPC_CHANNELS.deleteBackup, request),
  openBackupFolder: () => invoke(IPC_CHANNELS.openBackupFolder, undefined),
  setPendingChanges: (request) => invoke(IPC_CHANNELS.setPendingChanges, request),
  reportQuitBackup: (request) => invoke(IPC_CHANNELS.reportQuitBackup, request),
  getOsKeyStatus: () => invoke(IPC_CHANNELS.getOsKeyStatus, undefined),
  saveOsKey: (request) => invoke(IPC_CHANNELS.saveOsKey, request),
  loadOsKey: () => invoke(IPC_CHANNELS.loadOsKey, undefined),
  clearOsKey: () => invoke(IPC_CHANNELS.clearOsKey, undefined),
  // The sandboxed preload's process still tells platform and arch; no IPC needed.
  hasNativeRecognition: () => hasNativeRecognition(process.platform, process.arch),
  recognizeScan: (request) => invoke(IPC_CHANNELS.recognizeScan, request),
  cancelRecognition: (request) => invoke(IPC_CHANNELS.cancelRecognition, request),
  onMenuCommand: (listener) => subscribe(IPC_EVENTS.menuCommand, isMenuCommand, listener),
  onReminderClicked: (listener) => subscribe(IPC_EVENTS.reminderClicked, isNonEmptyString, listener),
  onBackupRequested: (listener) => subscribe(IPC_EVENTS.backupRequested, isNonEmptyString, listener),
} satisfies WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', workbenchApi);
