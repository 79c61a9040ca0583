import { z } from 'zod';
import { parseBackupFileName } from '../backup/backupFileName';
import { DOCUMENT_KINDS } from '../ocr/fields';
import { MAX_RECOGNITION_SCAN_BYTES, type IpcChannel, type IpcRequest } from './contract';

/**
 * Schemas main runs on every request payload before use: the page is treated as untrusted input.
 * Typed against the contract, so a schema that drifts from its request type fails to compile.
 * Limits keep a hostile or buggy page from making main allocate without bound.
 */

const MAX_FILTERS = 20;
const MAX_REMINDERS = 10_000;
/** One IPC message of backup bytes; the page sends a large archive as many of these. */
export const MAX_BACKUP_CHUNK_BYTES = 64 * 1024 * 1024;

/** Named by the page; it only identifies a pending job and is never used as a path. */
const recognitionJobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** Handed out by main as 32 hex characters; nothing else is looked up. */
const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/);
/** Standard base64 of 32 bytes (main also checks that it decodes to exactly 32). */
const keyBase64Schema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
const keyIdSchema = z.string().regex(/^[0-9a-f]{16}$/);
const storedBackupNameSchema = z.string().max(100).refine((name) => parseBackupFileName(name) !== null, '备份文件名不合法');

const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  // "*" is the conventional all-files filter in Electron dialogs.
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).min(1).max(30),
});

const reminderSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  fireAt: z.iso.datetime({ offset: true }),
});

export const ipcRequestSchemas: { readonly [C in IpcChannel]: z.ZodType<IpcRequest<C>> } = {
  'dialog:saveFile': z.object({
    suggestedName: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array),
    filters: z.array(fileFilterSchema).max(MAX_FILTERS),
  }),
  'dialog:openFiles': z.object({
    filters: z.array(fileFilterSchema).max(MAX_FILTERS),
    isMultiple: z.boolean(),
  }),
  'app:getInfo': z.undefined(),
  'reminders:schedule': z.object({
    reminders: z.array(reminderSchema).max(MAX_REMINDERS),
  }),
  'knowledgeBase:loadOverride': z.undefined(),
  'backup:begin': z.object({
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('backupFolder'), reason: z.enum(['automatic', 'manual', 'beforeRestore']) }),
      z.object({ kind: z.literal('chooseLocation'), suggestedName: z.string().min(1).max(255) }),
    ]),
  }),
  'backup:append': z.object({
    sessionId: tokenSchema,
    chunk: z.instanceof(Uint8Array).refine((bytes) => bytes.length <= MAX_BACKUP_CHUNK_BYTES, '数据块过大'),
  }),
  'backup:finish': z.object({ sessionId: tokenSchema, passphrase: z.string().max(1024).nullable() }),
  'backup:abort': z.object({ sessionId: tokenSchema }),
  'backup:list': z.undefined(),
  'backup:pickFile': z.undefined(),
  'backup:read': z.object({
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('stored'), name: storedBackupNameSchema }),
      z.object({ kind: z.literal('picked'), token: tokenSchema }),
    ]),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    length: z.number().int().min(1).max(MAX_BACKUP_CHUNK_BYTES),
  }),
  'backup:prune': z.object({
    // At least one automatic backup always survives pruning.
    keepLatest: z.number().int().min(1).max(1000),
    keepDailyForDays: z.number().int().min(0).max(3650),
  }),
  'backup:delete': z.object({ name: storedBackupNameSchema }),
  'backup:openFolder': z.undefined(),
  'backup:setPendingChanges': z.object({ hasPendingChanges: z.boolean() }),
  'backup:reportQuitBackup': z.object({ requestId: tokenSchema, isBackedUp: z.boolean() }),
  'osKey:status': z.undefined(),
  'osKey:save': z.object({ keyBase64: keyBase64Schema, keyId: keyIdSchema }),
  'osKey:load': z.undefined(),
  'osKey:clear': z.undefined(),
  'ocr:recognize': z.object({
    jobId: recognitionJobIdSchema,
    name: z.string().min(1).max(255),
    // An empty file passes: recognition itself says so by name ("…是空文件").
    bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length <= MAX_RECOGNITION_SCAN_BYTES, '扫描件过大（超过 60 MB）'),
    kind: z.enum(DOCUMENT_KINDS).optional(),
  }),
  'ocr:cancel': z.object({ jobId: recognitionJobIdSchema }),
};
