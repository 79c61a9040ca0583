import type {
  AppInfo, BackupSource, BackupTarget, BeginBackupResponse, FinishedBackupDto, ListBackupsResponse, PickBackupFileResponse,
  PruneBackupsRequest, ReadBackupResponse, ReminderDto, ScheduleRemindersResponse, Unsubscribe,
} from '../../shared/ipc/contract';
import type { DocumentKind } from '../../shared/ocr/fields';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import type { Result } from '../../shared/util/result';

/**
 * What the page may ask of the machine. In Electron these go through the preload's named API
 * (window.workbench) to native dialogs; in the browser build they degrade to a download and a
 * file input. Feature code calls `platform`, never window.workbench directly.
 */
export interface FileFilter {
  /** Chinese label, e.g. "工作区文件". */
  readonly name: string;
  /** Extensions without dots: ["json"]. */
  readonly extensions: readonly string[];
}

export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Desktop only: backup files kept by main in the user's data folder and 「备份到…」 files, written
 * as a stream and verified by main (see electron/main/backup/backupService.ts). Every method rejects
 * with a PlatformError carrying a Chinese message.
 */
export interface DesktopBackups {
  begin(target: BackupTarget): Promise<BeginBackupResponse>;
  append(sessionId: string, chunk: Uint8Array): Promise<void>;
  finish(sessionId: string, passphrase: string | null): Promise<FinishedBackupDto>;
  abort(sessionId: string): Promise<void>;
  list(): Promise<ListBackupsResponse>;
  pickFile(): Promise<PickBackupFileResponse>;
  read(source: BackupSource, offset: number, length: number): Promise<ReadBackupResponse>;
  prune(policy: PruneBackupsRequest): Promise<readonly string[]>;
  remove(name: string): Promise<void>;
  openFolder(): Promise<void>;
  setPendingChanges(hasPendingChanges: boolean): Promise<void>;
  reportQuitBackup(requestId: string, isBackedUp: boolean): Promise<void>;
  /** Main asks for a backup before quitting; answer with reportQuitBackup. */
  onBackupRequested(listener: (requestId: string) => void): Unsubscribe;
}

export interface OsKeyStatus {
  /** safeStorage can encrypt on this machine (on Linux: a real keyring backend, not 'basic_text'). */
  readonly isAvailable: boolean;
  /** Chinese explanation when not available (e.g. "系统钥匙串不可用：…"), else null. */
  readonly reason: string | null;
  /** A protected key file exists. */
  readonly hasKey: boolean;
}

/**
 * Desktop only: the data-encryption key of encryption at rest, kept by main encrypted with the
 * OS's protection (see electron/main/osKeyStore.ts), so that the page can open the vault on
 * start without asking for the recovery passphrase.
 */
interface OsKeyStore {
  status(): Promise<OsKeyStatus>;
  /** Protects and stores the key (base64 of 32 bytes) with its keyId (16 lowercase hex chars). Rejects with PlatformError when safeStorage is unavailable or the write fails. */
  save(keyBase64: string, keyId: string): Promise<void>;
  /** The stored key, or null when there is none or it cannot be decrypted here (another machine/user: the OS key differs). Never throws for "cannot decrypt": return null. */
  load(): Promise<{ readonly keyBase64: string; readonly keyId: string } | null>;
  /** Deletes the stored key file (turning encryption off, or forgetting the key). */
  clear(): Promise<void>;
}

export interface RecognitionRequest {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The kind the officer expects; without it the kind is detected. */
  readonly kind?: DocumentKind;
  /** Chosen by the caller, unique among its pending jobs: 1–100 characters of [A-Za-z0-9_-]. */
  readonly jobId: string;
}

/**
 * Desktop only: scan recognition on the native runtime (onnxruntime-node in a utility process
 * main starts on first use; models loaded once; one scan at a time, the others wait in order).
 * Feature code goes through renderer/features/recognition/recognitionClient.ts, not here.
 */
export interface DesktopRecognizer {
  /**
   * Never rejects: every failure is an error value with a Chinese message — the scan's own
   * (ocr.notImage, ocr.blank, …), 'ocr.cancelled' ("已取消识别。") after cancel(jobId), or
   * 'ocr.processCrashed' when the recognition process died during the job.
   */
  recognize(request: RecognitionRequest): Promise<Result<ScanRecognition>>;
  /**
   * Cancels a waiting or running job; its recognize() resolves with 'ocr.cancelled'. Unknown or
   * finished ids are ignored. Rejects with a PlatformError only when main refuses the id.
   */
  cancel(jobId: string): Promise<void>;
}

export interface Platform {
  readonly kind: 'electron' | 'browser';
  /**
   * Lets the user save bytes; resolves false when they cancel. Rejects with a PlatformError.
   * A Blob lets the browser build download a large file without copying it into one array.
   */
  saveFile(suggestedName: string, bytes: Uint8Array | string | Blob, filters: readonly FileFilter[]): Promise<boolean>;
  /** Lets the user pick files; resolves [] when they cancel. Rejects with a PlatformError. */
  openFiles(filters: readonly FileFilter[], options?: { readonly multiple?: boolean }): Promise<PickedFile[]>;
  /** Desktop only: version, OS and data folder. Absent in the browser build. */
  getAppInfo?(): Promise<AppInfo>;
  /**
   * Desktop only: replaces the reminders main shows as system notifications at their time, also
   * while the window is hidden in the tray. Absent in the browser build.
   */
  scheduleReminders?(reminders: readonly ReminderDto[]): Promise<ScheduleRemindersResponse>;
  /**
   * Desktop only: the text of <userData>/knowledge-base.json, or null when there is none. The
   * caller validates it. Absent in the browser build.
   */
  loadKnowledgeBaseOverride?(): Promise<{ readonly path: string; readonly text: string } | null>;
  /** Desktop only: automatic and stored backups. Absent in the browser build. */
  readonly backups?: DesktopBackups;
  /** Desktop only: the data-encryption key kept protected by the OS (Electron safeStorage). Absent in the browser build. */
  readonly osKeyStore?: OsKeyStore;
  /** Desktop only: native scan recognition. Absent in the browser build (it uses a Web Worker). */
  readonly recognizer?: DesktopRecognizer;
}

/** A failure reported by the platform, with a stable code and a Chinese message to show as is. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function mimeFor(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    json: 'application/json', pdf: 'application/pdf', ics: 'text/calendar',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', png: 'image/png', zip: 'application/zip',
  };
  return types[ext] ?? 'application/octet-stream';
}

export const browserPlatform: Platform = {
  kind: 'browser',
  saveFile(suggestedName, data) {
    const blob = data instanceof Blob ? data : new Blob([toBytes(data).slice().buffer], { type: mimeFor(suggestedName) });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = suggestedName;
    anchor.style.display = 'none';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoke later: Chromium reads the blob URL asynchronously after the click.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return Promise.resolve(true);
  },
  openFiles(filters, options) {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = options?.multiple ?? false;
      input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const files = [...(input.files ?? [])];
        input.remove();
        void Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))).then(resolve);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve([]);
      });
      document.body.append(input);
      input.click();
    });
  },
};

/**
 * The platform in use. The Electron implementation (renderer/platform/electronPlatform.ts) wraps
 * window.workbench, which the preload defines; without it we are in a plain browser.
 */
export let platform: Platform = browserPlatform;

export function setPlatform(next: Platform): void {
  platform = next;
}
