import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { z } from 'zod';
import { type CipherKey, type CryptoPort, PBKDF2_ITERATIONS, fromHex, toHex } from '../crypto/cryptoPort';
import { exceedsJsonDepth } from '../util/jsonDepth';
import { decodeUtf8Strict } from '../util/utf8Text';
import { formatMegabytes, readZipDirectory } from '../util/zipDirectory';
import { err, ok, type Result } from '../util/result';

/*
 * The backup file: a zip holding every table as JSON and every document file as bytes, with a
 * SHA-256 per entry so a restore can prove it got back exactly what was saved.
 *
 *   manifest.json   always plain: format, version, when, and (if encrypted) the KDF parameters
 *   index.json      entry list with counts and checksums (index.bin, encrypted, when a passphrase is set)
 *   tables/<name>.json[.bin]
 *   files/<id>[.bin]
 *
 * With a passphrase every entry but the manifest is AES-256-GCM encrypted under a PBKDF2 key, so
 * the backup restores on another machine with the passphrase alone. Document files are stored
 * without compression: scans are already compressed, and storing keeps a 500 MB backup fast.
 */

const BACKUP_FORMAT = 'compliance-workbench/backup';
const BACKUP_FORMAT_VERSION = 1;
const KEY_CHECK_PLAINTEXT = 'compliance-workbench key check';
/**
 * Bounds for the key derivation a manifest may ask for: ours uses 600,000 rounds (about 0.5 s);
 * a forged manifest asking for millions more would hang the restore, one asking for a handful
 * would make a brute-force search cheap. Outside these bounds the backup is refused before any
 * key is derived.
 */
const MAX_PBKDF2_ITERATIONS = 2_000_000;
const MIN_PBKDF2_ITERATIONS = 100_000;

/**
 * Limits read from the zip directory before anything is inflated (issue 13, point 2). A backup
 * holds every document file, so the size limit is the one a workspace package has; no backup the
 * app writes comes near the entry count (a few tables plus one entry per document file).
 */
const MAX_BACKUP_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024;
export const MAX_BACKUP_ENTRIES = 200_000;
const MAX_MANIFEST_BYTES = 64 * 1024;

export interface BackupFileInput {
  readonly id: string;
  readonly bytes: Uint8Array;
}

export interface BackupSnapshot {
  /** The IndexedDB schema version the tables were read at (restores migrate from it). */
  readonly schemaVersion: number;
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
  readonly files: readonly BackupFileInput[];
}

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  encryption: z.object({
    kdf: z.literal('PBKDF2-SHA256'),
    iterations: z.number().int().min(1),
    saltHex: z.string().max(128),
    cipher: z.literal('AES-256-GCM'),
    keyCheckHex: z.string().max(512),
  }).nullable(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const indexSchema = z.object({
  tables: z.array(z.object({ name: z.string(), entry: z.string(), count: z.number().int(), sha256: z.string() })),
  files: z.array(z.object({ id: z.string(), entry: z.string(), size: z.number().int(), sha256: z.string() })),
});
export type BackupIndex = z.infer<typeof indexSchema>;

export interface BackupProgress {
  readonly done: number;
  readonly total: number;
  /** Chinese, for the progress bar. */
  readonly stage: string;
}

export interface CreateBackupOptions {
  readonly createdAt: string;
  readonly appVersion: string;
  readonly passphrase?: string | undefined;
  readonly onProgress?: ((progress: BackupProgress) => void) | undefined;
}

/**
 * Writes the archive as a stream of chunks to `onChunk` (a file in main, Blob parts in the page),
 * so the whole backup never has to sit in memory twice.
 */
export async function writeBackupArchive(
  snapshot: BackupSnapshot,
  options: CreateBackupOptions,
  crypto: CryptoPort,
  onChunk: (chunk: Uint8Array) => void,
): Promise<{ manifest: BackupManifest; index: BackupIndex }> {
  // A holder object: TypeScript does not track assignments made inside the callback.
  const zipState: { failure: Error | null } = { failure: null };
  const zip = new Zip((error, chunk) => {
    if (error) zipState.failure = error;
    else onChunk(chunk);
  });
  const put = (name: string, bytes: Uint8Array, compress: boolean) => {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(bytes, true);
  };

  let key: CipherKey | null = null;
  let encryption: BackupManifest['encryption'] = null;
  if (options.passphrase !== undefined && options.passphrase !== '') {
    const salt = crypto.randomBytes(16);
    key = await crypto.deriveKey(options.passphrase, salt, PBKDF2_ITERATIONS);
    encryption = {
      kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, saltHex: toHex(salt), cipher: 'AES-256-GCM',
      keyCheckHex: toHex(await seal(crypto, key, strToU8(KEY_CHECK_PLAINTEXT))),
    };
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: options.createdAt,
    appVersion: options.appVersion, schemaVersion: snapshot.schemaVersion, encryption,
  };
  put('manifest.json', strToU8(JSON.stringify(manifest, null, 2)), true);

  const suffix = key ? '.bin' : '';
  const index: BackupIndex = { tables: [], files: [] };
  const tableNames = Object.keys(snapshot.tables).sort();
  const total = tableNames.length + snapshot.files.reduce((n, f) => n + f.bytes.length, 0);
  let done = 0;
  for (const name of tableNames) {
    const rows = snapshot.tables[name] ?? [];
    const plain = strToU8(JSON.stringify(rows));
    const entry = `tables/${name}.json${suffix}`;
    index.tables.push({ name, entry, count: rows.length, sha256: toHex(await crypto.sha256(plain)) });
    put(entry, key ? await seal(crypto, key, plain) : plain, true);
    done += 1;
    options.onProgress?.({ done, total, stage: `正在备份数据表 ${name}` });
  }
  for (const file of snapshot.files) {
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(file.id)) throw new Error(`文件编号不合法：${file.id}`);
    const entry = `files/${file.id}${suffix}`;
    index.files.push({ id: file.id, entry, size: file.bytes.length, sha256: toHex(await crypto.sha256(file.bytes)) });
    put(entry, key ? await seal(crypto, key, file.bytes) : file.bytes, false);
    done += file.bytes.length;
    options.onProgress?.({ done, total, stage: '正在备份文件' });
  }
  const indexBytes = strToU8(JSON.stringify(index));
  if (key) put('index.bin', await seal(crypto, key, indexBytes), false);
  else put('index.json', indexBytes, true);
  zip.end();
  if (zipState.failure) throw zipState.failure;
  return { manifest, index };
}

/** Convenience for tests and small workspaces: the archive as one byte array. */
export async function createBackupArchive(snapshot: BackupSnapshot, options: CreateBackupOptions, crypto: CryptoPort): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeBackupArchive(snapshot, options, crypto, (c) => chunks.push(c));
  return concat(chunks);
}

export interface RestoredBackup {
  readonly manifest: BackupManifest;
  readonly snapshot: BackupSnapshot;
}

/**
 * Reads and fully verifies an archive: structure, passphrase, and every checksum. Nothing is
 * written anywhere; a caller restores only after this returns ok, in one transaction.
 */
export async function readBackupArchive(
  bytes: Uint8Array,
  options: { readonly passphrase?: string | undefined; readonly onProgress?: ((p: BackupProgress) => void) | undefined },
  crypto: CryptoPort,
): Promise<Result<RestoredBackup>> {
  if (bytes.length === 0) return err('backup.empty', '备份文件为空（0 字节）');
  const directory = readZipDirectory(bytes, MAX_BACKUP_ENTRIES);
  if (!directory.ok) return err('backup.notZip', `不是有效的备份文件：${directory.reason}`);
  if (directory.value.declaredUnzippedBytes > MAX_BACKUP_UNZIPPED_BYTES) {
    return err('backup.tooLarge', `备份文件解压后有 ${formatMegabytes(directory.value.declaredUnzippedBytes)}，超过 ${formatMegabytes(MAX_BACKUP_UNZIPPED_BYTES)} 的上限（可能是压缩炸弹），无法恢复`);
  }
  const manifestEntry = directory.value.entries.find((e) => e.name === 'manifest.json');
  if (manifestEntry !== undefined && manifestEntry.uncompressedSize > MAX_MANIFEST_BYTES) return err('backup.badManifest', '备份文件的 manifest.json 过大，不是本应用生成的备份');
  // The manifest alone first: a file that is not our backup, or a wrong passphrase, is refused
  // before the tables and files are inflated.
  const unzip = (keep: (name: string) => boolean): Record<string, Uint8Array> | null => {
    try {
      return unzipSync(bytes, { filter: (file) => keep(file.name) });
    } catch {
      return null;
    }
  };
  const head = unzip((name) => name === 'manifest.json');
  if (head === null) return err('backup.notZip', '不是有效的备份文件：文件已损坏、被截断或不是本应用生成的备份');
  const manifestBytes = head['manifest.json'];
  if (!manifestBytes) return err('backup.noManifest', '不是有效的备份文件：缺少 manifest.json');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(strFromU8(manifestBytes));
  } catch {
    return err('backup.badManifest', '备份文件的 manifest.json 已损坏');
  }
  const manifestParsed = manifestSchema.safeParse(manifestJson);
  if (!manifestParsed.success) return err('backup.wrongFormat', '这不是企业合规工作台的备份文件');
  const manifest = manifestParsed.data;
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) return err('backup.newerVersion', '该备份由更新版本的应用生成，请先升级应用');

  let key: CipherKey | null = null;
  if (manifest.encryption) {
    if (options.passphrase === undefined || options.passphrase === '') return err('backup.needsPassphrase', '该备份已加密，请输入备份密码');
    const { iterations } = manifest.encryption;
    if (iterations > MAX_PBKDF2_ITERATIONS || iterations < MIN_PBKDF2_ITERATIONS) {
      return err('backup.badManifest', `备份文件的加密参数异常（密钥派生迭代次数 ${iterations} 不在 ${MIN_PBKDF2_ITERATIONS}–${MAX_PBKDF2_ITERATIONS} 之间），无法读取`);
    }
    let salt: Uint8Array;
    try {
      salt = fromHex(manifest.encryption.saltHex);
    } catch {
      return err('backup.badManifest', '备份文件的 manifest.json 已损坏（加密参数无效）');
    }
    key = await crypto.deriveKey(options.passphrase, salt, manifest.encryption.iterations);
    try {
      const check = await open(crypto, key, fromHex(manifest.encryption.keyCheckHex));
      if (strFromU8(check) !== KEY_CHECK_PLAINTEXT) return err('backup.wrongPassphrase', '备份密码不正确');
    } catch {
      return err('backup.wrongPassphrase', '备份密码不正确');
    }
  }

  const rest = unzip((name) => name !== 'manifest.json');
  if (rest === null) return err('backup.notZip', '不是有效的备份文件：文件已损坏、被截断或不是本应用生成的备份');
  const entries = rest;
  const read = async (entry: string): Promise<Uint8Array | null> => {
    // Entry names come from the (untrusted) index: "__proto__" must not find Object.prototype.
    const raw = Object.hasOwn(entries, entry) ? entries[entry] : undefined;
    if (!raw) return null;
    return key ? open(crypto, key, raw) : raw;
  };

  let index: BackupIndex;
  try {
    const indexBytes = await read(key ? 'index.bin' : 'index.json');
    if (!indexBytes) return err('backup.noIndex', '备份文件不完整：缺少目录（可能被截断）');
    const parsed = indexSchema.safeParse(JSON.parse(strFromU8(indexBytes)));
    if (!parsed.success) return err('backup.badIndex', '备份文件的目录已损坏');
    index = parsed.data;
  } catch {
    return err('backup.badIndex', '备份文件的目录已损坏或无法解密');
  }

  const total = index.tables.length + index.files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  const tables: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const table of index.tables) {
    let plain: Uint8Array | null;
    try {
      plain = await read(table.entry);
    } catch {
      return err('backup.decryptFailed', `数据表 ${table.name} 无法解密，备份可能已被篡改`);
    }
    if (!plain) return err('backup.missingEntry', `备份文件不完整：缺少数据表 ${table.name}`);
    if (toHex(await crypto.sha256(plain)) !== table.sha256) return err('backup.checksum', `数据表 ${table.name} 的校验值不符，备份已损坏`);
    const text = decodeUtf8Strict(plain);
    if (text === null) return err('backup.badTable', `数据表 ${table.name} 含有无效的 UTF-8 字节，备份可能已被篡改`);
    if (exceedsJsonDepth(text)) return err('backup.badTable', `数据表 ${table.name} 的内容嵌套过深，备份可能已被篡改`);
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch {
      return err('backup.badTable', `数据表 ${table.name} 已损坏，无法读取`);
    }
    if (!Array.isArray(rows) || rows.length !== table.count) return err('backup.count', `数据表 ${table.name} 的记录数不符`);
    tables[table.name] = rows;
    done += 1;
    options.onProgress?.({ done, total, stage: `正在校验数据表 ${table.name}` });
  }
  const files: BackupFileInput[] = [];
  for (const file of index.files) {
    let plain: Uint8Array | null;
    try {
      plain = await read(file.entry);
    } catch {
      return err('backup.decryptFailed', `文件 ${file.id} 无法解密，备份可能已被篡改`);
    }
    if (!plain) return err('backup.missingEntry', `备份文件不完整：缺少文件 ${file.id}`);
    if (plain.length !== file.size || toHex(await crypto.sha256(plain)) !== file.sha256) {
      return err('backup.checksum', `文件 ${file.id} 的校验值不符，备份已损坏`);
    }
    files.push({ id: file.id, bytes: plain });
    done += file.size;
    options.onProgress?.({ done, total, stage: '正在校验文件' });
  }
  return ok({ manifest, snapshot: { schemaVersion: manifest.schemaVersion, tables, files } });
}

async function seal(crypto: CryptoPort, key: CipherKey, plain: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.randomBytes(12);
  return concat([iv, await crypto.encrypt(key, iv, plain)]);
}

async function open(crypto: CryptoPort, key: CipherKey, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length < 12 + 16) throw new Error('sealed data too short');
  return crypto.decrypt(key, sealed.subarray(0, 12), sealed.subarray(12));
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
