/**
 * A library's or JavaScript's own words inside the sentence the officer reads: error class names,
 * "Cannot read properties", "is not a function", "invalid zip data", "Unexpected token", or any
 * run of four English words (Chinese messages name formats like ".xlsx" or "SHA-256", never prose).
 * Free of vitest, so the figures script (hostileFigures.ts) uses the same rule as the tests.
 */
export const LIBRARY_TEXT = /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|Error:|undefined|null is|is not a function|Cannot read|Unexpected (?:token|end)|invalid (?:zip|data|stored|block|distance)|unexpected EOF)\b|[A-Za-z]{2,}(?:[ ,'.:]+[A-Za-z]{2,}){3,}/;

/** True when `message` carries library or JavaScript text. */
export function hasLibraryText(message: string): boolean {
  return LIBRARY_TEXT.test(message);
}
