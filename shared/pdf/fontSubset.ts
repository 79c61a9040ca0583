/*
 * Font subsetting with HarfBuzz's hb-subset (the harfbuzzjs wasm build), so a generated PDF carries
 * only the glyphs it draws: the shipped Noto Sans CJK SC face is ~10 MB, a one-page form needs a few
 * hundred glyphs (~50-150 KB).
 *
 * Why not @pdf-lib/fontkit's subsetter (`embedFont(..., { subset: true })`): it drops glyphs of
 * CID-keyed CFF fonts such as Noto Sans CJK. And why not the `subset-font` package: it is the same
 * hb-subset but reads the wasm with `fs` and returns Node Buffers, so it cannot run in the page or a
 * Web Worker. This module drives the same wasm exports directly and takes the wasm and the font as
 * bytes (platform inputs): the command line reads them from disk, the page fetches them.
 *
 * The wasm build has a fixed 64 MB heap. The font stays loaded in it between calls (one copy), and
 * each subset frees what it allocated, so a packet build can subset many times.
 */

/** The harfbuzz-subset.wasm exports this module calls (see harfbuzzjs' hb-subset build). */
interface HarfBuzzSubsetExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly _initialize?: () => void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_clear(set: number): void;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** The slice of the WebAssembly global this module needs; shared/ is compiled without DOM or Node types. */
interface WebAssemblyLike {
  instantiate(bytes: Uint8Array, imports?: Record<string, unknown>): Promise<{ instance: { exports: unknown } }>;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

export interface FontSubsetter {
  /**
   * An OpenType font holding `.notdef` plus the glyphs of every character of `text` the font maps
   * (duplicates and control characters ignored). No GSUB/GPOS features are kept, so what a layout
   * engine measures is what a viewer draws.
   */
  subset(text: string): Uint8Array;
  /** Frees the font held in the wasm heap; the subsetter cannot be used afterwards. */
  dispose(): void;
}

export interface FontSubsetterInput {
  /** harfbuzzjs' dist/harfbuzz-subset.wasm. */
  readonly harfBuzzWasm: Uint8Array;
  /** An OpenType/TrueType font, or a collection (TTC) with `faceIndex`. */
  readonly fontBytes: Uint8Array;
  readonly faceIndex?: number | undefined;
}

export async function createFontSubsetter(input: FontSubsetterInput): Promise<FontSubsetter> {
  const webAssembly = (globalThis as unknown as { WebAssembly?: WebAssemblyLike }).WebAssembly;
  if (!webAssembly) throw new Error('当前环境不支持 WebAssembly，无法生成含中文的 PDF');
  const { instance } = await webAssembly.instantiate(input.harfBuzzWasm, {});
  const hb = instance.exports as HarfBuzzSubsetExports;
  hb._initialize?.();

  // The heap can grow during a subset, which detaches earlier views: take a fresh one each time.
  const heap = (): Uint8Array => new Uint8Array(hb.memory.buffer);

  const fontPointer = hb.malloc(input.fontBytes.byteLength);
  if (fontPointer === 0) throw new Error('字体文件过大，无法载入');
  heap().set(input.fontBytes, fontPointer);
  const blob = hb.hb_blob_create(fontPointer, input.fontBytes.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, input.faceIndex ?? 0);
  hb.hb_blob_destroy(blob);
  let isDisposed = false;

  const subsetter: FontSubsetter = {
    subset(text: string): Uint8Array {
      if (isDisposed) throw new Error('字体子集工具已释放');
      const subsetInput = hb.hb_subset_input_create_or_fail();
      if (subsetInput === 0) throw new Error('字体子集化失败：内存不足');
      let subsetFace: number;
      try {
        // An empty layout-feature set drops GSUB/GPOS lookups (see subset()'s contract).
        hb.hb_set_clear(hb.hb_subset_input_set(subsetInput, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
        const unicodes = hb.hb_subset_input_unicode_set(subsetInput);
        for (const codePoint of subsetCodePoints(text)) hb.hb_set_add(unicodes, codePoint);
        subsetFace = hb.hb_subset_or_fail(face, subsetInput);
      } finally {
        hb.hb_subset_input_destroy(subsetInput);
      }
      if (subsetFace === 0) throw new Error('字体子集化失败：字体文件可能已损坏');
      const result = hb.hb_face_reference_blob(subsetFace);
      try {
        const offset = hb.hb_blob_get_data(result, 0);
        const length = hb.hb_blob_get_length(result);
        if (length === 0) throw new Error('字体子集化失败：结果为空');
        return heap().slice(offset, offset + length);
      } finally {
        hb.hb_blob_destroy(result);
        hb.hb_face_destroy(subsetFace);
      }
    },
    dispose(): void {
      if (isDisposed) return;
      isDisposed = true;
      hb.hb_face_destroy(face);
      hb.free(fontPointer);
    },
  };
  // HarfBuzz parses the big CFF tables on first use (~150 ms for Noto Sans CJK): pay it while
  // loading, not in the first form the user generates.
  subsetter.subset('中');
  return subsetter;
}

/** The distinct code points of `text` a font is asked for: no control characters, always a space. */
export function subsetCodePoints(text: string): number[] {
  const codePoints = new Set<number>([0x20]);
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0x20 && !(codePoint >= 0x7f && codePoint < 0xa0)) codePoints.add(codePoint);
  }
  return [...codePoints].sort((a, b) => a - b);
}
