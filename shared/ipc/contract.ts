import type { DocumentKind } from '../ocr/fields';
import type { ScanRecognition } from '../ocr/recognition';
import type { Result } from '../util/result';

/**
 * The one contract between Electron's main process and the page. Every channel name lives here
 * and nowhere else: main registers handlers through a helper typed by `IpcContract`, the preload
 * invokes through `IPC_CHANNELS`, and adding a channel without a handler is a compile error.
 *
 * This file holds no zod schemas on purpose: the preload imports the channel names, and a
 * module-level `z.object(...)` call would drag all of zod into the sandboxed preload bundle.
 * The request schemas live in ./requestSchemas.ts, typed against `IpcRequest<C>` below.
 */

/** A file-type filter for native dialogs. */
export interface IpcFileFilter {
  /** Chinese label shown in the dialog, e.g. "工作区文件". */
  readonly name: string;
  /** Extensions without dots: ["json"]. */
  readonly extensions: readonly string[];
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly filters: readonly IpcFileFilter[];
}

export type SaveFileResponse =
  | { readonly isSaved: true; readonly path: string }
  | { readonly isSaved: false };

export interface OpenFilesRequest {
  readonly filters: readonly IpcFileFilter[];
  readonly isMultiple: boolean;
}

export interface PickedFileDto {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface AppInfo {
  readonly version: string;
  /** Node's process.platform: "win32", "darwin", "linux". */
  readonly platform: string;
  readonly userDataPath: string;
}

/** A reminder the page asks main to show as a native notification at `fireAt`. */
export interface ReminderDto {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** ISO 8601 date-time with an offset or Z, e.g. "2021-12-01T09:00:00+08:00". */
  readonly fireAt: string;
}

interface ScheduleRemindersRequest {
  /** The complete list: it replaces whatever was scheduled before. */
  readonly reminders: readonly ReminderDto[];
}

export interface ScheduleRemindersResponse {
  readonly scheduled: number;
  /** Reminders whose time had already passed; they are not shown. */
  readonly skippedPast: number;
}

export type KnowledgeBaseOverrideResponse =
  | { readonly isPresent: true; readonly path: string; readonly text: string }
  | { readonly isPresent: false; readonly path: string };

/**
 * Backups. The page streams an archive (shared/backup/backupArchive.ts) to main in chunks; main
 * writes it to a temporary file, verifies it by reading it back, and only then gives it its
 * name. The page never names a path: stored backups are addressed by the names main lists, files
 * the user picked by a token main handed out.
 */
export type BackupReason = 'automatic' | 'manual' | 'beforeRestore';

export type BackupTarget =
  /** <userData>/backups, named by main. */
  | { readonly kind: 'backupFolder'; readonly reason: BackupReason }
  /** 「备份到…」: a save dialog; the name is only a suggestion. */
  | { readonly kind: 'chooseLocation'; readonly suggestedName: string };

interface BeginBackupRequest {
  readonly target: BackupTarget;
}

export type BeginBackupResponse =
  | { readonly isStarted: true; readonly sessionId: string }
  /** The user cancelled the save dialog. */
  | { readonly isStarted: false };

interface AppendBackupRequest {
  readonly sessionId: string;
  readonly chunk: Uint8Array;
}

interface AppendBackupResponse {
  readonly bytesWritten: number;
}

interface FinishBackupRequest {
  readonly sessionId: string;
  /** Needed to verify an encrypted archive; used once and never stored. */
  readonly passphrase: string | null;
}

export interface FinishedBackupDto {
  /** The file name (in the backup folder, or the one the user chose). */
  readonly name: string;
  /** Full path, for showing to the user. */
  readonly path: string;
  readonly size: number;
  readonly isInBackupFolder: boolean;
  readonly isEncrypted: boolean;
  readonly tableCount: number;
  readonly fileCount: number;
}

interface BackupSessionRequest {
  readonly sessionId: string;
}

export interface StoredBackupDto {
  /** Matches BACKUP_FILE_NAME_PATTERN (shared/backup/backupFileName.ts). */
  readonly name: string;
  /** ISO date-time, from the local time in the name. */
  readonly createdAt: string;
  readonly size: number;
  readonly reason: BackupReason;
  /** Only automatic backups are ever deleted by the retention policy. */
  readonly isAutomatic: boolean;
}

export interface ListBackupsResponse {
  readonly folder: string;
  /** Newest first. */
  readonly backups: readonly StoredBackupDto[];
}

export type PickBackupFileResponse =
  | { readonly isPicked: true; readonly token: string; readonly name: string; readonly size: number }
  | { readonly isPicked: false };

export type BackupSource =
  | { readonly kind: 'stored'; readonly name: string }
  | { readonly kind: 'picked'; readonly token: string };

interface ReadBackupRequest {
  readonly source: BackupSource;
  readonly offset: number;
  readonly length: number;
}

export interface ReadBackupResponse {
  readonly bytes: Uint8Array;
  readonly totalSize: number;
}

export interface PruneBackupsRequest {
  readonly keepLatest: number;
  readonly keepDailyForDays: number;
}

interface PruneBackupsResponse {
  readonly deleted: readonly string[];
}

interface DeleteBackupRequest {
  readonly name: string;
}

interface OpenBackupFolderResponse {
  readonly folder: string;
}

interface SetPendingChangesRequest {
  /** True while the workspace has changes that no backup holds yet. */
  readonly hasPendingChanges: boolean;
}

interface QuitBackupReport {
  /** The id main sent with 'backup:requested'. */
  readonly requestId: string;
  readonly isBackedUp: boolean;
}

/**
 * Encryption at rest: the page's data-encryption key, kept by main encrypted with the OS's
 * protection (Electron safeStorage) in <userData>/vault/os-key.bin.
 */
export interface OsKeyStatusDto {
  /** safeStorage can encrypt here (on Linux with a real keyring, not 'basic_text'). */
  readonly isAvailable: boolean;
  /** Chinese explanation when not available, else null. */
  readonly reason: string | null;
  /** A protected key file exists. */
  readonly hasKey: boolean;
}

export interface StoredOsKeyDto {
  /** Standard base64 (with padding) of exactly 32 bytes. */
  readonly keyBase64: string;
  /** 16 lowercase hex characters. */
  readonly keyId: string;
}

type SaveOsKeyRequest = StoredOsKeyDto;

/**
 * Scan recognition (issue 18): main hands the scan to a utility process running onnxruntime-node
 * (electron/main/recognitionService.ts), one job at a time. The page names each job, so that it
 * can cancel it while it waits or runs. Recognition failures (not an image, blank page, unknown
 * kind, cancelled, …) come back as error values with Chinese messages, like every other channel.
 */
/**
 * The largest scan one request may carry: the same cap decodeScan applies (MAX_SCAN_BYTES in
 * shared/ocr/decodeScan.ts; a unit test keeps them equal). Not imported from there, because the
 * preload and the page import this module and decodeScan would bring the JPEG decoder along.
 */
export const MAX_RECOGNITION_SCAN_BYTES = 60 * 1024 * 1024;

export interface RecognizeScanRequest {
  /** Chosen by the page, unique among its pending jobs: 1–100 characters of [A-Za-z0-9_-]. */
  readonly jobId: string;
  /** The file name, for messages ("图片“…”是空白页"). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The kind the officer expects; without it the kind is detected. */
  readonly kind?: DocumentKind;
}

interface CancelRecognitionRequest {
  readonly jobId: string;
}

export const IPC_CHANNELS = {
  saveFile: 'dialog:saveFile',
  openFiles: 'dialog:openFiles',
  getAppInfo: 'app:getInfo',
  scheduleReminders: 'reminders:schedule',
  loadKnowledgeBaseOverride: 'knowledgeBase:loadOverride',
  beginBackup: 'backup:begin',
  appendBackup: 'backup:append',
  finishBackup: 'backup:finish',
  abortBackup: 'backup:abort',
  listBackups: 'backup:list',
  pickBackupFile: 'backup:pickFile',
  readBackup: 'backup:read',
  pruneBackups: 'backup:prune',
  deleteBackup: 'backup:delete',
  openBackupFolder: 'backup:openFolder',
  setPendingChanges: 'backup:setPendingChanges',
  reportQuitBackup: 'backup:reportQuitBackup',
  getOsKeyStatus: 'osKey:status',
  saveOsKey: 'osKey:save',
  loadOsKey: 'osKey:load',
  clearOsKey: 'osKey:clear',
  recognizeScan: 'ocr:recognize',
  cancelRecognition: 'ocr:cancel',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** Request and response of every invoke channel. Requests with no data use `undefined`. */
interface IpcContract {
  'dialog:saveFile': { request: SaveFileRequest; response: SaveFileResponse };
  'dialog:openFiles': { request: OpenFilesRequest; response: readonly PickedFileDto[] };
  'app:getInfo': { request: undefined; response: AppInfo };
  'reminders:schedule': { request: ScheduleRemindersRequest; response: ScheduleRemindersResponse };
  'knowledgeBase:loadOverride': { request: undefined; response: KnowledgeBaseOverrideResponse };
  'backup:begin': { request: BeginBackupRequest; response: BeginBackupResponse };
  'backup:append': { request: AppendBackupRequest; response: AppendBackupResponse };
  'backup:finish': { request: FinishBackupRequest; response: FinishedBackupDto };
  'backup:abort': { request: BackupSessionRequest; response: null };
  'backup:list': { request: undefined; response: ListBackupsResponse };
  'backup:pickFile': { request: undefined; response: PickBackupFileResponse };
  'backup:read': { request: ReadBackupRequest; response: ReadBackupResponse };
  'backup:prune': { request: PruneBackupsRequest; response: PruneBackupsResponse };
  'backup:delete': { request: DeleteBackupRequest; response: null };
  'backup:openFolder': { request: undefined; response: OpenBackupFolderResponse };
  'backup:setPendingChanges': { request: SetPendingChangesRequest; response: null };
  'backup:reportQuitBackup': { request: QuitBackupReport; response: null };
  'osKey:status': { request: undefined; response: OsKeyStatusDto };
  'osKey:save': { request: SaveOsKeyRequest; response: null };
  /** null when there is no key or it does not decrypt on this machine and user account. */
  'osKey:load': { request: undefined; response: StoredOsKeyDto | null };
  'osKey:clear': { request: undefined; response: null };
  'ocr:recognize': { request: RecognizeScanRequest; response: ScanRecognition };
  /** Cancelling a job that already finished, or that main does not know, is not an error. */
  'ocr:cancel': { request: CancelRecognitionRequest; response: null };
}

// Keeps IPC_CHANNELS and IpcContract in step: a channel in one but not the other fails to compile.
type ExactKeys<A, B> = [Exclude<keyof A, B>, Exclude<B, keyof A>] extends [never, never] ? true : false;
const contractMatchesChannels: ExactKeys<IpcContract, IpcChannel> = true;
void contractMatchesChannels;

export type IpcRequest<C extends IpcChannel> = IpcContract[C]['request'];
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];
/** What an invoke resolves to: errors cross IPC as values (ipcMain.handle keeps only messages). */
export type IpcResult<C extends IpcChannel> = Result<IpcResponse<C>>;

export const IPC_CHANNEL_LIST: readonly IpcChannel[] = Object.values(IPC_CHANNELS);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNEL_LIST as readonly string[]).includes(value);
}

/** Commands the native menu sends to the page. */
const MENU_COMMANDS = ['new-company', 'import-workspace', 'export-workspace', 'open-settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export const IPC_EVENTS = {
  menuCommand: 'menu:command',
  reminderClicked: 'reminders:clicked',
  backupRequested: 'backup:requested',
} as const;

export type IpcEventChannel = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];

/** Payload of every event main pushes to the page. */
export interface IpcEventPayloads {
  'menu:command': MenuCommand;
  /** The id of the reminder whose notification the user clicked. */
  'reminders:clicked': string;
  /** Main is about to quit with unsaved changes: back up, then answer with reportQuitBackup. */
  'backup:requested': string;
}

const eventsMatchChannels: ExactKeys<IpcEventPayloads, IpcEventChannel> = true;
void eventsMatchChannels;

export type Unsubscribe = () => void;

/**
 * What the preload exposes as `window.workbench`. A small named API: the page never sees
 * ipcRenderer or a send-anything helper.
 */
export interface WorkbenchApi {
  // Function-typed properties rather than methods: contextBridge hands the page detached copies,
  // so nothing may depend on `this`.
  readonly saveFile: (request: SaveFileRequest) => Promise<IpcResult<'dialog:saveFile'>>;
  readonly openFiles: (request: OpenFilesRequest) => Promise<IpcResult<'dialog:openFiles'>>;
  readonly getAppInfo: () => Promise<IpcResult<'app:getInfo'>>;
  readonly scheduleReminders: (request: ScheduleRemindersRequest) => Promise<IpcResult<'reminders:schedule'>>;
  readonly loadKnowledgeBaseOverride: () => Promise<IpcResult<'knowledgeBase:loadOverride'>>;
  readonly beginBackup: (request: BeginBackupRequest) => Promise<IpcResult<'backup:begin'>>;
  readonly appendBackup: (request: AppendBackupRequest) => Promise<IpcResult<'backup:append'>>;
  readonly finishBackup: (request: FinishBackupRequest) => Promise<IpcResult<'backup:finish'>>;
  readonly abortBackup: (request: BackupSessionRequest) => Promise<IpcResult<'backup:abort'>>;
  readonly listBackups: () => Promise<IpcResult<'backup:list'>>;
  readonly pickBackupFile: () => Promise<IpcResult<'backup:pickFile'>>;
  readonly readBackup: (request: ReadBackupRequest) => Promise<IpcResult<'backup:read'>>;
  readonly pruneBackups: (request: PruneBackupsRequest) => Promise<IpcResult<'backup:prune'>>;
  readonly deleteBackup: (request: DeleteBackupRequest) => Promise<IpcResult<'backup:delete'>>;
  readonly openBackupFolder: () => Promise<IpcResult<'backup:openFolder'>>;
  readonly setPendingChanges: (request: SetPendingChangesRequest) => Promise<IpcResult<'backup:setPendingChanges'>>;
  readonly reportQuitBackup: (request: QuitBackupReport) => Promise<IpcResult<'backup:reportQuitBackup'>>;
  readonly getOsKeyStatus: () => Promise<IpcResult<'osKey:status'>>;
  readonly saveOsKey: (request: SaveOsKeyRequest) => Promise<IpcResult<'osKey:save'>>;
  readonly loadOsKey: () => Promise<IpcResult<'osKey:load'>>;
  readonly clearOsKey: () => Promise<IpcResult<'osKey:clear'>>;
  /** Whether this machine has onnxruntime-node's binary (shared/ocr/nativeTargets.ts); without it the page reads scans in a worker. */
  readonly hasNativeRecognition: () => boolean;
  readonly recognizeScan: (request: RecognizeScanRequest) => Promise<IpcResult<'ocr:recognize'>>;
  readonly cancelRecognition: (request: CancelRecognitionRequest) => Promise<IpcResult<'ocr:cancel'>>;
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => Unsubscribe;
  readonly onReminderClicked: (listener: (reminderId: string) => void) => Unsubscribe;
  /** At quit, with a request id to answer through reportQuitBackup. */
  readonly onBackupRequested: (listener: (requestId: string) => void) => Unsubscribe;
}
