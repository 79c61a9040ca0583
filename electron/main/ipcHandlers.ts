import { readFile, stat } from 'node:fs/promises';
import type { AppInfo, KnowledgeBaseOverrideResponse } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/util/result';
import { decodeUtf8Strict } from '../../shared/util/utf8Text';
import { describeFileError } from './atomicWrite';
import type { BackupService } from './backupService';
import type { createFileDialogs } from './fileDialogs';
import type { IpcHandlers } from './ipc';
import type { OsKeyStore } from './osKeyStore';
import type { QuitBackupGuard } from './quitBackupGuard';
import type { ReminderScheduler } from './reminderScheduler';

/** A knowledge base is a few megabytes; anything far larger is not one. */
export const MAX_KNOWLEDGE_BASE_BYTES = 50 * 1024 * 1024;

export interface IpcHandlerDeps {
  readonly fileDialogs: ReturnType<typeof createFileDialogs>;
  readonly reminders: Pick<ReminderScheduler, 'replaceAll'>;
  readonly appInfo: () => AppInfo;
  /** <userData>/knowledge-base.json */
  readonly knowledgeBaseOverridePath: string;
  readonly backups: BackupService;
  readonly quitBackup: Pick<QuitBackupGuard, 'setPendingChanges' | 'report'>;
  readonly osKeyStore: Pick<OsKeyStore, 'status' | 'save' | 'load' | 'clear'>;
}

/**
 * Reads the user's knowledge-base override as text. Main does not parse it: the page validates it
 * with the knowledge-base schema and shows the Chinese errors where the user can act on them.
 */
export async function readKnowledgeBaseOverride(filePath: string): Promise<Result<KnowledgeBaseOverrideResponse>> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return err('knowledgeBase.notAFile', `“${filePath}”不是文件。`);
    if (info.size > MAX_KNOWLEDGE_BASE_BYTES) return err('knowledgeBase.tooLarge', `自定义知识库文件过大（超过 50 MB）：${filePath}`);
    // Refused, not repaired: invalid bytes would otherwise become U+FFFD inside legal text.
    // decodeUtf8Strict also drops the byte-order mark Notepad writes, which JSON.parse rejects.
    const text = decodeUtf8Strict(new Uint8Array(await readFile(filePath)));
    if (text === null) return err('knowledgeBase.notUtf8', `自定义知识库文件不是 UTF-8 编码的文本（含有无效的字节），已拒绝：${filePath}`);
    return ok({ isPresent: true, path: filePath, text });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return ok({ isPresent: false, path: filePath });
    return err('knowledgeBase.readFailed', describeFileError(error, filePath, 'read'));
  }
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  return {
    'dialog:saveFile': (request, { sender }) => deps.fileDialogs.saveFile(request, sender),
    'dialog:openFiles': (request, { sender }) => deps.fileDialogs.openFiles(request, sender),
    'app:getInfo': () => Promise.resolve(ok(deps.appInfo())),
    'reminders:schedule': (request) => Promise.resolve(ok(deps.reminders.replaceAll(request.reminders))),
    'knowledgeBase:loadOverride': () => readKnowledgeBaseOverride(deps.knowledgeBaseOverridePath),
    'backup:begin': (request, { sender }) => deps.backups.begin(request.target, sender),
    'backup:append': (request, { sender }) => deps.backups.append(request.sessionId, request.chunk, sender),
    'backup:finish': (request, { sender }) => deps.backups.finish(request.sessionId, request.passphrase, sender),
    'backup:abort': (request, { sender }) => deps.backups.abort(request.sessionId, sender),
    'backup:list': () => deps.backups.list(),
    'backup:pickFile': (_request, { sender }) => deps.backups.pickFile(sender),
    'backup:read': (request) => deps.backups.read(request.source, request.offset, request.length),
    'backup:prune': (request) => deps.backups.prune(request),
    'backup:delete': (request) => deps.backups.remove(request.name),
    'backup:openFolder': () => deps.backups.openFolder(),
    'backup:setPendingChanges': (request) => {
      deps.quitBackup.setPendingChanges(request.hasPendingChanges);
      return Promise.resolve(ok(null));
    },
    'backup:reportQuitBackup': (request) => Promise.resolve(deps.quitBackup.report(request.requestId, request.isBackedUp)),
    'osKey:status': () => deps.osKeyStore.status(),
    'osKey:save': (request) => deps.osKeyStore.save(request.keyBase64, request.keyId),
    'osKey:load': () => deps.osKeyStore.load(),
    'osKey:clear': () => deps.osKeyStore.clear(),
  };
}
