import { App } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { describeError, describeFailure, type ErrorDescription } from '../../../shared/util/errorDescription';
import { APP_VERSION } from '../../app/appVersion';
import { useCurrentCompany } from '../../app/currentCompany';
import { showFailureDialog } from '../../components/failureDialog';
import { platform } from '../../platform/platform';
import type { ImportConflictMode } from '../../storage/companyRepository';
import { useRepositories } from '../../storage/repositories';
import { isEncryptionOn } from '../../storage/vaultAccess';
import type { WorkspaceImportProgress } from '../../storage/workspaceRepository';
import { isWorkspacePackage, type PackageProgress } from '../../../shared/workspace/workspacePackage';
import { exportWorkspacePackage, type PackageExport } from './exportPackage';
import { workspaceFileName, workspacePackageFileName } from './workspaceCodec';
import { ExportChoiceDialog, ImportPreviewDialog, PackageReadingDialog, type ExportKind, type ExportStage } from './WorkspaceTransferDialogs';
import {
  defaultExportKind, exportChoiceOf, formatBytes, importDoneText, readImportFile, readSamples,
  type ExportChoice, type PendingImport,
} from './workspaceTransferFlow';

const IMPORT_FILTERS = [{ name: '工作区文件或工作区包', extensions: ['json', 'zip'] }] as const;
const JSON_FILTERS = [{ name: '工作区文件', extensions: ['json'] }] as const;
const PACKAGE_FILTERS = [{ name: '工作区包', extensions: ['zip'] }] as const;

export interface WorkspaceTransfer {
  readonly exportWorkspace: () => void;
  readonly startImport: () => void;
  readonly loadSamples: () => void;
  readonly isBusy: boolean;
  /** Render once: the export choice, the preview and the progress dialogs. */
  readonly dialogs: ReactNode;
}

/**
 * Export, import and sample loading of the whole workspace: as a workspace file (.json, records
 * and document metadata) or a workspace package (.zip, with every document file). This hook holds
 * the dialogs' state and runs the steps: reading and checking (workspaceTransferFlow.ts), writing
 * every record, metadata and file in one transaction (storage/workspaceRepository.ts), so a bad
 * file or a failure half-way leaves the store as it was. The dialogs are WorkspaceTransferDialogs.tsx.
 */
export function useWorkspaceTransfer(): WorkspaceTransfer {
  const repositories = useRepositories();
  const { modal, message } = App.useApp();
  const { selectCompany } = useCurrentCompany();
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [mode, setMode] = useState<ImportConflictMode>('merge');
  const [progress, setProgress] = useState<WorkspaceImportProgress | null>(null);
  const [reading, setReading] = useState<{ readonly name: string; readonly progress: PackageProgress } | null>(null);
  const [exportChoice, setExportChoice] = useState<ExportChoice | null>(null);
  const [exportKind, setExportKind] = useState<ExportKind>('package');
  const [exportStage, setExportStage] = useState<ExportStage | null>(null);
  const runningExport = useRef<{ isCancelled: boolean; job: PackageExport | null } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const showError = (title: string, detail: ErrorDescription) => showFailureDialog(modal, title, detail, '工作区中的现有数据没有任何改动。');

  const preview = (job: PendingImport) => {
    setMode(job.isSample ? 'replace' : 'merge');
    setPending(job);
  };

  const exportWorkspace = () => {
    setIsBusy(true);
    void (async () => {
      try {
        const choice = await exportChoiceOf(repositories, isEncryptionOn());
        if (choice === null) {
          void message.info('工作区中还没有企业，无需导出');
          return;
        }
        setExportKind(defaultExportKind(choice));
        setExportChoice(choice);
      } catch (e) {
        showError('导出失败', describeError(e));
      } finally {
        setIsBusy(false);
      }
    })();
  };

  const runExport = async (kind: ExportKind) => {
    const state: { isCancelled: boolean; job: PackageExport | null } = { isCancelled: false, job: null };
    runningExport.current = state;
    setExportStage({ stage: 'reading', done: 0, total: 0 });
    try {
      const now = new Date();
      const file = await repositories.collectWorkspaceFile(now.toISOString(), APP_VERSION);
      const companyCount = file.companies.length;
      if (state.isCancelled) return;
      if (kind === 'json') {
        setExportChoice(null);
        const isSaved = await platform.saveFile(workspaceFileName(now), JSON.stringify(file, null, 2), JSON_FILTERS);
        if (isSaved) void message.success(`已导出 ${companyCount} 家企业`);
        return;
      }
      // Opens each stored file (decrypting it when stored encrypted) for the package.
      const read = await repositories.readPackageFiles(file, (done, total) => setExportStage({ stage: 'reading', done, total }), () => state.isCancelled);
      if (read === null) return;
      const { files, evidence } = read;
      const job = exportWorkspacePackage({ workspace: file, files, evidence }, (p) => setExportStage({ stage: 'zipping', ...p }));
      state.job = job;
      if (state.isCancelled) job.cancel();
      const built = await job.done;
      if (built === null) return;
      if (!built.ok) {
        setExportChoice(null);
        showError('导出失败', describeFailure(built.error));
        return;
      }
      setExportChoice(null);
      const isSaved = await platform.saveFile(workspacePackageFileName(now), built.value, PACKAGE_FILTERS);
      const evidenceText = evidence.size > 0 ? `、${evidence.size} 个能耗凭证文件` : '';
      if (isSaved) void message.success(`已导出 ${companyCount} 家企业和 ${files.size} 个材料文件${evidenceText}（${formatBytes(built.value.size)}）`);
    } catch (e) {
      setExportChoice(null);
      showError('导出失败', describeError(e));
    } finally {
      runningExport.current = null;
      setExportStage(null);
    }
  };

  const cancelExport = () => {
    const running = runningExport.current;
    if (running) {
      running.isCancelled = true;
      running.job?.cancel();
      void message.info('已取消导出');
    }
    setExportChoice(null);
  };

  const startImport = () => {
    void (async () => {
      let picked;
      try {
        picked = await platform.openFiles(IMPORT_FILTERS);
      } catch (e) {
        showError('无法打开文件', describeError(e, { reason: '无法读取所选文件' }));
        return;
      }
      const file = picked[0];
      if (!file) return;
      setIsBusy(true);
      // A package can take a while to unpack and verify: say so at once, not at the first file checked.
      if (isWorkspacePackage(file.bytes)) setReading({ name: file.name, progress: { doneBytes: 0, totalBytes: 0 } });
      try {
        const read = await readImportFile(repositories, file, (p) => setReading({ name: file.name, progress: p }));
        if (read.ok) preview(read.pending);
        else showError(read.refusal.title, read.refusal.detail);
      } finally {
        setReading(null);
        setIsBusy(false);
      }
    })();
  };

  const loadSamples = () => {
    setIsBusy(true);
    void (async () => {
      try {
        preview(await readSamples(repositories, (path) => fetch(path)));
      } catch (e) {
        showError('载入示例企业失败', describeError(e));
      } finally {
        setIsBusy(false);
      }
    })();
  };

  const runImport = async (job: PendingImport) => {
    setProgress({ phase: 'writing', done: 0, total: 1 });
    try {
      const summary = await repositories.importWorkspace(job.companies, job.existing.length > 0 ? mode : 'merge', job.files, setProgress, job.evidence);
      setPending(null);
      const first = job.companies[0];
      if (first) selectCompany(first.company.id);
      void message.success(importDoneText(summary, job.isSample));
    } catch (e) {
      setPending(null);
      showError('导入失败', describeError(e, { lead: '写入时出错，已全部撤销' }));
    } finally {
      setProgress(null);
    }
  };

  const dialogs = (
    <>
      {exportChoice && (
        <ExportChoiceDialog
          exportChoice={exportChoice}
          exportKind={exportKind}
          onKindChange={setExportKind}
          exportStage={exportStage}
          isDesktop={platform.kind === 'electron'}
          onCancel={cancelExport}
          onConfirm={() => void runExport(exportKind)}
        />
      )}
      {reading && <PackageReadingDialog reading={reading} />}
      {pending && (
        <ImportPreviewDialog
          pending={pending}
          mode={mode}
          onModeChange={setMode}
          progress={progress}
          onCancel={() => setPending(null)}
          onConfirm={() => void runImport(pending)}
        />
      )}
    </>
  );

  return { exportWorkspace, startImport, loadSamples, isBusy, dialogs };
}
