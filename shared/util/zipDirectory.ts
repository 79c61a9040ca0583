import { Inflate } from 'fflate';

/*
 * Limits first, cheaply: what a .zip (an .xlsx, a workspace package, a backup) claims to hold is
 * read from its central directory, without inflating anything, so a zip bomb or a million-entry
 * archive is refused in milliseconds. A sheet's rows are counted by inflating its XML in small
 * chunks and stopping at the limit, which also holds when a forged directory lies about sizes.
 */

interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntryInfo[];
  /** Sum of the sizes the entries declare once unzipped. */
  readonly declaredUnzippedBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/** Entry names are UTF-8 (or CP437 in old tools); shown names only, so lossy decoding is fine here. */
function latin1OrUtf8(bytes: Uint8Array): string {
  try {
    return new (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(b: Uint8Array): string } }).TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/**
 * The central directory of a zip, or a Chinese reason it cannot be one. Reads at most
 * `maxEntries` entries; more is itself a refusal.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): { readonly ok: true; readonly value: ZipDirectory } | { readonly ok: false; readonly reason: string } {
  if (bytes.length < 22) return { ok: false, reason: '文件不完整，不是有效的压缩包' };
  // The end record sits in the last 22 + up to 65,535 (comment) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: '找不到压缩包目录，文件已损坏或被截断' };
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, reason: '压缩包使用了本应用不接受的超大格式（ZIP64）' };
  if (count > maxEntries) return { ok: false, reason: `压缩包内有 ${count} 个文件，超过 ${maxEntries} 个的上限` };
  if (offset + size > bytes.length) return { ok: false, reason: '压缩包目录超出文件末尾，文件已损坏或被截断' };
  const entries: ZipEntryInfo[] = [];
  let at = offset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL_SIGNATURE) return { ok: false, reason: '压缩包目录已损坏' };
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localHeaderOffset = u32(bytes, at + 42);
    if (at + 46 + nameLength > bytes.length) return { ok: false, reason: '压缩包目录已损坏' };
    const name = latin1OrUtf8(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    declared += uncompressedSize;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, value: { entries, declaredUnzippedBytes: declared } };
}

/** The compressed bytes of one entry, located through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntryInfo): Uint8Array | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

interface SheetScan {
  /** `<row` elements seen, up to just past the limit. */
  readonly rows: number;
  /** Rows the sheet's `<dimension ref="A1:H1048576"/>` claims, when it has one. */
  readonly dimensionRows: number | null;
  /** True when the scan stopped at a limit rather than at the end of the XML. */
  readonly isCut: boolean;
  readonly isUnreadable: boolean;
}

const CHUNK = 64 * 1024;

/**
 * Counts the rows of a worksheet entry by inflating it in 64 KB steps, stopping as soon as more
 * than `maxRows` rows or `maxBytes` bytes of XML have been seen. Memory stays at one chunk.
 */
function scanSheetRows(bytes: Uint8Array, entry: ZipEntryInfo, maxRows: number, maxBytes: number): SheetScan {
  const data = entryData(bytes, entry);
  if (data === null || (entry.method !== 0 && entry.method !== 8)) return { rows: 0, dimensionRows: null, isCut: false, isUnreadable: true };
  let rows = 0;
  let seen = 0;
  let tail = '';
  let head = '';
  let isStopped = false;
  let isUnreadable = false;
  const take = (chunk: Uint8Array) => {
    if (isStopped) return;
    seen += chunk.length;
    // ASCII view is enough to find tags; multi-byte characters never contain '<'.
    let text = tail;
    for (let i = 0; i < chunk.length; i += 8192) text += String.fromCharCode(...chunk.subarray(i, Math.min(chunk.length, i + 8192)));
    if (head.length < 4096) head += text.slice(0, 4096 - head.length);
    let from = 0;
    for (;;) {
      const found = text.indexOf('<row', from);
      if (found < 0) break;
      const next = text.charCodeAt(found + 4);
      // "<row " or "<row>", not "<rows" or a cut-off "<row" at the very end.
      if (found + 4 < text.length && (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d)) rows++;
      else if (found + 4 >= text.length) break;
      from = found + 4;
    }
    tail = text.slice(Math.max(from, text.length - 4));
    if (rows > maxRows || seen > maxBytes) isStopped = true;
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length && !isStopped; i += CHUNK) take(data.subarray(i, Math.min(data.length, i + CHUNK)));
  } else {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      for (let i = 0; i < data.length && !isStopped; i += CHUNK) inflate.push(data.subarray(i, Math.min(data.length, i + CHUNK)), i + CHUNK >= data.length);
    } catch {
      isUnreadable = true;
    }
  }
  const dimension = /<dimension\s+ref="[A-Z]{1,3}\d+(?::[A-Z]{1,3}(\d+))?"/.exec(head);
  const dimensionRows = dimension?.[1] !== undefined ? Number(dimension[1]) : null;
  return { rows, dimensionRows, isCut: isStopped, isUnreadable };
}

export interface XlsxLimits {
  readonly maxEntries: number;
  readonly maxUnzippedBytes: number;
  /** Rows per sheet, data and header together. */
  readonly maxSheetRows: number;
  /** Bytes of one sheet's XML. */
  readonly maxSheetXmlBytes: number;
}

/**
 * Checks an .xlsx against limits before any spreadsheet library parses it: directory, declared
 * sizes, each sheet's <dimension> and its real row count. Returns a Chinese reason or null.
 */
export function checkXlsxLimits(bytes: Uint8Array, limits: XlsxLimits): string | null {
  const directory = readZipDirectory(bytes, limits.maxEntries);
  if (!directory.ok) return directory.reason;
  const { entries, declaredUnzippedBytes } = directory.value;
  if (declaredUnzippedBytes > limits.maxUnzippedBytes) {
    return `文件解压后有 ${formatMegabytes(declaredUnzippedBytes)}，超过 ${formatMegabytes(limits.maxUnzippedBytes)} 的上限（可能是压缩炸弹）`;
  }
  if (!entries.some((e) => e.name === '[Content_Types].xml')) return '文件不是 Excel（.xlsx）格式：压缩包中缺少 [Content_Types].xml';
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    if (entry.uncompressedSize > limits.maxSheetXmlBytes) return `工作表数据有 ${formatMegabytes(entry.uncompressedSize)}，超过 ${formatMegabytes(limits.maxSheetXmlBytes)} 的上限`;
    const scan = scanSheetRows(bytes, entry, limits.maxSheetRows, limits.maxSheetXmlBytes);
    if (scan.isUnreadable) return '工作表数据已损坏，无法读取';
    if (scan.dimensionRows !== null && scan.dimensionRows > limits.maxSheetRows && scan.rows > limits.maxSheetRows) {
      return `工作表有 ${scan.dimensionRows} 行，超过 ${limits.maxSheetRows} 行的上限，请拆分后导入`;
    }
    if (scan.rows > limits.maxSheetRows) return `工作表超过 ${limits.maxSheetRows} 行的上限，请拆分后导入`;
    if (scan.isCut) return `工作表数据超过 ${formatMegabytes(limits.maxSheetXmlBytes)} 的上限（实际解压大小与目录记录不符）`;
  }
  return null;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
