/**
 * Nesting limit for JSON the app reads from files. The formats nest about ten levels deep; a
 * hostile file nesting thousands would overflow the stack of every recursive step after
 * JSON.parse (zod's schemas, condition evaluation, structured cloning into IndexedDB).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when arrays/objects in the JSON text nest deeper than `limit`. A linear scan of the text
 * (brackets inside strings ignored), so it runs before JSON.parse and never recurses.
 */
export function exceedsJsonDepth(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) isInString = false;
    } else if (c === 0x22) {
      isInString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
