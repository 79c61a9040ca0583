import type { Company } from '../../../shared/domain/company';
import { describeError, describeFailure, describeText, type ErrorDescription } from '../../../shared/util/errorDescription';
import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { isFileInPackage, type PackageProgress } from '../../../shared/workspace/workspacePackage';
import type { PickedFile } from '../../platform/platform';
import type { Repositories } from '../../storage/repositories';
import type { WorkspaceImportSummary } from '../../storage/workspaceRepository';
import { parseWorkspaceBytes } from './parseWorkspace';
import { SAMPLE_FILES } from './sampleFiles';

/*
 * The workspace transfer's steps below its dialogs (useWorkspaceTransfer.tsx holds the state and
 * WorkspaceTransferDialogs.tsx draws them): reading a picked file or the samples into an import
 * waiting for the officer's confirmation, what an export would carry, and the words said after.
 * Plain async functions over the repositories, so they are tested in Node.
 */

export type Companies = WorkspaceFile['companies'];

/** An import read and checked, waiting for the officer to confirm it in the preview. */
export interface PendingImport {
  readonly sourceName: string;
  readonly companies: Companies;
  /** The companies of the file already in the store (same id). */
  readonly existing: readonly Company[];
  /** Samples replace without asking about merging: they are ours, not the user's edits. */
  readonly isSample: boolean;
  readonly isPackage: boolean;
  /** The package's files that came in intact, by document id. */
  readonly files: ReadonlyMap<string, Blob>;
  /** The package's energy evidence files that came in intact, by id. */
  readonly evidence: ReadonlyMap<string, Blob>;
  /** Files the package reader left out, in Chinese. */
  readonly problems: readonly string[];
}

/** What the officer is told when a file is refused: a title and the description under it. */
interface Refusal {
  readonly title: string;
  readonly detail: ErrorDescription;
}

export type ReadImport = { readonly ok: true; readonly pending: PendingImport } | { readonly ok: false; readonly refusal: Refusal };

async function withExisting(repositories: Repositories, job: Omit<PendingImport, 'existing'>): Promise<PendingImport> {
  const existing = await repositories.findStoredCompanies(job.companies.map((r) => r.company.id));
  return { ...job, existing };
}

/**
 * Reads a picked workspace file (.json) or package (.zip): the whole file is checked before
 * anything is written; a refusal names the file and says why, in Chinese.
 */
export async function readImportFile(repositories: Repositories, file: PickedFile, onReading: (progress: PackageProgress) => void): Promise<ReadImport> {
  const refused = (detail: ErrorDescription): ReadImport => ({ ok: false, refusal: { title: `无法导入“${file.name}”`, detail } });
  try {
    const parsed = await parseWorkspaceBytes(file.bytes, onReading);
    if (!parsed.ok) return refused(describeFailure(parsed.error));
    const { workspace, files, evidence, problems, isPackage } = parsed.value;
    if (workspace.companies.length === 0) return refused(describeText(isPackage ? '工作区包中没有企业。' : '文件中没有企业。'));
    const pending = await withExisting(repositories, { sourceName: file.name, companies: workspace.companies, isSample: false, isPackage, files, evidence, problems });
    return { ok: true, pending };
  } catch (e) {
    return refused(describeError(e, { reason: '文件无法读取，可能已损坏或不是工作区文件' }));
  }
}

/** The three shipped sample companies, fetched from the app's own resources. Throws a Chinese error. */
export async function readSamples(repositories: Repositories, fetchResource: (path: string) => Promise<Response>): Promise<PendingImport> {
  const companies: Companies = [];
  for (const name of SAMPLE_FILES) {
    const response = await fetchResource(`./samples/${name}`);
    if (!response.ok) throw new Error(`无法读取示例文件 ${name}（HTTP ${response.status}）`);
    const parsed = await parseWorkspaceBytes(new Uint8Array(await response.arrayBuffer()));
    if (!parsed.ok) throw new Error(`示例文件 ${name} 有误：${describeFailure(parsed.error).message}`);
    companies.push(...parsed.value.workspace.companies);
  }
  return withExisting(repositories, { sourceName: '示例企业', companies, isSample: true, isPackage: false, files: new Map(), evidence: new Map(), problems: [] });
}

/** What an export would carry, for the officer to choose a workspace file or a package. */
export interface ExportChoice {
  readonly companyCount: number;
  readonly documentCount: number;
  /** Documents whose file is stored: what a package carries besides the evidence files. */
  readonly fileCount: number;
  /** Energy evidence files (bill photos, receipts, certificates), all carried by a package. */
  readonly evidenceCount: number;
  /** Bytes of every file a package carries, documents and evidence. */
  readonly fileBytes: number;
  readonly isEncrypted: boolean;
}

/** null: no company in the store, nothing to export. */
export async function exportChoiceOf(repositories: Repositories, isEncrypted: boolean): Promise<ExportChoice | null> {
  const [companies, documents, attachments] = await Promise.all([
    repositories.listCompanyIds(), repositories.listAllDocumentMetadata(), repositories.listAllEnergyAttachmentMetadata(),
  ]);
  if (companies.length === 0) return null;
  const withFiles = documents.filter(isFileInPackage);
  return {
    companyCount: companies.length,
    documentCount: documents.length,
    fileCount: withFiles.length,
    evidenceCount: attachments.length,
    fileBytes: [...withFiles, ...attachments].reduce((sum, d) => sum + d.size, 0),
    isEncrypted,
  };
}

/** The export offered first: a package when there are files to carry, else the workspace file. */
export function defaultExportKind(choice: ExportChoice): 'json' | 'package' {
  return choice.fileCount + choice.evidenceCount > 0 ? 'package' : 'json';
}

/** Said after an import: “导入完成：新增 2 家，替换 1 家，材料文件 3 个”. */
export function importDoneText(summary: WorkspaceImportSummary, isSample: boolean): string {
  const parts = [
    summary.added > 0 && `新增 ${summary.added} 家`,
    summary.replaced > 0 && `替换 ${summary.replaced} 家`,
    summary.merged > 0 && `合并 ${summary.merged} 家`,
    summary.files > 0 && `材料文件 ${summary.files} 个`,
    summary.evidenceFiles > 0 && `能耗凭证文件 ${summary.evidenceFiles} 个`,
  ].filter(Boolean);
  return `${isSample ? '已载入示例企业' : '导入完成'}：${parts.join('，')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** “2 个材料文件和 1 个能耗凭证文件”: what a package carries besides the records. */
export function packagedFilesText(choice: ExportChoice): string {
  const documents = `${choice.fileCount} 个材料文件`;
  if (choice.evidenceCount === 0) return documents;
  const evidence = `${choice.evidenceCount} 个能耗凭证文件`;
  return choice.fileCount === 0 ? evidence : `${documents}和${evidence}`;
}

/** The preview's heading over the files the package reader left out (documents, and energy evidence when among them). */
export function problemsTitle(problems: readonly string[]): string {
  const hasEvidence = problems.some((p) => p.includes('的能耗凭证文件“'));
  return hasEvidence
    ? `${problems.length} 个文件未通过校验，导入后这些材料或能耗凭证只有登记信息、没有文件`
    : `${problems.length} 个材料文件未通过校验，导入后这些材料只有登记信息、没有文件`;
}
