import { decodeWorkspaceBytes, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { isWorkspacePackage, readWorkspacePackage, type PackageProgress } from '../../../shared/workspace/workspacePackage';
import { err, ok, type Result } from '../../../shared/util/result';

/** The page, the worker and the command line decode a workspace file with the same function. */
export { decodeWorkspaceBytes };

/** A picked workspace file or package, validated; every part survives structured cloning. */
export interface DecodedWorkspace {
  readonly workspace: WorkspaceFile;
  /** Document id -> its file, for the documents whose file came in intact (a package only). */
  readonly files: ReadonlyMap<string, Blob>;
  /** Energy evidence file id -> its file, for the evidence files that came in intact (a package only). */
  readonly evidence: ReadonlyMap<string, Blob>;
  /** Chinese notes from the package reader on files it left out. */
  readonly problems: readonly string[];
  readonly isPackage: boolean;
}

export interface DecodeOptions {
  readonly sha256Hex: (bytes: Uint8Array) => Promise<string>;
  readonly onProgress?: ((progress: PackageProgress) => void) | undefined;
}

/**
 * A workspace file (.json) or a workspace package (.zip), told apart by content, not by the name:
 * a renamed file still imports. Packages have each file's size and SHA-256 checked.
 */
export async function decodeWorkspaceImport(bytes: Uint8Array, options: DecodeOptions): Promise<Result<DecodedWorkspace>> {
  if (!isWorkspacePackage(bytes)) {
    const decoded = decodeWorkspaceBytes(bytes);
    return decoded.ok ? ok({ workspace: decoded.value, files: new Map<string, Blob>(), evidence: new Map<string, Blob>(), problems: [], isPackage: false }) : decoded;
  }
  const read = await readWorkspacePackage(bytes, options);
  if (!read.ok) return err(read.error.code, read.error.message);
  const documents = new Map(read.value.workspace.companies.flatMap((record) => record.documents.map((d) => [d.id, d] as const)));
  const files = new Map<string, Blob>();
  for (const [id, fileBytes] of read.value.files) {
    // fflate inflates each entry into its own ArrayBuffer.
    files.set(id, new Blob([fileBytes as Uint8Array<ArrayBuffer>], { type: documents.get(id)?.mimeType ?? '' }));
  }
  const attachments = new Map(read.value.workspace.companies.flatMap((record) => record.energyAttachments.map((a) => [a.id, a] as const)));
  const evidence = new Map<string, Blob>();
  for (const [id, fileBytes] of read.value.evidence) {
    evidence.set(id, new Blob([fileBytes as Uint8Array<ArrayBuffer>], { type: attachments.get(id)?.mimeType ?? '' }));
  }
  return ok({ workspace: read.value.workspace, files, evidence, problems: read.value.problems, isPackage: true });
}

function dateStamp(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

/** `企业合规工作台-工作区-20261126.json` for the local date of `now`. */
export function workspaceFileName(now: Date): string {
  return `企业合规工作台-工作区-${dateStamp(now)}.json`;
}

/** `企业合规工作台-工作区包-20261126.zip` for the local date of `now`. */
export function workspacePackageFileName(now: Date): string {
  return `企业合规工作台-工作区包-${dateStamp(now)}.zip`;
}
