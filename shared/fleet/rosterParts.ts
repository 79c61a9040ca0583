import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

/*
 * A large roster sheet cut into small workbooks that exceljs loads one after another (issue 15:
 * 100,000 vehicles peaked at 882 MB with the whole workbook, its parsed model and the plain rows
 * in memory at once). The sheet XML is cut between <row> elements; each part keeps the sheet's
 * head and tail, and the shared strings its cells use, renumbered. Every cell is still read by
 * exceljs from the same XML, so a cell reads as in one load.
 *
 * Only workbooks laid out plainly are cut: every sheet's rows stand alone (no merged cells,
 * hyperlinks, formulas, comments, drawings or relationships of its own; no CDATA, XML comments or
 * DOCTYPE; every <row> numbered, in increasing order) and every shared-string cell is `t="s"` with
 * its index right after it. Anything else is loaded whole, as before.
 */

interface RowSpan {
  /** The Excel row number (the r attribute). */
  readonly number: number;
  readonly start: number;
  end: number;
}

interface SheetCut {
  /** Up to and with `<sheetData>`, and from `</sheetData>` on. */
  readonly head: string;
  readonly tail: string;
  readonly rows: readonly RowSpan[];
  readonly xml: string;
}

interface SharedStrings {
  readonly head: string;
  readonly tail: string;
  /** Each <si> element as written. */
  readonly items: readonly string[];
}

export interface PartPlan {
  readonly rowsPerPart: number;
  /** Every zip entry; the cut sheets' own bytes are replaced in each load. */
  readonly entries: Unzipped;
  /** Sheets read in parts, by zip entry name. */
  readonly cuts: ReadonlyMap<string, SheetCut>;
  readonly sharedStrings: SharedStrings | null;
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const WORKSHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;
/** Anything that ties a row to another, or XML this cutting does not read. */
const NOT_STANDALONE = ['<![CDATA[', '<!--', '<!DOCTYPE', '<!ENTITY', '<mergeCell', '<hyperlink', '<f', '<legacyDrawing', '<drawing', "t='", "r='"];

/** The sheet cut between its rows, or null when its rows do not stand alone or it fits in one part. */
function cutSheet(xml: string, rowsPerPart: number): SheetCut | null {
  if (NOT_STANDALONE.some((s) => xml.includes(s))) return null;
  const open = xml.indexOf('<sheetData>');
  const close = xml.indexOf('</sheetData>');
  if (open < 0 || close < open || xml.indexOf('<sheetData', open + 1) >= 0 || xml.indexOf('</sheetData>', close + 1) >= 0) return null;
  const bodyStart = open + '<sheetData>'.length;
  const rows: RowSpan[] = [];
  const rowStart = /<row[\s>/]/g;
  rowStart.lastIndex = bodyStart;
  let expected = bodyStart;
  let previous = 0;
  for (let m = rowStart.exec(xml); m !== null && m.index < close; m = rowStart.exec(xml)) {
    const tagEnd = xml.indexOf('>', m.index);
    if (tagEnd < 0 || tagEnd > close) return null;
    // Only whitespace may stand between rows (the previous row's end tag is inside its span).
    if (rows.length === 0 && xml.slice(expected, m.index).trim() !== '') return null;
    const number = /\sr="(\d{1,7})"/.exec(xml.slice(m.index, tagEnd + 1));
    if (number?.[1] === undefined) return null;
    const n = Number(number[1]);
    if (n <= previous) return null;
    previous = n;
    const last = rows.at(-1);
    if (last !== undefined) last.end = m.index;
    rows.push({ number: n, start: m.index, end: close });
    expected = tagEnd + 1;
  }
  if (rows.length <= rowsPerPart) return null;
  return { head: xml.slice(0, bodyStart), tail: xml.slice(close), rows, xml };
}

/** The shared strings split into their <si> elements, or null when anything else stands between them. */
function splitSharedStrings(xml: string): SharedStrings | null {
  if (NOT_STANDALONE.slice(0, 4).some((s) => xml.includes(s))) return null;
  const open = /<sst\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf('</sst>');
  if (open === null || close < 0) return null;
  const items: string[] = [];
  const item = /<si\/>|<si>[\s\S]*?<\/si>/g;
  item.lastIndex = open.index + open[0].length;
  let at = item.lastIndex;
  for (let m = item.exec(xml); m !== null && m.index < close; m = item.exec(xml)) {
    if (xml.slice(at, m.index).trim() !== '' || m[0].indexOf('<si', 1) >= 0) return null;
    items.push(m[0]);
    at = m.index + m[0].length;
  }
  if (xml.slice(at, close).trim() !== '') return null;
  return { head: xml.slice(0, open.index + open[0].length), tail: xml.slice(close), items };
}

/** Which sheets to read in parts; null when none needs it or the workbook is not laid out plainly. */
export function planParts(bytes: Uint8Array, rowsPerPart: number): PartPlan | null {
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes);
  } catch {
    return null;
  }
  const names = Object.keys(entries);
  // exceljs strips one leading slash from entry names; such a zip is loaded whole.
  if (names.some((n) => n.startsWith('/'))) return null;
  const cuts = new Map<string, SheetCut>();
  for (const name of names) {
    const match = WORKSHEET_ENTRY.exec(name);
    if (match === null) continue;
    if (names.some((n) => n.endsWith(`worksheets/_rels/sheet${match[1]}.xml.rels`))) continue;
    const cut = cutSheet(strFromU8(entries[name] as Uint8Array), rowsPerPart);
    if (cut !== null) cuts.set(name, cut);
  }
  if (cuts.size === 0) return null;
  let sharedStrings: SharedStrings | null = null;
  const sst = entries[SHARED_STRINGS];
  if (sst !== undefined) {
    sharedStrings = splitSharedStrings(strFromU8(sst));
    if (sharedStrings === null) return null;
  }
  // Their bytes are written anew for every load; the text is kept once.
  for (const name of cuts.keys()) entries[name] = new Uint8Array(0);
  return { rowsPerPart, entries, cuts, sharedStrings };
}

/**
 * Rows of a cut sheet with their shared-string cells renumbered into `used` (old index → new).
 * Null when a `t="s"` cell is not `<c …t="s"…><v>index</v>` or names a string that is not there.
 */
function renumberSharedStrings(rows: string, count: number, used: Map<number, number>): string | null {
  let out = '';
  let at = 0;
  const cell = /<c\b[^>]*?\st="s"[^>]*>/g;
  for (let m = cell.exec(rows); m !== null; m = cell.exec(rows)) {
    if (m[0].endsWith('/>')) continue;
    const end = m.index + m[0].length;
    const v = /^<v>(\d{1,9})<\/v>/.exec(rows.slice(end, end + 20));
    if (v?.[1] === undefined) return null;
    const index = Number(v[1]);
    if (index >= count) return null;
    let renumbered = used.get(index);
    if (renumbered === undefined) {
      renumbered = used.size;
      used.set(index, renumbered);
    }
    out += `${rows.slice(at, end)}<v>${renumbered}</v>`;
    at = end + v[0].length;
  }
  return out + rows.slice(at);
}

/** A worksheet with no rows: what the other sheets become while one sheet's part is loaded. */
const EMPTY_WORKSHEET = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

/** The workbook as it is, except that each cut sheet holds only the rows `rowsOf` gives it. */
export function frameBytes(plan: PartPlan, rowsOf: (name: string) => string): Uint8Array {
  const entries: Unzipped = { ...plan.entries };
  for (const [name, cut] of plan.cuts) entries[name] = strToU8(`${cut.head}${rowsOf(name)}${cut.tail}`);
  return zipSync(entries, { level: 0 });
}

/**
 * The workbook with sheet `name` holding rows `from`–`to` (indexes into its cut) and the shared
 * strings they use, renumbered; every other sheet empty. Stored, not compressed. Null when the
 * strings cannot be renumbered (then the workbook is loaded whole).
 */
export function partBytes(plan: PartPlan, name: string, from: number, to: number): Uint8Array | null {
  const cut = plan.cuts.get(name);
  const first = cut?.rows[from];
  const last = cut?.rows[to];
  if (cut === undefined || first === undefined || last === undefined) return null;
  let rows = cut.xml.slice(first.start, last.end);
  const entries: Unzipped = { ...plan.entries };
  for (const entry of Object.keys(entries)) if (WORKSHEET_ENTRY.test(entry) && entry !== name) entries[entry] = strToU8(EMPTY_WORKSHEET);
  const sst = plan.sharedStrings;
  if (sst !== null) {
    const used = new Map<number, number>();
    const renumbered = renumberSharedStrings(rows, sst.items.length, used);
    if (renumbered === null) return null;
    rows = renumbered;
    const items = new Array<string>(used.size);
    for (const [index, at] of used) items[at] = sst.items[index] as string;
    entries[SHARED_STRINGS] = strToU8(`${sst.head}${items.join('')}${sst.tail}`);
  }
  entries[name] = strToU8(`${cut.head}${rows}${cut.tail}`);
  return zipSync(entries, { level: 0 });
}
