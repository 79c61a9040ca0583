import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile, type WorkspaceFile } from '../../shared/workspace/workspaceFile';
import { errFrom } from '../../shared/util/errorDescription';
import { err, ok, type Result } from '../../shared/util/result';
import { decodeUtf8Strict } from '../../shared/util/utf8Text';
import { readWorkspacePackage, type WorkspacePackage } from '../../shared/workspace/workspacePackage';
import { describeFileError } from '../main/atomicWrite';

/** Reads and validates a workspace JSON file for a command; errors are Chinese and name the file. */
export async function loadWorkspaceFile(file: string, cwd: string): Promise<Result<WorkspaceFile>> {
  const full = path.resolve(cwd, file);
  try {
    const info = await stat(full);
    if (!info.isFile()) return err('cli.notFile', `${file} 不是文件`);
    if (info.size > MAX_WORKSPACE_FILE_BYTES) return err('workspace.tooLarge', `${file} 过大（超过 200 MB）`);
    // Refused, not repaired: readFile(…, 'utf8') would turn invalid bytes into U+FFFD silently.
    const text = decodeUtf8Strict(new Uint8Array(await readFile(full)));
    if (text === null) return err('workspace.notUtf8', `${file} 不是 UTF-8 编码的文本（含有无效的字节），已拒绝`);
    const parsed = parseWorkspaceFile(text);
    return parsed.ok ? parsed : err(parsed.error.code, `${file}：${parsed.error.message}`, parsed.error.details);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? err('cli.readFailed', `找不到文件 ${file}`) : errFrom('cli.readFailed', e, { lead: `无法读取 ${file}`, reason: '文件无法读取（可能没有权限或已被占用）' });
  }
}

/** Finds a company by id, or by exact then unique partial name. */
export function findCompany(file: WorkspaceFile, query: string): Result<CompanyRecord> {
  const byId = file.companies.find((c) => c.company.id === query);
  if (byId) return ok(byId);
  const exact = file.companies.filter((c) => c.company.name === query);
  if (exact.length === 1 && exact[0]) return ok(exact[0]);
  const partial = file.companies.filter((c) => c.company.name.includes(query));
  if (partial.length === 1 && partial[0]) return ok(partial[0]);
  if (partial.length > 1) return err('cli.ambiguousCompany', `“${query}”匹配到多家企业：${partial.map((c) => c.company.name).join('、')}`);
  return err('cli.companyNotFound', `工作区中没有编号或名称为“${query}”的企业`);
}

/** A workspace file: a package (.zip with its document files) or a plain workspace.json. */
export async function loadWorkspaceWithFiles(file: string, cwd: string): Promise<Result<WorkspacePackage>> {
  const full = path.resolve(cwd, file);
  let bytes: Uint8Array;
  try {
    const info = await stat(full);
    if (!info.isFile()) return err('cli.notFile', `${file} 不是文件`);
    // A package carries scans, so it may be larger than a JSON workspace; the package reader caps what it inflates.
    if (info.size > MAX_WORKSPACE_FILE_BYTES * 10) return err('workspace.tooLarge', `${file} 过大`);
    bytes = await readFile(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err('cli.readFailed', code === 'ENOENT' ? `找不到文件 ${file}` : `无法读取 ${file}：${describeFileError(e, file, 'read')}`);
  }
  const read = await readWorkspacePackage(bytes);
  return read.ok ? read : err(read.error.code, `${file}：${read.error.message}`, read.error.details);
}
