import { createHash, webcrypto } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { MAX_BACKUP_ENTRIES, readBackupArchive } from '../../shared/backup/backupArchive';
import { BackupContentError, decodeSnapshot, type BlobFactory } from '../../shared/backup/snapshotDecode';
import { webCryptoPort } from '../../shared/crypto/cryptoPort';
import { asIsoDate, type IsoDate } from '../../shared/domain/isoDate';
import { defaultEnergySettings } from '../../shared/energy/ledger';
import { suggestedCompanyWideMapping } from '../../shared/energy/meterColumns';
import { importMeterRows, readXlsxRows, type SheetRows } from '../../shared/energy/meterImport';
import {
  checkMapping, detectHeaderRow, headerTexts, suggestMapping as suggestRosterMapping, validateRoster, type RosterMapping, type RosterValidation,
} from '../../shared/fleet/rosterImport';
import { readRosterWorkbook, type RosterWorkbook } from '../../shared/fleet/rosterWorkbook';
import { DEFAULT_ATTACHMENT_LIMITS, sniffKind, SNIFFED_KIND_NAMES } from '../../shared/pdf/fileSniff';
import { KNOWLEDGE_BASE_FORMAT } from '../../shared/policy/knowledgeBase';
import { chooseKnowledgeBase, parseKnowledgeBasePack } from '../../shared/policy/loadKnowledgeBase';
import { MAX_POLICY_PACK_BYTES } from '../../shared/policy/packText';
import { technicalText } from '../../shared/util/technicalDetail';
import { decodeUtf8Strict } from '../../shared/util/utf8Text';
import { readZipDirectory } from '../../shared/util/zipDirectory';
import { inspectFileBytes } from '../../shared/validation/documentFile';
import { findRecordIssues, type Finding } from '../../shared/validation/recordFindings';
import { checkStoredTables, STORE_SCHEMA_VERSION, STORED_TABLE_LABELS, storedTableLabel } from '../../shared/workspace/storedTables';
import { decodeWorkspaceBytes, MAX_WORKSPACE_FILE_BYTES, WORKSPACE_FORMAT, type WorkspaceFile } from '../../shared/workspace/workspaceFile';
import { MAX_PACKAGE_UNCOMPRESSED_BYTES, readWorkspacePackage, WORKSPACE_PACKAGE_JSON } from '../../shared/workspace/workspacePackage';
import { loadBundledKnowledgeBase } from './commandInputs';

/*
 * `cli validate <file>`: one place to try any file the app imports. The kind is recognised from
 * the content (magic bytes, the zip directory's entry names, a JSON file's "format" field), the
 * file name serving only as a hint when the content is too damaged to tell; then the file goes
 * through the very functions the app's importers call (shared/), so the command refuses exactly
 * what the app refuses, with the same Chinese sentence. Nothing is written anywhere.
 */

export const FILE_KINDS = ['workspace', 'package', 'backup', 'policyPack', 'roster', 'meter', 'pdf', 'jpeg', 'png'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Readonly<Record<FileKind, string>> = {
  workspace: '工作区文件（.json）',
  package: '工作区包（.zip）',
  backup: '备份文件（.cwbackup）',
  policyPack: '政策数据包（.json）',
  roster: '车辆花名册（.xlsx）',
  meter: '能耗数据表（.xlsx）',
  pdf: 'PDF 文档',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
};

export interface FileCheck {
  /** null when the content is none of the kinds the app imports. */
  readonly kind: FileKind | null;
  readonly isAccepted: boolean;
  /** Chinese lines: what the file holds (accepted) or why it is refused (first line). */
  readonly lines: readonly string[];
  /** Data findings of a workspace (the company page's 数据检查); errors make the exit code 1. */
  readonly findings: readonly { readonly companyId: string; readonly companyName: string; readonly findings: readonly Finding[] }[];
  /** The library's own text behind a refusal, for --json and logs only. */
  readonly technical: string | null;
}

export interface CheckOptions {
  readonly passphrase?: string | undefined;
  /** Overrides recognition, e.g. an .xlsx that holds both a roster and meter readings. */
  readonly kind?: FileKind | undefined;
  readonly today?: IsoDate | undefined;
}

/** The largest file any importer accepts (a workspace package or a backup). */
const MAX_ANY_FILE_BYTES = Math.max(MAX_PACKAGE_UNCOMPRESSED_BYTES, DEFAULT_ATTACHMENT_LIMITS.maxBytes);
const HEAD_BYTES = 4096;
const UNCHANGED = '未作任何改动';

function refused(kind: FileKind | null, message: string, technical: string | null = null): FileCheck {
  return { kind, isAccepted: false, lines: [message], findings: [], technical };
}

function accepted(kind: FileKind, lines: readonly string[], findings: FileCheck['findings'] = []): FileCheck {
  return { kind, isAccepted: true, lines, findings, technical: null };
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Reads the file after checking its size, so an enormous file is refused without being read. */
async function readBounded(full: string, shown: string, maxBytes: (head: Uint8Array) => number): Promise<{ bytes: Uint8Array } | { refusal: string }> {
  const handle = await open(full, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { refusal: `${shown} 不是文件` };
    const head = new Uint8Array(Math.min(HEAD_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    const limit = maxBytes(head);
    if (info.size > limit) return { refusal: `文件过大（${megabytes(info.size)}，此类文件上限 ${megabytes(limit)}），应用不会导入。${UNCHANGED}` };
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: bytes.subarray(0, at) };
  } finally {
    await handle.close();
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Text that starts like a JSON object, after an optional byte-order mark and white space. */
function isJsonObjectText(head: Uint8Array): boolean {
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (at < head.length && (head[at] === 0x20 || head[at] === 0x09 || head[at] === 0x0a || head[at] === 0x0d)) at++;
  return head[at] === 0x7b;
}

function sizeLimitFor(head: Uint8Array): number {
  if (isJsonObjectText(head)) return MAX_WORKSPACE_FILE_BYTES;
  const kind = sniffKind(head);
  if (kind === 'pdf' || kind === 'jpeg' || kind === 'png') return DEFAULT_ATTACHMENT_LIMITS.maxBytes;
  return MAX_ANY_FILE_BYTES;
}

/** The "format" field of a JSON file, read without trusting the rest of it. */
function declaredFormat(bytes: Uint8Array): string | null {
  const text = decodeUtf8Strict(bytes);
  if (text !== null) {
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json === 'object' && json !== null && typeof (json as { format?: unknown }).format === 'string') return (json as { format: string }).format;
    } catch {
      // Broken JSON: look for the field in the raw text below.
    }
  }
  // Bytes that are not UTF-8, or JSON that does not parse, still say what they meant to be.
  const raw = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
  return /"format"\s*:\s*"([^"]{1,100})"/.exec(raw)?.[1] ?? null;
}

const EXTENSION_HINTS: Readonly<Record<string, FileKind>> = {
  '.cwbackup': 'backup', '.zip': 'package', '.json': 'workspace', '.xlsx': 'roster', '.pdf': 'pdf', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png',
};

/** What the content says the file is; the name only when the content cannot say. */
function recognise(bytes: Uint8Array, fileName: string): FileKind | { readonly unknown: string } {
  const hint = EXTENSION_HINTS[path.extname(fileName).toLowerCase()];
  if (bytes.length === 0) return hint ?? { unknown: '文件是空的（0 字节），不是应用能导入的文件' };
  if (isJsonObjectText(bytes.subarray(0, HEAD_BYTES))) {
    const format = declaredFormat(bytes);
    if (format === KNOWLEDGE_BASE_FORMAT) return 'policyPack';
    if (format === WORKSPACE_FORMAT || format === null) return 'workspace';
    return { unknown: `JSON 文件的 format 字段为“${format.slice(0, 60)}”，既不是工作区文件，也不是政策数据包` };
  }
  if (isZip(bytes)) {
    const directory = readZipDirectory(bytes, MAX_BACKUP_ENTRIES);
    if (!directory.ok) return hint ?? { unknown: `压缩包无法读取：${directory.reason}` };
    const names = new Set(directory.value.entries.map((e) => e.name));
    if (names.has('manifest.json') && (names.has('index.json') || names.has('index.bin'))) return 'backup';
    if (names.has(WORKSPACE_PACKAGE_JSON)) return 'package';
    if (names.has('[Content_Types].xml')) return 'roster';
    if (names.has('manifest.json')) return 'backup';
    return hint ?? { unknown: '压缩包中既没有 workspace.json（工作区包），也没有 manifest.json（备份），也不是 Excel 工作簿' };
  }
  const sniffed = sniffKind(bytes);
  if (sniffed === 'pdf' || sniffed === 'jpeg' || sniffed === 'png') return sniffed;
  return hint ?? { unknown: `文件内容是${SNIFFED_KIND_NAMES[sniffed]}，不是应用能导入的文件` };
}

// ---- Per kind: the app's importers ------------------------------------------------------------

function workspaceFindings(workspace: WorkspaceFile): FileCheck['findings'] {
  return workspace.companies.map((record) => ({ companyId: record.company.id, companyName: record.company.name, findings: findRecordIssues(record) }));
}

function workspaceLines(workspace: WorkspaceFile, findings: FileCheck['findings']): string[] {
  const documents = workspace.companies.reduce((n, r) => n + r.documents.length, 0);
  const errors = findings.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = findings.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  return [`可以导入：共 ${workspace.companies.length} 家企业，${documents} 份材料；数据检查 ${errors} 个错误，${warnings} 个警告`];
}

function checkWorkspace(bytes: Uint8Array): FileCheck {
  const decoded = decodeWorkspaceBytes(bytes);
  if (!decoded.ok) return refused('workspace', decoded.error.message);
  const findings = workspaceFindings(decoded.value);
  return accepted('workspace', workspaceLines(decoded.value, findings), findings);
}

const sha256Hex = (bytes: Uint8Array): Promise<string> => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

async function checkPackage(bytes: Uint8Array): Promise<FileCheck> {
  const read = await readWorkspacePackage(bytes, { sha256Hex });
  if (!read.ok) return refused('package', read.error.message, technicalOf(read.error.details));
  const findings = workspaceFindings(read.value.workspace);
  const lines = workspaceLines(read.value.workspace, findings);
  // Documents' files and energy evidence files (evidence/) alike.
  const { files, evidence } = read.value;
  lines[0] = `${lines[0] ?? ''}；包内 ${files.size + evidence.size} 个文件完好${evidence.size > 0 ? `（其中能耗凭证 ${evidence.size} 个）` : ''}`;
  return accepted('package', [...lines, ...read.value.problems.map((p) => `将略去：${p}`)], findings);
}

function technicalOf(details: unknown): string | null {
  const technical = (details as { technical?: unknown } | undefined)?.technical;
  return typeof technical === 'string' ? technical : null;
}

/** Node's Blob and File stand in for the page's; the record checks recognise a Blob by its shape. */
const NODE_BLOBS: BlobFactory = {
  blob: (bytes, type) => new Blob([new Uint8Array(bytes)], { type }),
  file: (bytes, name, type, lastModified) => new File([new Uint8Array(bytes)], name, { type, lastModified }),
};

async function checkBackup(bytes: Uint8Array, passphrase: string | undefined): Promise<FileCheck> {
  const read = await readBackupArchive(bytes, { passphrase }, webCryptoPort(webcrypto));
  if (!read.ok) {
    const hint = read.error.code === 'backup.needsPassphrase' ? '（用 --passphrase <密码> 提供）' : '';
    return refused('backup', `${read.error.message}${hint}`);
  }
  const { manifest, snapshot } = read.value;
  let tables: Record<string, readonly unknown[]>;
  try {
    const decoded = decodeSnapshot(snapshot, NODE_BLOBS);
    tables = Object.fromEntries(Object.entries(decoded.tables).map(([name, table]) => [name, table.rows]));
  } catch (error) {
    if (error instanceof BackupContentError) return refused('backup', `备份内容无法识别：${error.message}。${UNCHANGED}`);
    throw error;
  }
  const records = Object.values(tables).reduce((n, rows) => n + rows.length, 0);
  const head = `备份 ${manifest.createdAt.slice(0, 19).replace('T', ' ')}（${manifest.encryption ? '已加密' : '未加密'}）：${Object.keys(tables).length} 张数据表，${records} 条记录，${snapshot.files.length} 个文件，校验值全部相符`;
  if (snapshot.schemaVersion > STORE_SCHEMA_VERSION) {
    return refused('backup', `备份的数据库版本（${snapshot.schemaVersion}）比本应用（${STORE_SCHEMA_VERSION}）新，请先升级应用。${UNCHANGED}`);
  }
  if (snapshot.schemaVersion < STORE_SCHEMA_VERSION) {
    // The app first runs its own migrations on these tables (in IndexedDB), then checks every record.
    return accepted('backup', [head, `备份来自较早的数据库版本（${snapshot.schemaVersion}，当前 ${STORE_SCHEMA_VERSION}）：恢复时应用先升级数据，再逐条检查记录；命令行已核对结构和校验值`]);
  }
  const unknown = Object.keys(tables).find((name) => !Object.hasOwn(STORED_TABLE_LABELS, name));
  if (unknown !== undefined) return refused('backup', `备份中的数据表“${unknown.slice(0, 60)}”在当前版本中不存在，无法恢复。${UNCHANGED}`);
  const checked = checkStoredTables(tables);
  if (!checked.ok) return refused('backup', checked.error.message);
  const perTable = Object.entries(tables).filter(([, rows]) => rows.length > 0).map(([name, rows]) => `${storedTableLabel(name)} ${rows.length}`);
  return accepted('backup', [`可以恢复：${head}`, ...(perTable.length > 0 ? [`各表记录：${perTable.join('，')}`] : []), ...evidenceFileLines(tables)]);
}

function rowId(row: unknown): unknown {
  return typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
}

/**
 * Since schema version 7 an energy evidence file's bytes are in the one file store (documentFiles,
 * under the evidence id) beside the documents' files; its energyAttachments row is the metadata.
 * Says how many there are, and names those whose bytes the backup lacks (they restore, but do not
 * open), as the app would find them after the restore.
 */
function evidenceFileLines(tables: Readonly<Record<string, readonly unknown[]>>): string[] {
  const evidence = tables.energyAttachments ?? [];
  if (evidence.length === 0) return [];
  const stored = new Set((tables.documentFiles ?? []).map(rowId));
  const missing = evidence.filter((row) => !stored.has(rowId(row)));
  const names = missing.slice(0, 5).map((row) => `“${String((row as { fileName?: unknown }).fileName ?? rowId(row)).slice(0, 80)}”`).join('、');
  const more = missing.length > 5 ? `等 ${missing.length} 个` : '';
  return [
    `能耗凭证文件 ${evidence.length} 个，内容与材料文件同存于“${storedTableLabel('documentFiles')}”${missing.length === 0 ? '，全部齐全' : ''}`,
    ...(missing.length > 0 ? [`注意：能耗凭证文件${names}${more}在备份中没有文件内容，恢复后无法打开`] : []),
  ];
}

function checkPolicyPack(bytes: Uint8Array): FileCheck {
  if (bytes.length > MAX_POLICY_PACK_BYTES) return refused('policyPack', `政策数据包过大（超过 ${megabytes(MAX_POLICY_PACK_BYTES)}），应用不会使用。${UNCHANGED}`);
  const text = decodeUtf8Strict(bytes);
  if (text === null) return refused('policyPack', `政策数据包不是 UTF-8 编码的文本（含有无效的字节），应用不会使用。${UNCHANGED}`);
  const bundled = loadBundledKnowledgeBase();
  if (!bundled.ok) return refused('policyPack', `无法读取内置政策数据，无法比较：${bundled.error.message}`);
  const pack = parseKnowledgeBasePack(text, bundled.value.sourceText);
  if (!pack.ok) return refused('policyPack', `政策数据包无效：${pack.error.message}`);
  const items = pack.value.kb.documents.reduce((n, d) => n + d.items.length, 0);
  const choice = chooseKnowledgeBase(bundled.value, text);
  return accepted('policyPack', [`有效的政策数据包：版本 ${pack.value.kb.dataVersion}，${pack.value.kb.documents.length} 份文书，${items} 个条目`, ...(choice.message === null ? [] : [choice.message])]);
}

/** The roster sheet the import dialog opens with: the one whose header names the most fields. */
function bestRosterSheet(workbook: RosterWorkbook): { sheetIndex: number; headerRowIndex: number; mapping: RosterMapping } | null {
  let best: { sheetIndex: number; headerRowIndex: number; mapping: RosterMapping; score: number } | null = null;
  workbook.sheets.forEach((sheet, sheetIndex) => {
    const header = detectHeaderRow(sheet.rows);
    if (header === null) return;
    const mapping = suggestRosterMapping(headerTexts(sheet.rows, header, sheet.columnCount));
    const score = Object.keys(mapping).length;
    if (best === null || score > best.score) best = { sheetIndex, headerRowIndex: header, mapping, score };
  });
  return best;
}

function rosterLines(validation: RosterValidation): string[] {
  const shown = validation.rejected.slice(0, 10).map((r) => `  第 ${r.rowNumber} 行${r.plateText === '' ? '' : `（${r.plateText}）`}：${r.reasons.join('；')}`);
  const more = validation.rejected.length > 10 ? [`  另有 ${validation.rejected.length - 10} 行未通过`] : [];
  return [`车辆花名册：${validation.accepted.length} 辆可以导入，${validation.rejected.length} 行未通过检查`, ...shown, ...more];
}

function rosterVerdict(workbook: RosterWorkbook, today: IsoDate): FileCheck | null {
  if (workbook.sheets.every((s) => s.rows.length === 0)) return refused('roster', '工作簿中没有任何数据');
  const best = bestRosterSheet(workbook);
  if (best === null) return null;
  const problems = checkMapping(best.mapping);
  if (problems.length > 0) return null;
  const sheet = workbook.sheets[best.sheetIndex];
  if (sheet === undefined) return null;
  const validation = validateRoster({ rows: sheet.rows, headerRowIndex: best.headerRowIndex, mapping: best.mapping, existingPlates: [], today });
  const lines = rosterLines(validation);
  // The dialog imports the accepted rows; a roster none of whose rows passes imports nothing.
  return validation.accepted.length === 0
    ? { kind: 'roster', isAccepted: false, lines: [`车辆花名册中没有一行能导入（${validation.rejected.length} 行未通过检查）`, ...lines.slice(1)], findings: [], technical: null }
    : accepted('roster', lines);
}

async function meterVerdict(sheets: readonly SheetRows[]): Promise<FileCheck | null> {
  // The import dialog's first mapping, with no sites to match a 场所 column against: company-wide.
  const sheet = sheets.find((s) => suggestedCompanyWideMapping(s) !== null);
  const mapping = sheet === undefined ? null : suggestedCompanyWideMapping(sheet);
  if (sheet === undefined || mapping === null) return null;
  let n = 0;
  const result = await importMeterRows(sheet.rows, mapping, {
    companyId: 'cli-validate', stores: [], existing: [], settings: defaultEnergySettings(), newId: () => `cli-${++n}`,
  });
  const errors = result.rows.filter((r) => r.status === 'error');
  // Each message already names its row (第 n 行 …).
  const shown = errors.slice(0, 10).map((r) => `  ${r.messages.join('；')}`);
  const more = errors.length > 10 ? [`  另有 ${errors.length - 10} 行有错误`] : [];
  const lines = [`能耗数据表（工作表“${sheet.name}”）：${result.summary}`, ...shown, ...more];
  return result.isAccepted ? accepted('meter', lines) : { kind: 'meter', isAccepted: false, lines, findings: [], technical: null };
}

const NEITHER_SHEET = 'Excel 工作簿中找不到车辆花名册的表头（号牌号码、使用性质、注册日期）或能耗数据的表头（月份、用量或起止码），应用无法导入';

async function checkWorkbook(bytes: Uint8Array, forced: 'roster' | 'meter' | undefined, today: IsoDate): Promise<FileCheck> {
  if (forced !== 'meter') {
    const read = await readRosterWorkbook(bytes);
    if (!read.ok) {
      if (forced === 'roster') return refused('roster', `无法导入车辆花名册：${read.error.message}`);
    } else {
      const verdict = rosterVerdict(read.value, today);
      if (verdict !== null || forced === 'roster') return verdict ?? refused('roster', `车辆花名册缺少必需的列：${checkMapping(bestRosterSheet(read.value)?.mapping ?? {}).join('；')}`);
    }
    if (!read.ok) {
      // Refused by the roster reader's limits: the meter reader is stricter still, so this is the answer.
      const meter = await readXlsxRows(bytes);
      if (!meter.ok) return refused('roster', `Excel 文件无法导入：${read.error.message}`);
      return (await meterVerdict(meter.value)) ?? refused(null, NEITHER_SHEET);
    }
  }
  const meter = await readXlsxRows(bytes);
  if (!meter.ok) return refused(forced === 'meter' ? 'meter' : null, `无法导入能耗数据：${meter.error.message}`);
  return (await meterVerdict(meter.value)) ?? refused(forced === 'meter' ? 'meter' : null, NEITHER_SHEET);
}

async function checkDocument(kind: 'pdf' | 'jpeg' | 'png', fileName: string, bytes: Uint8Array): Promise<FileCheck> {
  const inspected = await inspectFileBytes(fileName, bytes);
  if (!inspected.ok) return refused(kind, inspected.error.message);
  const pages = inspected.value.pageCount === null ? '' : `，${inspected.value.pageCount} 页`;
  return accepted(kind, [`可以加入材料库：${FILE_KIND_LABELS[kind]}（${inspected.value.mimeType}${pages}，${megabytes(bytes.length)}）`]);
}

/** Checks one file as the app would import it. Throws only for errors of the file system. */
export async function checkFile(full: string, shown: string, options: CheckOptions = {}): Promise<FileCheck> {
  const read = await readBounded(full, shown, sizeLimitFor);
  if ('refusal' in read) return refused(null, read.refusal);
  const { bytes } = read;
  const recognised = options.kind ?? recognise(bytes, shown);
  if (typeof recognised !== 'string') return refused(null, `无法识别的文件：${recognised.unknown}。应用能导入工作区文件或包、备份、政策数据包、车辆花名册或能耗数据表（.xlsx）、PDF/JPEG/PNG 材料`);
  const today = options.today ?? asIsoDate(new Date().toISOString().slice(0, 10));
  switch (recognised) {
    case 'workspace':
      return checkWorkspace(bytes);
    case 'package':
      return checkPackage(bytes);
    case 'backup':
      return checkBackup(bytes, options.passphrase);
    case 'policyPack':
      return checkPolicyPack(bytes);
    case 'roster':
    case 'meter':
      return checkWorkbook(bytes, options.kind === 'roster' || options.kind === 'meter' ? options.kind : undefined, today);
    case 'pdf':
    case 'jpeg':
    case 'png':
      return checkDocument(recognised, path.basename(shown), bytes);
  }
}

/** Any exception that still escapes an importer: Chinese for the officer, the technical text kept apart. */
export function unexpectedFailure(error: unknown): FileCheck {
  return refused(null, `无法检查该文件：内容已损坏或不是应用能导入的格式。${UNCHANGED}`, technicalText(error));
}
