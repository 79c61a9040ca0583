import { checkDate, checkDrugLicenceNumber, checkIdNumber, checkPeriod, checkPlate, checkSeats, checkUsccValue, checkVehicleUse, type Checked } from './checks';
import type { OcrLine, OcrPage } from './pipeline';

/*
 * From recognised lines to proposed facts (issue 18): labels are found by position (a label may be
 * one box with its value, split into one box per spaced-out character, or a box of its own with
 * the value to its right or below); the value runs to the next label on the row and, for
 * addresses and business scope, on to the lines below in the same column. Every value carries the
 * lowest confidence of the lines it came from and their boxes; a value failing its check is
 * never certain.
 */

export const DOCUMENT_KINDS = ['营业执照', '药品经营许可证', '行驶证', '身份证', '执业药师注册证'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_NAMES: Readonly<Record<DocumentKind, string>> = {
  营业执照: '营业执照',
  药品经营许可证: '药品经营许可证',
  行驶证: '机动车行驶证',
  身份证: '居民身份证',
  执业药师注册证: '执业药师注册证',
};

interface FieldSpec {
  readonly name: string;
  readonly labels: readonly string[];
  readonly multiline?: boolean;
  readonly check?: (raw: string) => Checked;
  /** Takes the part of the reading that is the value (drops trailing noise). */
  readonly clean?: (raw: string) => string;
  /** Found anywhere on the page when its label is not. */
  readonly anywhere?: RegExp;
}

interface KindSpec {
  readonly titles: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** Labels that are not extracted but end the value before them. */
  readonly otherLabels: readonly string[];
}

/**
 * A company's name without what follows it on the line: up to its last 有限公司 (a 药店 or
 * 大药房 inside the name is not its end), else up to the first usual ending of a name.
 */
const upToCompany = (raw: string): string => /^(.*(?:有限责任公司|有限公司|股份公司))/.exec(raw)?.[1]
  ?? /^(.*?(?:合伙企业\)?|\)|）|厂|店|部|中心|社|所))(?:.*)$/.exec(raw)?.[1] ?? raw;

export const KIND_SPECS: Readonly<Record<DocumentKind, KindSpec>> = {
  营业执照: {
    titles: ['营业执照'],
    fields: [
      { name: '名称', labels: ['名称'], clean: upToCompany },
      { name: '统一社会信用代码', labels: ['统一社会信用代码'], check: checkUsccValue, anywhere: /[0-9A-HJ-NP-RT-UW-Y]{2}\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}/ },
      { name: '类型', labels: ['类型'] },
      { name: '法定代表人', labels: ['法定代表人', '负责人', '经营者', '执行事务合伙人', '投资人'] },
      { name: '注册资本', labels: ['注册资本', '出资额'] },
      { name: '成立日期', labels: ['成立日期', '注册日期'], check: checkDate },
      { name: '营业期限', labels: ['营业期限', '合伙期限'], check: checkPeriod },
      { name: '住所', labels: ['住所', '主要经营场所', '经营场所'], multiline: true },
      { name: '经营范围', labels: ['经营范围'], multiline: true },
    ],
    otherLabels: ['登记机关', '副本', '正本'],
  },
  药品经营许可证: {
    titles: ['药品经营许可证'],
    fields: [
      { name: '证号', labels: ['证号', '许可证编号', '编号'], check: checkDrugLicenceNumber },
      { name: '企业名称', labels: ['企业名称'], clean: upToCompany },
      { name: '注册地址', labels: ['注册地址'], multiline: true },
      { name: '经营方式', labels: ['经营方式'] },
      { name: '有效期至', labels: ['有效期至', '有效期'], check: checkDate },
    ],
    otherLabels: ['统一社会信用代码', '法定代表人', '企业负责人', '质量负责人', '仓库地址', '经营范围', '发证机关', '签发人', '日常监管机构', '投诉举报电话', '发证日期'],
  },
  行驶证: {
    titles: ['行驶证', '机动车行驶证'],
    fields: [
      { name: '号牌号码', labels: ['号牌号码'], check: checkPlate },
      { name: '车辆类型', labels: ['车辆类型'], clean: (raw) => /^(.*车)/.exec(raw)?.[1] ?? raw },
      { name: '使用性质', labels: ['使用性质'], check: checkVehicleUse },
      { name: '品牌型号', labels: ['品牌型号'] },
      { name: '注册日期', labels: ['注册日期'], check: checkDate },
      { name: '发证日期', labels: ['发证日期'], check: checkDate },
      { name: '核定载人数', labels: ['核定载人数', '核定载客'], check: checkSeats },
    ],
    otherLabels: ['所有人', '住址', '车辆识别代号', '发动机号码', '档案编号', '总质量', '整备质量', '核定载质量', '外廓尺寸', '准牵引总质量', '备注', '检验记录'],
  },
  身份证: {
    titles: ['公民身份号码', '居民身份证'],
    fields: [
      { name: '姓名', labels: ['姓名'] },
      { name: '公民身份号码', labels: ['公民身份号码'], check: checkIdNumber, anywhere: /\d{17}[\dXx]/ },
      { name: '有效期限', labels: ['有效期限'], check: checkPeriod },
    ],
    otherLabels: ['性别', '民族', '出生', '住址', '签发机关'],
  },
  执业药师注册证: {
    titles: ['执业药师注册证'],
    fields: [
      { name: '姓名', labels: ['姓名'] },
      { name: '注册单位', labels: ['注册单位', '执业单位'], clean: upToCompany },
      { name: '有效期', labels: ['有效期至', '有效期'], check: checkDate },
    ],
    otherLabels: ['性别', '身份证号', '执业类别', '执业范围', '注册证编号', '发证机关', '发证日期', '执业地区'],
  },
};

export interface ProposedField {
  readonly field: string;
  /** Cleaned value (dates as YYYY-MM-DD); null when nothing was found. */
  readonly value: string | null;
  /** The text as read. */
  readonly raw: string;
  readonly confidence: number;
  /** ok: check passed and confident; low: confidence below the bar; failed: a check failed; missing. */
  readonly status: 'ok' | 'low' | 'failed' | 'missing';
  readonly problem: string | null;
  /** Where on the scan it was read (axis-aligned, in the scan's pixels as given). */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}

/** Below this the officer is told to look closely. */
const CONFIDENT = 0.9;

const NOISE_CONFIDENCE = 0.3;

interface Char {
  readonly ch: string;
  readonly x: number;
  readonly line: OcrLine;
  /** Whether it is the first character of its box. */
  readonly startsBox: boolean;
}

interface Row {
  readonly lines: OcrLine[];
  y0: number;
  y1: number;
  chars: Char[];
  text: string;
}

const height = (l: OcrLine): number => l.y1 - l.y0;

function rowsOf(lines: readonly OcrLine[]): Row[] {
  const rows: Row[] = [];
  for (const line of [...lines].sort((a, b) => (a.y0 + a.y1) - (b.y0 + b.y1))) {
    const mid = (line.y0 + line.y1) / 2;
    // Same row: centre within half a line of the row's mean centre, similar type size (a title
    // is not a field's row); the closest such row wins, and one tall box cannot chain rows together.
    const h = height(line);
    let best: Row | null = null;
    let bestDistance = Infinity;
    for (const r of rows) {
      const refMid = r.lines.reduce((sum, l) => sum + (l.y0 + l.y1) / 2, 0) / r.lines.length;
      const refH = r.lines.reduce((sum, l) => sum + height(l), 0) / r.lines.length;
      const distance = Math.abs(refMid - mid);
      if (distance < 0.5 * Math.min(refH, h) && Math.max(refH, h) < 1.7 * Math.min(refH, h) && distance < bestDistance) { best = r; bestDistance = distance; }
    }
    if (best) { best.lines.push(line); best.y0 = Math.min(best.y0, line.y0); best.y1 = Math.max(best.y1, line.y1); }
    else rows.push({ lines: [line], y0: line.y0, y1: line.y1, chars: [], text: '' });
  }
  for (const row of rows) {
    // A box lying mostly within a wider box of the row is a second reading of the same print.
    const width = (l: OcrLine): number => l.x1 - l.x0;
    const overlap = (a: OcrLine, b: OcrLine): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
    const kept = row.lines.filter((l) => !row.lines.some((m) => m !== l && width(m) > width(l) && overlap(l, m) > 0.6 * width(l)));
    row.lines.splice(0, row.lines.length, ...kept);
    row.lines.sort((a, b) => a.x0 - b.x0);
    row.chars = row.lines.flatMap((line, n) => {
      const chars = [...line.text.replace(/\s/g, '')];
      // Overlapping boxes on a skewed scan can both read the characters they share (法定代表人王 +
      // 王秀英): the shared end of this box is dropped when the next box starts with it.
      const next = row.lines[n + 1];
      let keep = chars.length;
      if (next !== undefined && next.x0 < line.x1) {
        const nextChars = [...next.text.replace(/\s/g, '')];
        const charWidth = (next.x1 - next.x0) / Math.max(1, nextChars.length);
        for (let k = Math.min(chars.length - 1, nextChars.length, 4); k >= 1; k--) {
          if (chars.slice(-k).join('') === nextChars.slice(0, k).join('') && line.x1 - next.x0 >= 0.4 * k * charWidth) { keep = chars.length - k; break; }
        }
      }
      return chars.slice(0, keep).map((ch, i) => ({ ch, x: line.x0 + ((i + 0.5) / chars.length) * (line.x1 - line.x0), line, startsBox: i === 0 }));
    });
    row.text = row.chars.map((c) => c.ch).join('');
  }
  return rows.sort((a, b) => a.y0 - b.y0);
}

interface LabelHit { readonly label: string; readonly field: string | null; readonly start: number; readonly end: number }

/** Label occurrences in a row, longest first, not overlapping; a short label must start a box. */
function labelHits(row: Row, spec: KindSpec): LabelHit[] {
  const candidates = [
    ...spec.fields.flatMap((f) => f.labels.map((label): { label: string; field: string | null } => ({ label, field: f.name }))),
    ...[...spec.otherLabels, ...spec.titles].map((label) => ({ label, field: null })),
  ].sort((a, b) => b.label.length - a.label.length);
  const taken = new Uint8Array(row.chars.length);
  const hits: LabelHit[] = [];
  for (const { label, field } of candidates) {
    let from = 0;
    for (;;) {
      const at = row.text.indexOf(label, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + label.length;
      if (taken.subarray(at, end).some((t) => t === 1)) continue;
      if (label.length < 4 && !row.chars[at]!.startsBox) continue;
      taken.fill(1, at, end);
      hits.push({ label, field, start: at, end });
    }
  }
  // A seal or a speck can spoil one character of a long label (品牌型号 read as 专牌型号).
  for (const { label, field } of candidates) {
    if (field === null || label.length < 4 || hits.some((h) => h.field === field)) continue;
    for (let at = 0; at + label.length <= row.chars.length; at++) {
      if (taken.subarray(at, at + label.length).some((t) => t === 1)) continue;
      let differences = 0;
      for (let i = 0; i < label.length && differences < 2; i++) if (row.text[at + i] !== label[i]) differences++;
      if (differences !== 1 || row.text[at] !== label[0] && row.text[at + label.length - 1] !== label[label.length - 1]) continue;
      taken.fill(1, at, at + label.length);
      hits.push({ label, field, start: at, end: at + label.length });
      break;
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

interface Piece { text: string; lines: Set<OcrLine> }

function valueAfter(row: Row, hit: LabelHit, nextStart: number): Piece {
  const piece: Piece = { text: '', lines: new Set() };
  let previous = row.chars[hit.end - 1]!;
  const h = row.y1 - row.y0;
  const labelLine = previous.line;
  for (let i = hit.end; i < nextStart; i++) {
    const c = row.chars[i]!;
    // A box lying within the label's own box is a duplicate reading of part of it.
    if (c.line !== labelLine && (c.line.x0 + c.line.x1) / 2 < labelLine.x1) continue;
    // A wide gap between boxes ends the value (the next column's text is not part of it).
    if (c.line !== previous.line && c.line.x0 - previous.line.x1 > 6 * h) break;
    piece.text += c.ch;
    piece.lines.add(c.line);
    previous = c;
  }
  return piece;
}

export interface Extraction {
  readonly kind: DocumentKind;
  readonly fields: readonly ProposedField[];
}

/** Scores each kind by its title and labels on the page; the best is the document's kind. */
export function detectKind(page: OcrPage): { kind: DocumentKind | null; scores: Readonly<Record<DocumentKind, number>> } {
  const text = page.lines.map((l) => l.text.replace(/\s/g, '')).join('\n');
  const scores = Object.fromEntries(DOCUMENT_KINDS.map((kind) => {
    const spec = KIND_SPECS[kind];
    const title = spec.titles.some((t) => text.includes(t)) ? 5 : 0;
    const labels = spec.fields.filter((f) => f.labels.some((l) => text.includes(l))).length
      + spec.otherLabels.filter((l) => text.includes(l)).length * 0.5;
    return [kind, title + labels];
  })) as Record<DocumentKind, number>;
  const best = [...DOCUMENT_KINDS].sort((a, b) => scores[b] - scores[a])[0]!;
  return { kind: scores[best] >= 4 ? best : null, scores };
}

function boxOf(lines: Iterable<OcrLine>): ProposedField['box'] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const line of lines) {
    for (const p of line.quad) { x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
  }
  return x0 === Infinity ? null : { x: Math.round(x0), y: Math.round(y0), width: Math.round(x1 - x0), height: Math.round(y1 - y0) };
}

function propose(spec: FieldSpec, piece: Piece | null): ProposedField {
  // Leading and trailing colons and commas are the label's or a speck's, never the value's.
  const raw = piece?.text.replace(/^[：:]+/, '').replace(/[：:，,、;；]+$/, '').trim() ?? '';
  if (piece === null || raw === '') {
    return { field: spec.name, value: null, raw: '', confidence: 0, status: 'missing', problem: '未在扫描件上找到', box: null };
  }
  const cleaned = spec.clean ? spec.clean(raw) : raw;
  const checked = spec.check ? spec.check(cleaned) : { value: cleaned, problem: null };
  const confidence = Math.min(...[...piece.lines].map((l) => l.confidence));
  const status = checked.problem !== null ? 'failed' : confidence < CONFIDENT ? 'low' : 'ok';
  return {
    field: spec.name,
    value: checked.value,
    raw,
    confidence: Math.round(confidence * 1000) / 1000,
    status,
    problem: checked.problem ?? (status === 'low' ? `识别置信度较低（${Math.round(confidence * 100)}%），请对照原件核对` : null),
    box: boxOf(piece.lines),
  };
}

/** Reads the kind's fields off a recognised page. */
export function extractFields(page: OcrPage, kind: DocumentKind): Extraction {
  const spec = KIND_SPECS[kind];
  // A seal's red text and specks read with next to no confidence are not the document's words.
  const rows = rowsOf(page.lines.filter((l) => !l.isRed && l.confidence >= NOISE_CONFIDENCE));
  const hitsByRow = rows.map((row) => labelHits(row, spec));
  const found = new Map<string, Piece>();
  rows.forEach((row, r) => {
    const hits = hitsByRow[r]!;
    hits.forEach((hit, k) => {
      if (hit.field === null || found.has(hit.field)) return;
      const field = spec.fields.find((f) => f.name === hit.field)!;
      const next = hits[k + 1];
      const piece = valueAfter(row, hit, next?.start ?? row.chars.length);
      const labelChars = row.chars.slice(hit.start, hit.end);
      const labelX0 = labelChars[0]!.line.x0;
      const h = row.y1 - row.y0;
      if (piece.text === '') {
        // Value printed under its label (统一社会信用代码 on a 营业执照).
        const below = rows.slice(r + 1, r + 3).flatMap((rr) => rr.lines)
          .find((l) => (l.y0 + l.y1) / 2 > row.y1 && l.y0 - row.y1 < 2 * h && Math.abs(l.x0 - labelX0) < 3 * h);
        if (below) { piece.text = below.text.replace(/\s/g, ''); piece.lines.add(below); }
      } else if (field.multiline) {
        const valueX0 = Math.min(...[...piece.lines].map((l) => l.x0));
        const columnEnd = next ? row.chars[next.start]!.x - h : Infinity;
        let bottom = row.y1;
        for (let rr = r + 1; rr < rows.length; rr++) {
          const below = rows[rr]!;
          if (below.y0 - bottom > 1.2 * h) break;
          const inColumn = below.lines.filter((l) => l.x0 >= valueX0 - 2 * h && l.x0 < columnEnd);
          // A wrapped value starts its next line under its first line (text further right is something else, a seal's say).
          if (inColumn.length === 0 || Math.min(...inColumn.map((l) => l.x0)) > valueX0 + 2 * h) break;
          const labelInColumn = hitsByRow[rr]!.some((hh) => { const x = below.chars[hh.start]!.x; return x >= labelX0 - h && x < columnEnd; });
          if (labelInColumn) break;
          for (const l of inColumn) { piece.text += l.text.replace(/\s/g, ''); piece.lines.add(l); }
          bottom = below.y1;
        }
      }
      found.set(hit.field, piece);
    });
  });
  const fields = spec.fields.map((field) => {
    const piece = found.get(field.name) ?? null;
    const proposed = propose(field, piece);
    if (proposed.status !== 'failed' && proposed.status !== 'missing') return proposed;
    // A code found beside the wrong label (or none): the page's one reading that passes the check.
    const pattern = field.anywhere;
    if (pattern === undefined) return proposed;
    for (const l of page.lines) {
      const match = pattern.exec(l.text.replace(/\s/g, ''));
      if (match === null) continue;
      const alternative = propose(field, { text: match[0], lines: new Set([l]) });
      if (alternative.status !== 'failed') return alternative;
    }
    return proposed;
  });
  return { kind, fields };
}
