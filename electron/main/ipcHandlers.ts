import { readFile, stat } from 'node:fs/promises';
import type { AppInfo, KnowledgeBaseOverrideResponse } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/util/result';
import { decodePolicyPack, MAX_POLICY_PACK_BYTES } from '../../shared/policy/packText';
import { describeFileError } from './atomicWrite';
import type { BackupService } from './backup/backupService';
import type { createFileDialogs } from './fileDialogs';
import type { IpcHandlers } from './ipc';
import type { OsKeyStore } from './osKeyStore';
import type { QuitBackupGuard } from './backup/quitBackupGuard';
import type { RecognitionService } from './recognitionService';
import type { ReminderScheduler } from './reminderScheduler';

export interface IpcHandlerDeps {
  readonly fileDialogs: ReturnType<typeof createFileDialogs>;
  readonly reminders: Pick<ReminderScheduler, 'replaceAll'>;
  readonly appInfo: () => AppInfo;
  /** <userData>/knowledge-base.json */
  readonly knowledgeBaseOverridePath: string;
  readonly backups: BackupService;
  readonly quitBackup: Pick<QuitBackupGuard, 'setPendingChanges' | 'report'>;
  readonly osKeyStore: Pick<OsKeyStore, 'status' | 'save' | 'load' | 'clear'>;
  readonly recognition: Pick<RecognitionService, 'recognize' | 'cancel'>;
}

/**
 * Reads the user's knowledge-base override as text. Main does not parse it: the page validates it
 * with the knowledge-base schema and shows the Chinese errors where the user can act on them.
 */
export async function readKnowledgeBaseOverride(filePath: string): Promise<Result<KnowledgeBaseOverrideResponse>> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return err('knowledgeBase.notAFile', `“${filePath}”不是文件。`);
    // The size is checked before reading; the same limit and strict UTF-8 as every pack (packText.ts).
    if (info.size > MAX_POLICY_PACK_BYTES) return err('kb.packTooLarge', `自定义知识库文件过大（超过 50 MB），已拒绝：${filePath}`);
    const text = decodePolicyPack(new Uint8Array(await readFile(filePath)));
    if (!text.ok) return err(text.error.code, `自定义知识库${text.error.message}，已拒绝：${filePath}`);
    return ok({ isPresent: true, path: filePath, text: text.value });
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
    // Jobs belong to the page that asked: a page can only cancel its own.
    'ocr:recognize': (request, { sender }) => deps.recognition.recognize(request, sender.id),
    'ocr:cancel': (request, { sender }) => Promise.resolve(deps.recognition.cancel(request.jobId, sender.id)),
  };
}
