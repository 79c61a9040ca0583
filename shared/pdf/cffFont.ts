/*
 * Just enough of the OpenType (sfnt) and CFF formats to embed a HarfBuzz subset of a CID-keyed
 * CFF font (Noto Sans CJK) correctly in a PDF.
 *
 * The trap: a PDF CIDFontType0 selects glyphs by CID, and for a CID-keyed CFF the viewer maps
 * CID -> glyph through the font's charset. pdf-lib writes glyph ids into the content stream, which
 * equals the CID only when the charset is the identity. The original Noto font happens to have
 * CID == GID, but a subset renumbers glyphs and keeps the original CIDs, so a viewer would draw the
 * wrong glyphs or none. We rewrite the subset's charset to the identity (CID n = glyph n); the new
 * charset is never longer than the old one, so it is written in place and no offset moves.
 */

/** The bytes of one table of an OpenType/TrueType font, or null when the font has no such table. */
export function readSfntTable(font: Uint8Array, tag: string): Uint8Array | null {
  if (font.byteLength < 12) throw new Error('字体文件不完整');
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tableCount = view.getUint16(4);
  for (let i = 0; i < tableCount; i++) {
    const record = 12 + 16 * i;
    if (record + 16 > font.byteLength) throw new Error('字体文件不完整');
    const recordTag = String.fromCharCode(font[record] ?? 0, font[record + 1] ?? 0, font[record + 2] ?? 0, font[record + 3] ?? 0);
    if (recordTag !== tag) continue;
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > font.byteLength) throw new Error(`字体文件不完整（${tag} 表越界）`);
    return font.subarray(offset, offset + length);
  }
  return null;
}

interface CffIndex {
  readonly count: number;
  /** [start, end) of each item, absolute within the CFF table. */
  readonly items: ReadonlyArray<readonly [number, number]>;
  readonly end: number;
}

function readCffIndex(cff: Uint8Array, offset: number): CffIndex {
  const byte = (at: number): number => {
    const value = cff[at];
    if (value === undefined) throw new Error('CFF 数据不完整');
    return value;
  };
  const count = (byte(offset) << 8) | byte(offset + 1);
  if (count === 0) return { count, items: [], end: offset + 2 };
  const offSize = byte(offset + 2);
  if (offSize < 1 || offSize > 4) throw new Error('CFF 数据有误（offSize）');
  const readOffset = (at: number): number => {
    let value = 0;
    for (let i = 0; i < offSize; i++) value = value * 256 + byte(at + i);
    return value;
  };
  const dataStart = offset + 3 + (count + 1) * offSize - 1;
  const items: Array<readonly [number, number]> = [];
  for (let i = 0; i < count; i++) {
    items.push([dataStart + readOffset(offset + 3 + i * offSize), dataStart + readOffset(offset + 3 + (i + 1) * offSize)]);
  }
  return { count, items, end: dataStart + readOffset(offset + 3 + count * offSize) };
}

/** Operator -> operands of a CFF DICT; escaped operators (12 x) are keyed 1200 + x. Real operands read as NaN. */
function readCffDict(cff: Uint8Array, start: number, end: number): Map<number, number[]> {
  const dict = new Map<number, number[]>();
  let operands: number[] = [];
  let at = start;
  const byte = (i: number): number => {
    const value = cff[i];
    if (value === undefined || i >= end) throw new Error('CFF 字典不完整');
    return value;
  };
  while (at < end) {
    const b0 = byte(at);
    if (b0 <= 21) {
      if (b0 === 12) {
        dict.set(1200 + byte(at + 1), operands);
        at += 2;
      } else {
        dict.set(b0, operands);
        at += 1;
      }
      operands = [];
    } else if (b0 === 28) {
      operands.push((((byte(at + 1) << 8) | byte(at + 2)) << 16) >> 16);
      at += 3;
    } else if (b0 === 29) {
      operands.push((byte(at + 1) << 24) | (byte(at + 2) << 16) | (byte(at + 3) << 8) | byte(at + 4));
      at += 5;
    } else if (b0 === 30) {
      at += 1;
      for (;;) {
        const nibbles = byte(at);
        at += 1;
        if ((nibbles & 0x0f) === 0x0f || nibbles >> 4 === 0x0f) break;
      }
      operands.push(Number.NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      at += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + byte(at + 1) + 108);
      at += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - byte(at + 1) - 108);
      at += 2;
    } else {
      throw new Error(`CFF 字典有误（字节 ${b0}）`);
    }
  }
  return dict;
}

const OP_CHARSET = 15;
const OP_CHARSTRINGS = 17;
const OP_ROS = 1230;

export interface CffCharsetInfo {
  readonly isCidKeyed: boolean;
  readonly glyphCount: number;
  /** The CID (or SID for a name-keyed font) of every glyph, glyph 0 first. */
  readonly glyphToCid: readonly number[];
}

interface CffLayout extends CffCharsetInfo {
  readonly charsetOffset: number;
  readonly charsetLength: number;
}

function readCffLayout(cff: Uint8Array): CffLayout {
  if (cff.byteLength < 4 || cff[0] !== 1) throw new Error('不支持的 CFF 版本（仅支持 CFF 1）');
  const nameIndex = readCffIndex(cff, cff[2] ?? 4);
  const topDictIndex = readCffIndex(cff, nameIndex.end);
  const topDictRange = topDictIndex.items[0];
  if (!topDictRange) throw new Error('CFF 数据有误（缺少 Top DICT）');
  const topDict = readCffDict(cff, topDictRange[0], topDictRange[1]);
  const charStringsOffset = topDict.get(OP_CHARSTRINGS)?.[0];
  if (charStringsOffset === undefined) throw new Error('CFF 数据有误（缺少 CharStrings）');
  const glyphCount = readCffIndex(cff, charStringsOffset).count;
  const isCidKeyed = topDict.has(OP_ROS);
  const charsetOffset = topDict.get(OP_CHARSET)?.[0] ?? 0;
  const glyphToCid = [0];
  if (charsetOffset <= 2) {
    // Predefined charsets (ISOAdobe, Expert, ExpertSubset) exist only for name-keyed fonts.
    for (let gid = 1; gid < glyphCount; gid++) glyphToCid.push(gid);
    return { isCidKeyed, glyphCount, glyphToCid, charsetOffset, charsetLength: 0 };
  }
  const byte = (at: number): number => {
    const value = cff[at];
    if (value === undefined) throw new Error('CFF 字符集不完整');
    return value;
  };
  const format = byte(charsetOffset);
  let at = charsetOffset + 1;
  while (glyphToCid.length < glyphCount) {
    if (format === 0) {
      glyphToCid.push((byte(at) << 8) | byte(at + 1));
      at += 2;
    } else if (format === 1 || format === 2) {
      const first = (byte(at) << 8) | byte(at + 1);
      const left = format === 1 ? byte(at + 2) : (byte(at + 2) << 8) | byte(at + 3);
      at += format === 1 ? 3 : 4;
      for (let i = 0; i <= left && glyphToCid.length < glyphCount; i++) glyphToCid.push(first + i);
    } else {
      throw new Error(`CFF 字符集格式 ${format} 无效`);
    }
  }
  return { isCidKeyed, glyphCount, glyphToCid, charsetOffset, charsetLength: at - charsetOffset };
}

export function readCffCharset(cff: Uint8Array): CffCharsetInfo {
  const { isCidKeyed, glyphCount, glyphToCid } = readCffLayout(cff);
  return { isCidKeyed, glyphCount, glyphToCid };
}

/**
 * A copy of a CFF table whose charset maps glyph n to CID n (see the file comment). A name-keyed
 * font is returned unchanged: a PDF selects its glyphs by glyph id already.
 */
export function withIdentityCidCharset(cff: Uint8Array): Uint8Array {
  const layout = readCffLayout(cff);
  const copy = cff.slice();
  if (!layout.isCidKeyed || layout.glyphCount < 2) return copy;
  if (layout.glyphToCid.every((cid, gid) => cid === gid)) return copy;
  const identity = identityCharset(layout.glyphCount);
  if (identity.byteLength > layout.charsetLength) throw new Error('CFF 字符集无法改写');
  copy.set(identity, layout.charsetOffset);
  return copy;
}

/** The shortest charset mapping glyphs 1..n-1 to CIDs 1..n-1: one range (format 1 or 2), or format 0 for two glyphs. */
function identityCharset(glyphCount: number): Uint8Array {
  const left = glyphCount - 2;
  if (glyphCount === 2) return Uint8Array.of(0, 0, 1);
  if (left <= 0xff) return Uint8Array.of(1, 0, 1, left);
  if (left <= 0xffff) return Uint8Array.of(2, 0, 1, (left >> 8) & 0xff, left & 0xff);
  throw new Error('CFF 字形数超出范围');
}
