import { err, ok, type Result } from '../util/result';
import { decodeUtf8Strict } from '../util/utf8Text';

/*
 * The bytes of a policy pack, wherever it comes from (the data folder in the desktop app, the
 * import button in the browser build, `cli validate`): the same size limit and strict UTF-8 as
 * every other text the app imports. Invalid bytes are refused, never replaced with U+FFFD inside
 * legal text (issue 13, point 5).
 */

/** A knowledge base is a few megabytes; anything far larger is not one. */
export const MAX_POLICY_PACK_BYTES = 50 * 1024 * 1024;

/** The pack's text, or the Chinese reason it cannot be one. */
export function decodePolicyPack(bytes: Uint8Array): Result<string> {
  if (bytes.length > MAX_POLICY_PACK_BYTES) return err('kb.packTooLarge', '文件过大（超过 50 MB），不是政策数据包');
  const text = decodeUtf8Strict(bytes);
  if (text === null) return err('kb.packNotUtf8', '文件不是 UTF-8 编码的文本（含有无效的字节）');
  return ok(text);
}

/** What the officer reads when a pack is refused: the data in use stays, and why. */
export function refusalMessage(bundledVersion: string, reason: string): string {
  return `政策数据包无效，已拒绝，继续使用内置政策数据（版本 ${bundledVersion}）。原因：${reason}`;
}
