import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { err, ok, type Result } from '../util/result';
import { parseWorkspaceFile, type CompanyDocument, type WorkspaceFile } from './workspaceFile';

/*
 * The packaged workspace: a .zip holding the workspace JSON and every document file, so a
 * workspace moves between machines (and reaches the command line's `packet`) with its scans.
 *
 *   workspace.json           the workspace file (workspaceFile.ts), documents listed per company
 *   files/<documentId>.<ext> each document's bytes, stored without compression (scans already are)
 *
 * Reading checks the JSON fully, then each listed file's presence, size and (when a hash function
 * is given) SHA-256. A missing or altered file does not fail the whole package: it is reported and
 * left out, so the rest of the workspace is still usable.
 */

export const WORKSPACE_PACKAGE_JSON = 'workspace.json';
export const WORKSPACE_PACKAGE_FILES = 'files/';

/** Refuses packages that would inflate past this (a zip bomb, or a mistaken multi-GB archive). */
export const MAX_PACKAGE_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;

export interface WorkspacePackage {
  readonly workspace: WorkspaceFile;
  /** Document id -> file bytes, for the documents whose file is present and intact. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Chinese notes on documents whose file is missing or does not match its metadata. */
  readonly problems: readonly string[];
}

const MIME_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'application/ofd': 'ofd',
};

/** The zip entry of a document's file: files/<id>.<extension of its file name or MIME type>. */
export function documentEntryName(document: Pick<CompanyDocument, 'id' | 'fileName' | 'mimeType'>): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(document.fileName);
  const extension = match?.[1]?.toLowerCase() ?? MIME_EXTENSIONS[document.mimeType] ?? 'bin';
  return `${WORKSPACE_PACKAGE_FILES}${document.id}.${extension}`;
}

/** True when the bytes start like a zip archive (PK\3\4), i.e. a package rather than a plain JSON file. */
export function isWorkspacePackage(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Zips a workspace with its files. Every document listed must have its bytes in `files`, with the
 * listed size: an export is refused rather than written incomplete.
 */
export function buildWorkspacePackage(workspace: WorkspaceFile, files: ReadonlyMap<string, Uint8Array>): Result<Uint8Array> {
  const entries: Zippable = { [WORKSPACE_PACKAGE_JSON]: [strToU8(JSON.stringify(workspace, null, 2)), { level: 6 }] };
  for (const record of workspace.companies) {
    for (const document of record.documents) {
      const bytes = files.get(document.id);
      if (!bytes) return err('package.fileMissing', `材料“${document.title || document.fileName}”（${document.id}）的文件缺失，无法导出`);
      if (bytes.byteLength !== document.size) {
        return err('package.sizeMismatch', `材料“${document.title || document.fileName}”的文件大小（${bytes.byteLength} 字节）与记录（${document.size} 字节）不符`);
      }
      entries[documentEntryName(document)] = [bytes, { level: 0 }];
    }
  }
  return ok(zipSync(entries));
}

export interface ReadPackageOptions {
  /** Hex SHA-256 of bytes (e.g. WebCrypto through shared/crypto's port); without it hashes are not checked. */
  readonly sha256Hex?: ((bytes: Uint8Array) => Promise<string>) | undefined;
}

/** Reads a package (or a plain workspace.json, which has no files) with Chinese errors. */
export async function readWorkspacePackage(bytes: Uint8Array, options: ReadPackageOptions = {}): Promise<Result<WorkspacePackage>> {
  if (!isWorkspacePackage(bytes)) {
    const parsed = parseWorkspaceFile(strFromU8(bytes));
    return parsed.ok ? ok({ workspace: parsed.value, files: new Map(), problems: [] }) : parsed;
  }
  let entries: Record<string, Uint8Array>;
  let inflated = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        inflated += file.originalSize;
        if (inflated > MAX_PACKAGE_UNCOMPRESSED_BYTES) throw new Error('解压后超过 2 GB');
        return file.name === WORKSPACE_PACKAGE_JSON || file.name.startsWith(WORKSPACE_PACKAGE_FILES);
      },
    });
  } catch (e) {
    return err('package.corrupt', `工作区包无法解压，文件可能已损坏或不完整（${e instanceof Error ? e.message : String(e)}）`);
  }
  const json = entries[WORKSPACE_PACKAGE_JSON];
  if (!json) return err('package.noWorkspace', `工作区包中缺少 ${WORKSPACE_PACKAGE_JSON}，不是企业合规工作台导出的工作区包`);
  const parsed = parseWorkspaceFile(strFromU8(json));
  if (!parsed.ok) return err(parsed.error.code, `工作区包中的 ${WORKSPACE_PACKAGE_JSON}：${parsed.error.message}`, parsed.error.details);

  const files = new Map<string, Uint8Array>();
  const problems: string[] = [];
  for (const record of parsed.value.companies) {
    for (const document of record.documents) {
      const label = `企业“${record.company.name}”的材料“${document.title || document.fileName}”`;
      const entry = entries[documentEntryName(document)];
      if (!entry) {
        problems.push(`${label}：包中没有其文件（${documentEntryName(document)}）`);
        continue;
      }
      if (entry.byteLength !== document.size) {
        problems.push(`${label}：文件大小 ${entry.byteLength} 字节与记录的 ${document.size} 字节不符，已忽略该文件`);
        continue;
      }
      if (options.sha256Hex && document.sha256 !== '') {
        const actual = await options.sha256Hex(entry);
        if (actual !== document.sha256) {
          problems.push(`${label}：文件校验值（SHA-256）与记录不符，文件可能已被改动，已忽略该文件`);
          continue;
        }
      }
      files.set(document.id, entry);
    }
  }
  return ok({ workspace: parsed.value, files, problems });
}
