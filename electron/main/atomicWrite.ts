import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * half-written file: write a temporary file in the same folder, flush it to disk, then rename it
 * over the target (rename within one volume is atomic on NTFS, APFS and ext4). Main and the
 * command line (electron/cli) both write every file through this one helper.
 */
export async function writeFileAtomic(targetPath: string, data: Uint8Array | string): Promise<void> {
  await writeFileAtomicStreaming(targetPath, async (write) => {
    await write(data);
    return { isKept: true, value: undefined };
  });
}

/**
 * The same guarantee for content made piece by piece (a packet of thousands of pages written while
 * it is built): `produce` writes chunks in order and says whether to keep the file; not kept, or a
 * throw, leaves the target as it was and removes the temporary file. Returns `produce`'s value.
 */
export async function writeFileAtomicStreaming<T>(
  targetPath: string,
  produce: (write: (chunk: Uint8Array | string) => Promise<void>) => Promise<{ readonly isKept: boolean; readonly value: T }>,
): Promise<T> {
  const dir = path.dirname(targetPath);
  const tempPath = path.join(dir, `.${path.basename(targetPath)}.${randomBytes(6).toString('hex')}.tmp`);
  let isTempCreated = false;
  try {
    const handle = await open(tempPath, 'wx');
    isTempCreated = true;
    let produced: { readonly isKept: boolean; readonly value: T };
    try {
      // FileHandle.writeFile writes at the handle's current position, so chunks follow each other.
      produced = await produce(async (chunk) => {
        await handle.writeFile(chunk);
      });
      if (produced.isKept) await handle.sync();
    } finally {
      await handle.close();
    }
    if (produced.isKept) await rename(tempPath, targetPath);
    else await unlink(tempPath);
    return produced.value;
  } catch (error) {
    if (isTempCreated) await unlink(tempPath).catch(() => undefined);
    throw error;
  }
}

/** A Chinese sentence for a failed file operation, from Node's error code. */
export function describeFileError(error: unknown, filePath: string, operation: 'read' | 'write'): string {
  const code = (error as { code?: unknown } | null)?.code;
  const name = path.basename(filePath);
  const verb = operation === 'read' ? '读取' : '写入';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return operation === 'read'
        ? `没有权限读取“${name}”。`
        : `没有权限写入“${name}”，请换一个文件夹或检查文件是否为只读。`;
    case 'EBUSY':
      return `“${name}”正被其他程序占用，请关闭该程序后重试。`;
    case 'ENOSPC':
      return `磁盘空间不足，未能保存“${name}”。`;
    case 'EROFS':
      return `“${name}”所在的磁盘是只读的，无法写入。`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `找不到“${name}”或其所在的文件夹。`;
    case 'EISDIR':
      return `“${name}”是一个文件夹，不是文件。`;
    case 'ENAMETOOLONG':
      return `文件名或路径过长：“${name}”。`;
    default:
      return `${verb}文件“${name}”时出错${typeof code === 'string' ? `（${code}）` : ''}。`;
  }
}
