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

export interface ScheduleRemindersRequest {
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

export const IPC_CHANNELS = {
  saveFile: 'dialog:saveFile',
  openFiles: 'dialog:openFiles',
  getAppInfo: 'app:getInfo',
  scheduleReminders: 'reminders:schedule',
  loadKnowledgeBaseOverride: 'knowledgeBase:loadOverride',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** Request and response of every invoke channel. Requests with no data use `undefined`. */
export interface IpcContract {
  'dialog:saveFile': { request: SaveFileRequest; response: SaveFileResponse };
  'dialog:openFiles': { request: OpenFilesRequest; response: readonly PickedFileDto[] };
  'app:getInfo': { request: undefined; response: AppInfo };
  'reminders:schedule': { request: ScheduleRemindersRequest; response: ScheduleRemindersResponse };
  'knowledgeBase:loadOverride': { request: undefined; response: KnowledgeBaseOverrideResponse };
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
export const MENU_COMMANDS = ['new-company', 'import-workspace', 'export-workspace', 'open-settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export const IPC_EVENTS = {
  menuCommand: 'menu:command',
  reminderClicked: 'reminders:clicked',
} as const;

export type IpcEventChannel = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];

/** Payload of every event main pushes to the page. */
export interface IpcEventPayloads {
  'menu:command': MenuCommand;
  /** The id of the reminder whose notification the user clicked. */
  'reminders:clicked': string;
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
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => Unsubscribe;
  readonly onReminderClicked: (listener: (reminderId: string) => void) => Unsubscribe;
}
