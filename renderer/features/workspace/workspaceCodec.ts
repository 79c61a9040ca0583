import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { err, type Result } from '../../../shared/util/result';

/**
 * Bytes of a picked file -> validated workspace. Shared by the worker and the main-thread
 * fallback; never writes anything.
 */
export function decodeWorkspaceBytes(bytes: Uint8Array): Result<WorkspaceFile> {
  if (bytes.byteLength === 0) return err('workspace.empty', '文件是空的，不是有效的工作区文件');
  if (bytes.byteLength > MAX_WORKSPACE_FILE_BYTES) return err('workspace.tooLarge', '文件过大（超过 200 MB），不是有效的工作区文件');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return err('workspace.notUtf8', '文件不是 UTF-8 编码的文本，不是有效的工作区文件');
  }
  const parsed = parseWorkspaceFile(text.replace(/^\uFEFF/, ''));
  // zod issue objects are not needed by the page and may not survive structured cloning.
  return parsed.ok ? parsed : err(parsed.error.code, parsed.error.message);
}

/** `企业合规工作台-工作区-20261126.json` for the local date of `now`. */
export function workspaceFileName(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `企业合规工作台-工作区-${y}${m}${d}.json`;
}
