import { MAX_RECOGNITION_SCAN_BYTES, type MenuCommand, type Unsubscribe, type WorkbenchApi } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/util/result';
import { PlatformError, setPlatform, type DesktopRecognizer, type Platform } from './platform';

declare global {
  interface Window {
    /** Defined by the Electron preload (electron/preload/preload.ts); absent in a plain browser. */
    readonly workbench?: WorkbenchApi;
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new PlatformError(result.error.code, result.error.message);
  return result.value;
}

/** The Platform over the preload's API: native dialogs, notifications, the userData folder. */
export function createElectronPlatform(api: WorkbenchApi): Platform {
  // Native recognition where onnxruntime-node has a binary; elsewhere (Intel Macs) the page's own worker reads scans.
  const recognizer: DesktopRecognizer = {
    async recognize({ name, bytes, kind, jobId }) {
      // Said here by name rather than as main's generic refusal of an oversized payload.
      if (bytes.length > MAX_RECOGNITION_SCAN_BYTES) {
        return err('ocr.tooLarge', `文件“${name}”过大（超过 ${MAX_RECOGNITION_SCAN_BYTES / 1024 / 1024} MB），请降低扫描分辨率后再试。`);
      }
      try {
        return await api.recognizeScan(kind === undefined ? { jobId, name, bytes } : { jobId, name, bytes, kind });
      } catch {
        // invoke rejects only when main is gone or the payload cannot be cloned.
        return err('ocr.ipcFailed', `无法把“${name}”交给识别进程，请重试。如果问题持续，请重新启动应用。`);
      }
    },
    async cancel(jobId) {
      unwrap(await api.cancelRecognition({ jobId }));
    },
  };
  return {
    kind: 'electron',
    async saveFile(suggestedName, data, filters) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data;
      return unwrap(await api.saveFile({ suggestedName, bytes, filters })).isSaved;
    },
    async openFiles(filters, options) {
      const files = unwrap(await api.openFiles({ filters, isMultiple: options?.multiple ?? false }));
      return files.map((file) => ({ name: file.name, bytes: file.bytes }));
    },
    async getAppInfo() {
      return unwrap(await api.getAppInfo());
    },
    async scheduleReminders(reminders) {
      return unwrap(await api.scheduleReminders({ reminders }));
    },
    async loadKnowledgeBaseOverride() {
      const override = unwrap(await api.loadKnowledgeBaseOverride());
      return override.isPresent ? { path: override.path, text: override.text } : null;
    },
    backups: {
      async begin(target) {
        return unwrap(await api.beginBackup({ target }));
      },
      async append(sessionId, chunk) {
        unwrap(await api.appendBackup({ sessionId, chunk }));
      },
      async finish(sessionId, passphrase) {
        return unwrap(await api.finishBackup({ sessionId, passphrase }));
      },
      async abort(sessionId) {
        unwrap(await api.abortBackup({ sessionId }));
      },
      async list() {
        return unwrap(await api.listBackups());
      },
      async pickFile() {
        return unwrap(await api.pickBackupFile());
      },
      async read(source, offset, length) {
        return unwrap(await api.readBackup({ source, offset, length }));
      },
      async prune(policy) {
        return unwrap(await api.pruneBackups(policy)).deleted;
      },
      async remove(name) {
        unwrap(await api.deleteBackup({ name }));
      },
      async openFolder() {
        unwrap(await api.openBackupFolder());
      },
      async setPendingChanges(hasPendingChanges) {
        unwrap(await api.setPendingChanges({ hasPendingChanges }));
      },
      async reportQuitBackup(requestId, isBackedUp) {
        unwrap(await api.reportQuitBackup({ requestId, isBackedUp }));
      },
      onBackupRequested(listener) {
        return api.onBackupRequested(listener);
      },
    },
    osKeyStore: {
      async status() {
        return unwrap(await api.getOsKeyStatus());
      },
      async save(keyBase64, keyId) {
        unwrap(await api.saveOsKey({ keyBase64, keyId }));
      },
      async load() {
        return unwrap(await api.loadOsKey());
      },
      async clear() {
        unwrap(await api.clearOsKey());
      },
    },
    ...(api.hasNativeRecognition() ? { recognizer } : {}),
  };
}

/**
 * Switches `platform` to the Electron implementation when the preload is present. Call once at
 * start-up, before anything saves or opens a file. Returns whether Electron was found.
 */
export function installPlatform(): boolean {
  const api = window.workbench;
  if (api === undefined) return false;
  setPlatform(createElectronPlatform(api));
  return true;
}

/** Commands from the native menu (文件 › 导出工作区… and so on). In a browser nothing arrives. */
export const menuCommands = {
  subscribe(listener: (command: MenuCommand) => void): Unsubscribe {
    return window.workbench?.onMenuCommand(listener) ?? (() => undefined);
  },
};

/** Clicks on reminder notifications, with the reminder's id. In a browser nothing arrives. */
export const reminderClicks = {
  subscribe(listener: (reminderId: string) => void): Unsubscribe {
    return window.workbench?.onReminderClicked(listener) ?? (() => undefined);
  },
};
