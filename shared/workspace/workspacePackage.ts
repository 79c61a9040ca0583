import { technicalDetails } from '../util/technicalDetail';
import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { err, ok, type Result } from '../util/result';
import { readZipDirectory } from '../util/zipDirectory';
import { decodeWorkspaceBytes, MAX_WORKSPACE_FILE_BYTES, type CompanyDocument, type EnergyAttachmentMetadata, type WorkspaceFile } from './workspaceFile';

/*
 * The packaged workspace: a .zip holding the workspace JSON and every attached file, so a
 * workspace moves between machines (and reaches the command line's `packet`) with its scans and
 * its energy evidence.
 *
 *   workspace.json                the workspace file (workspaceFile.ts), documents and energy
 *                                 evidence files listed per company
 *   files/<documentId>.<ext>      each document's bytes, stored without compression (scans already are)
 *   evidence/<attachmentId>.<ext> each energy evidence file's bytes (a bill photo, a receipt...)
 *
 * A document exported with hasFile false (its workspace held only the metadata) has no entry;
 * every other listed document and every listed evidence file must have one. Reading checks the JSON fully, then each expected
 * file's presence, size and (when a hash function is given) SHA-256. A missing or altered file
 * does not fail the whole package: it is reported and left out, so the rest of the workspace is
 * still usable.
 */

export const WORKSPACE_PACKAGE_JSON = 'workspace.json';
const WORKSPACE_PACKAGE_FILES = 'files/';
const WORKSPACE_PACKAGE_EVIDENCE = 'evidence/';

/**
 * Refuses packages that would inflate past this (a zip bomb, or a mistaken multi-GB archive).
 * Exports are held to it too: a package the reader would refuse is not written.
 */
export const MAX_PACKAGE_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;

/** Bytes written (export) or verified (import) so far, for a progress bar. */
export interface PackageProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
}

export interface WorkspacePackage {
  readonly workspace: WorkspaceFile;
  /** Document id -> file bytes, for the documents whose file is present and intact. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Energy evidence file id -> bytes, for the evidence files present and intact. */
  readonly evidence: ReadonlyMap<string, Uint8Array>;
  /** Chinese notes on documents and evidence files whose file is missing or does not match its metadata. */
  readonly problems: readonly string[];
}

const MIME_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'application/ofd': 'ofd',
};

function extensionOf(file: { readonly fileName: string; readonly mimeType: string }): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName);
  return match?.[1]?.toLowerCase() ?? MIME_EXTENSIONS[file.mimeType] ?? 'bin';
}

/** The zip entry of a document's file: files/<id>.<extension of its file name or MIME type>. */
export function documentEntryName(document: Pick<CompanyDocument, 'id' | 'fileName' | 'mimeType'>): string {
  return `${WORKSPACE_PACKAGE_FILES}${document.id}.${extensionOf(document)}`;
}

/** The zip entry of an energy evidence file: evidence/<id>.<extension>. */
function evidenceEntryName(attachment: Pick<EnergyAttachmentMetadata, 'id' | 'fileName' | 'mimeType'>): string {
  return `${WORKSPACE_PACKAGE_EVIDENCE}${attachment.id}.${extensionOf(attachment)}`;
}

/** True when the bytes start like a zip archive (PK\3\4), i.e. a package rather than a plain JSON file. */
export function isWorkspacePackage(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Whether a package carries this document's file (see companyDocumentSchema's hasFile). */
export function isFileInPackage(document: Pick<CompanyDocument, 'hasFile'>): boolean {
  return document.hasFile !== false;
}

/** One file a package carries besides its JSON: a document's, or an energy evidence file. */
type PlannedEntry = {
  readonly entryName: string;
  readonly id: string;
  readonly size: number;
  readonly sha256: string;
  readonly companyName: string;
} & ({ readonly kind: 'document'; readonly document: CompanyDocument } | { readonly kind: 'evidence'; readonly attachment: EnergyAttachmentMetadata });

/** Every file entry a package of `workspace` holds (or, read, is expected to hold), documents first. */
function packagedFiles(workspace: WorkspaceFile): PlannedEntry[] {
  const documents = workspace.companies.flatMap((record) => record.documents.filter(isFileInPackage).map((document): PlannedEntry => ({
    kind: 'document', document, entryName: documentEntryName(document), id: document.id, size: document.size, sha256: document.sha256, companyName: record.company.name,
  })));
  const evidence = workspace.companies.flatMap((record) => record.energyAttachments.map((attachment): PlannedEntry => ({
    kind: 'evidence', attachment, entryName: evidenceEntryName(attachment), id: attachment.id, size: attachment.size, sha256: attachment.sha256, companyName: record.company.name,
  })));
  return [...documents, ...evidence];
}

/** The officer's name for a packaged file, with its id. */
function entryLabel(entry: PlannedEntry): string {
  return entry.kind === 'document'
    ? `材料“${entry.document.title || entry.document.fileName}”（${entry.id}）`
    : `能耗凭证文件“${entry.attachment.fileName}”（${entry.id}）`;
}

/** The entries a package of `workspace` holds besides its JSON; refused when the whole would pass the read limit. */
function planEntries(workspace: WorkspaceFile, jsonBytes: number): Result<{ readonly entries: readonly PlannedEntry[]; readonly totalBytes: number }> {
  const entries = packagedFiles(workspace);
  const totalBytes = entries.reduce((sum, entry) => sum + entry.size, jsonBytes);
  if (totalBytes > MAX_PACKAGE_UNCOMPRESSED_BYTES) {
    return err('package.tooLarge', `工作区包将有 ${formatMegabytes(totalBytes)}，超过 2 GB，无法导出（导入时也会被拒绝）。可改用“设置 › 备份与恢复”保存全部数据和文件。`);
  }
  return ok({ entries, totalBytes });
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function sizeMismatch(entry: PlannedEntry, actual: number): Result<never> {
  return err('package.sizeMismatch', `${entryLabel(entry)}的文件大小（${actual} 字节）与记录（${entry.size} 字节）不符，无法导出`);
}

function fileMissing(entry: PlannedEntry): Result<never> {
  return err('package.fileMissing', `${entryLabel(entry)}的文件缺失，无法导出`);
}

/**
 * Zips a workspace with its files, in memory. Every document listed with a file (hasFile not
 * false) must have its bytes in `files`, and every listed energy evidence file in `evidence`,
 * with the listed size: an export is refused rather than written incomplete. For large
 * workspaces see writeWorkspacePackage.
 */
export function buildWorkspacePackage(
  workspace: WorkspaceFile,
  files: ReadonlyMap<string, Uint8Array>,
  evidence: ReadonlyMap<string, Uint8Array> = new Map(),
): Result<Uint8Array> {
  const json = strToU8(JSON.stringify(workspace, null, 2));
  const plan = planEntries(workspace, json.byteLength);
  if (!plan.ok) return plan;
  const entries: Zippable = { [WORKSPACE_PACKAGE_JSON]: [json, { level: 6 }] };
  for (const entry of plan.value.entries) {
    const bytes = (entry.kind === 'document' ? files : evidence).get(entry.id);
    if (!bytes) return fileMissing(entry);
    if (bytes.byteLength !== entry.size) return sizeMismatch(entry, bytes.byteLength);
    entries[entry.entryName] = [bytes, { level: 0 }];
  }
  return ok(zipSync(entries));
}

export interface WrittenPackage {
  /** Files written into the package. */
  readonly fileCount: number;
  /** Uncompressed bytes: the JSON and every file. */
  readonly totalBytes: number;
}

/**
 * The same package as buildWorkspacePackage, streamed: each file is read in chunks from
 * `readFile` (documents) or `readEvidence` (energy evidence files; null or absent: the file is
 * missing) and the zip comes out in chunks through `sink`, so a
 * 1 GB workspace never sits in one array and progress can be shown. On an error part of the zip
 * may already have gone to `sink`; the caller drops it.
 */
export async function writeWorkspacePackage(
  workspace: WorkspaceFile,
  readFile: (document: CompanyDocument) => AsyncIterable<Uint8Array> | null,
  sink: (chunk: Uint8Array) => void,
  onProgress?: (progress: PackageProgress) => void,
  readEvidence?: (attachment: EnergyAttachmentMetadata) => AsyncIterable<Uint8Array> | null,
): Promise<Result<WrittenPackage>> {
  const json = strToU8(JSON.stringify(workspace, null, 2));
  const plan = planEntries(workspace, json.byteLength);
  if (!plan.ok) return plan;
  const { entries, totalBytes } = plan.value;
  // Held in an object: the callback sets it, and TypeScript does not narrow properties across calls.
  const failure: { error: Error | null } = { error: null };
  const zip = new Zip((error, chunk) => {
    if (error) failure.error = error;
    else sink(chunk);
  });
  const jsonEntry = new ZipDeflate(WORKSPACE_PACKAGE_JSON, { level: 6 });
  zip.add(jsonEntry);
  jsonEntry.push(json, true);
  let doneBytes = json.byteLength;
  onProgress?.({ doneBytes, totalBytes });
  for (const planned of entries) {
    const source = planned.kind === 'document' ? readFile(planned.document) : (readEvidence?.(planned.attachment) ?? null);
    if (!source) return fileMissing(planned);
    // Stored, not deflated: scans and PDFs are compressed already.
    const entry = new ZipPassThrough(planned.entryName);
    zip.add(entry);
    let written = 0;
    for await (const chunk of source) {
      written += chunk.byteLength;
      if (written > planned.size) return sizeMismatch(planned, written);
      entry.push(chunk);
      doneBytes += chunk.byteLength;
      onProgress?.({ doneBytes, totalBytes });
    }
    if (written !== planned.size) return sizeMismatch(planned, written);
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure.error) return err('package.zipFailed', `生成工作区包失败：${failure.error.message}`);
  return ok({ fileCount: entries.length, totalBytes });
}

export interface ReadPackageOptions {
  /** Hex SHA-256 of bytes (e.g. WebCrypto through shared/crypto's port); without it hashes are not checked. */
  readonly sha256Hex?: ((bytes: Uint8Array) => Promise<string>) | undefined;
  /** Called as each expected file has been checked. */
  readonly onProgress?: ((progress: PackageProgress) => void) | undefined;
}

/** Entries a package may hold: workspace.json and one file per document or evidence file, with room for folders. */
const MAX_PACKAGE_ENTRIES = 100_000;

const UNCHANGED = '现有数据没有任何改动。';

/** Inflates the named entries only; fflate sizes each output from the (already checked) directory. */
function unzipEntries(bytes: Uint8Array, names: ReadonlySet<string>): Result<Record<string, Uint8Array>> {
  try {
    return ok(unzipSync(bytes, { filter: (file) => names.has(file.name) }));
  } catch (e) {
    return err('package.corrupt', `工作区包无法解压，文件可能已损坏或不完整。${UNCHANGED}`, technicalDetails(e));
  }
}

/**
 * Reads a package (or a plain workspace.json, which has no files) with Chinese errors. Limits
 * first: the zip directory's entry count and declared sizes are checked before anything is
 * inflated, then workspace.json alone is inflated and validated, and only then the document
 * and evidence files it lists, each only when its declared size is the one the workspace records. A refused
 * package therefore never costs more than its directory and its workspace.json.
 */
export async function readWorkspacePackage(bytes: Uint8Array, options: ReadPackageOptions = {}): Promise<Result<WorkspacePackage>> {
  if (!isWorkspacePackage(bytes)) {
    const parsed = decodeWorkspaceBytes(bytes);
    return parsed.ok ? ok({ workspace: parsed.value, files: new Map(), evidence: new Map(), problems: [] }) : parsed;
  }
  const directory = readZipDirectory(bytes, MAX_PACKAGE_ENTRIES);
  if (!directory.ok) return err('package.corrupt', `工作区包无法解压：${directory.reason}。${UNCHANGED}`);
  const { entries: listed, declaredUnzippedBytes } = directory.value;
  if (declaredUnzippedBytes > MAX_PACKAGE_UNCOMPRESSED_BYTES) {
    return err('package.tooLarge', `工作区包解压后有 ${formatMegabytes(declaredUnzippedBytes)}，超过 ${formatMegabytes(MAX_PACKAGE_UNCOMPRESSED_BYTES)} 的上限（可能是压缩炸弹）。${UNCHANGED}`);
  }
  const jsonEntries = listed.filter((e) => e.name === WORKSPACE_PACKAGE_JSON);
  if (jsonEntries.length === 0) return err('package.noWorkspace', `工作区包中缺少 ${WORKSPACE_PACKAGE_JSON}，不是企业合规工作台导出的工作区包`);
  if (jsonEntries.length > 1) return err('package.duplicateEntry', `工作区包中有 ${jsonEntries.length} 个 ${WORKSPACE_PACKAGE_JSON}，文件可能已被篡改。${UNCHANGED}`);
  if ((jsonEntries[0]?.uncompressedSize ?? 0) > MAX_WORKSPACE_FILE_BYTES) {
    return err('package.tooLarge', `工作区包中的 ${WORKSPACE_PACKAGE_JSON} 解压后超过 200 MB 的上限。${UNCHANGED}`);
  }
  const jsonRead = unzipEntries(bytes, new Set([WORKSPACE_PACKAGE_JSON]));
  if (!jsonRead.ok) return jsonRead;
  const json = jsonRead.value[WORKSPACE_PACKAGE_JSON];
  if (!json) return err('package.noWorkspace', `工作区包中缺少 ${WORKSPACE_PACKAGE_JSON}，不是企业合规工作台导出的工作区包`);
  const parsed = decodeWorkspaceBytes(json);
  if (!parsed.ok) return err(parsed.error.code, `工作区包中的 ${WORKSPACE_PACKAGE_JSON}：${parsed.error.message}`, parsed.error.details);

  // Only the entries the workspace expects, at the size it records; anything else stays compressed.
  const expected = packagedFiles(parsed.value);
  const declaredSize = new Map(listed.map((e) => [e.name, e.uncompressedSize] as const));
  const wanted = new Set(expected.map((entry) => entry.entryName).filter((name) => declaredSize.has(name)));
  const sizeOf = new Map(expected.map((entry) => [entry.entryName, entry.size] as const));
  for (const name of wanted) if (declaredSize.get(name) !== sizeOf.get(name)) wanted.delete(name);
  const filesRead = wanted.size === 0 ? ok<Record<string, Uint8Array>>({}) : unzipEntries(bytes, wanted);
  if (!filesRead.ok) return filesRead;
  const entries = filesRead.value;
  const declaredSizeOf = (name: string): number | undefined => declaredSize.get(name);

  const files = new Map<string, Uint8Array>();
  const evidence = new Map<string, Uint8Array>();
  const problems: string[] = [];
  const totalBytes = expected.reduce((sum, entry) => sum + entry.size, 0);
  let doneBytes = 0;
  for (const planned of expected) {
    const label = planned.kind === 'document'
      ? `企业“${planned.companyName}”的材料“${planned.document.title || planned.document.fileName}”`
      : `企业“${planned.companyName}”的能耗凭证文件“${planned.attachment.fileName}”`;
    const name = planned.entryName;
    const checked = await checkEntry(Object.hasOwn(entries, name) ? entries[name] : undefined, planned, options.sha256Hex, declaredSizeOf(name));
    if (typeof checked === 'string') problems.push(`${label}：${checked}`);
    else (planned.kind === 'document' ? files : evidence).set(planned.id, checked);
    doneBytes += planned.size;
    options.onProgress?.({ doneBytes, totalBytes });
  }
  return ok({ workspace: parsed.value, files, evidence, problems });
}

/** The entry's bytes when they are the listed file, else the Chinese reason they are not. */
async function checkEntry(
  entry: Uint8Array | undefined,
  planned: PlannedEntry,
  sha256Hex: ReadPackageOptions['sha256Hex'],
  declaredSize: number | undefined,
): Promise<Uint8Array | string> {
  if (declaredSize !== undefined && declaredSize !== planned.size) return `包中文件大小 ${declaredSize} 字节与记录的 ${planned.size} 字节不符，已忽略该文件`;
  if (!entry) return `包中没有其文件（${planned.entryName}）`;
  if (entry.byteLength !== planned.size) return `文件大小 ${entry.byteLength} 字节与记录的 ${planned.size} 字节不符，已忽略该文件`;
  if (sha256Hex && planned.sha256 !== '' && (await sha256Hex(entry)) !== planned.sha256) {
    return '文件校验值（SHA-256）与记录不符，文件可能已被改动，已忽略该文件';
  }
  return entry;
}
