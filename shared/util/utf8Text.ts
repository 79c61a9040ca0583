/*
 * Text files the app imports (workspace JSON, the workspace.json inside a package, policy packs)
 * must be UTF-8. Bytes that are not are refused, never replaced with U+FFFD: a silently repaired
 * name or number is not what the officer's file says (issue 13, point 5).
 */

interface FatalDecoder {
  decode(bytes: Uint8Array): string;
}

/** shared/ has no DOM types; TextDecoder exists in every runtime the app uses (browser, Node). */
const decoder = (): FatalDecoder =>
  new (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => FatalDecoder }).TextDecoder('utf-8', { fatal: true });

/** The text of `bytes` without a leading byte-order mark, or null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = decoder().decode(bytes);
  } catch {
    return null;
  }
  // Notepad on Windows saves UTF-8 with a byte-order mark, which JSON.parse rejects.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
