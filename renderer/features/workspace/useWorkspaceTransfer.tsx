import { App, Alert, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { showFailureDialog } from '../../components/failureDialog';
import { describeError, describeFailure, describeText, type ErrorDescription } from '../../../shared/util/errorDescription';
import { useRef, useState, type ReactNode } from 'react';
import type { Company } from '../../../shared/domain/company';
import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { isFileInPackage, isWorkspacePackage, type PackageProgress } from '../../../shared/workspace/workspacePackage';
import { APP_VERSION } from '../../app/appVersion';
import { useCurrentCompany } from '../../app/currentCompany';
import { platform } from '../../platform/platform';
import { type ImportConflictMode } from '../../storage/companyRepository';
import { exportWorkspacePackage, type PackageExport } from './exportPackage';
import { isEncryptionOn } from '../../storage/vaultAccess';
import type { WorkspaceImportProgress } from '../../storage/workspaceRepository';
import { parseWorkspaceBytes } from './parseWorkspace';
import { SAMPLE_FILES } from './sampleFiles';
import { workspaceFileName, workspacePackageFileName } from './workspaceCodec';
import { useRepositories } from '../../storage/repositories';

const IMPORT_FILTERS = [{ name: '工作区文件或工作区包', extensions: ['json', 'zip'] }] as const;
const JSON_FILTERS = [{ name: '工作区文件', extensions: ['json'] }] as const;
const PACKAGE_FILTERS = [{ name: '工作区包', extensions: ['zip'] }] as const;
/**
 * The desktop app's open dialog reads files up to this size (MAX_OPEN_FILE_BYTES in
 * electron/main/fileDialogs.ts, which the page cannot import): a larger package exported there
 * cannot be imported there, and the export dialog says so.
 */
const DESKTOP_OPEN_LIMIT_BYTES = 256 * 1024 * 1024;
/** Problems listed one by one in the preview; the rest are counted. */
const LISTED_PROBLEMS = 8;

type Companies = WorkspaceFile['companies'];
type ExportKind = 'json' | 'package';

interface PendingImport {
  readonly sourceName: string;
  readonly companies: Companies;
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

interface ExportChoice {
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

type ExportStage = { readonly stage: 'reading'; readonly done: number; readonly total: number } | ({ readonly stage: 'zipping' } & PackageProgress);

export interface WorkspaceTransfer {
  readonly exportWorkspace: () => void;
  readonly startImport: () => void;
  readonly loadSamples: () => void;
  readonly isBusy: boolean;
  /** Render once: the export choice, the preview and the progress dialogs. */
  readonly dialogs: ReactNode;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

/**
 * Export, import and sample loading of the whole workspace: as a workspace file (.json, records
 * and document metadata) or a workspace package (.zip, with every document file). Import
 * validates the entire file or package before anything is written and writes records, metadata
 * and files in one transaction (importWorkspace.ts), so a bad file or a failure half-way leaves
 * the store as it was.
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

  const prepare = async (job: Omit<PendingImport, 'existing'>) => {
    const existing = await repositories.findStoredCompanies(job.companies.map((r) => r.company.id));
    setMode(job.isSample ? 'replace' : 'merge');
    setPending({ ...job, existing });
  };

  const exportWorkspace = () => {
    setIsBusy(true);
    void (async () => {
      try {
        const [companies, documents, attachments] = await Promise.all([repositories.listCompanies().then((list) => list.length), repositories.listAllDocumentMetadata(), repositories.listAllEnergyAttachmentMetadata()]);
        if (companies === 0) {
          void message.info('工作区中还没有企业，无需导出');
          return;
        }
        const withFiles = documents.filter(isFileInPackage);
        setExportKind(withFiles.length + attachments.length > 0 ? 'package' : 'json');
        setExportChoice({
          companyCount: companies,
          documentCount: documents.length,
          fileCount: withFiles.length,
          evidenceCount: attachments.length,
          fileBytes: [...withFiles, ...attachments].reduce((sum, d) => sum + d.size, 0),
          isEncrypted: isEncryptionOn(),
        });
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
        const parsed = await parseWorkspaceBytes(file.bytes, (p) => setReading({ name: file.name, progress: p }));
        setReading(null);
        if (!parsed.ok) {
          showError(`无法导入“${file.name}”`, describeFailure(parsed.error));
          return;
        }
        if (parsed.value.workspace.companies.length === 0) {
          showError(`无法导入“${file.name}”`, describeText(parsed.value.isPackage ? '工作区包中没有企业。' : '文件中没有企业。'));
          return;
        }
        const { workspace, files, evidence, problems, isPackage } = parsed.value;
        await prepare({ sourceName: file.name, companies: workspace.companies, isSample: false, isPackage, files, evidence, problems });
      } catch (e) {
        showError(`无法导入“${file.name}”`, describeError(e, { reason: '文件无法读取，可能已损坏或不是工作区文件' }));
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
        const companies: Companies = [];
        for (const name of SAMPLE_FILES) {
          const response = await fetch(`./samples/${name}`);
          if (!response.ok) throw new Error(`无法读取示例文件 ${name}（HTTP ${response.status}）`);
          const parsed = await parseWorkspaceBytes(new Uint8Array(await response.arrayBuffer()));
          if (!parsed.ok) throw new Error(`示例文件 ${name} 有误：${describeFailure(parsed.error).message}`);
          companies.push(...parsed.value.workspace.companies);
        }
        await prepare({ sourceName: '示例企业', companies, isSample: true, isPackage: false, files: new Map(), evidence: new Map(), problems: [] });
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
      const parts = [
        summary.added > 0 && `新增 ${summary.added} 家`,
        summary.replaced > 0 && `替换 ${summary.replaced} 家`,
        summary.merged > 0 && `合并 ${summary.merged} 家`,
        summary.files > 0 && `材料文件 ${summary.files} 个`,
        summary.evidenceFiles > 0 && `能耗凭证文件 ${summary.evidenceFiles} 个`,
      ].filter(Boolean);
      void message.success(`${job.isSample ? '已载入示例企业' : '导入完成'}：${parts.join('，')}`);
    } catch (e) {
      setPending(null);
      showError('导入失败', describeError(e, { lead: '写入时出错，已全部撤销' }));
    } finally {
      setProgress(null);
    }
  };

  const isWriting = progress !== null;
  const existingIds = new Set(pending?.existing.map((c) => c.id));
  const isExporting = exportStage !== null;

  const importPreview = pending && (
    <Modal
      open
      title={pending.isSample ? '载入示例企业' : `导入工作区：${pending.sourceName}`}
      width={720}
      okText={pending.isSample ? (pending.existing.length > 0 ? '替换并载入' : '载入') : '导入'}
      cancelText="取消"
      mask={{ closable: false }}
      closable={!isWriting}
      confirmLoading={isWriting}
      cancelButtonProps={{ disabled: isWriting }}
      onCancel={() => setPending(null)}
      onOk={() => void runImport(pending)}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text>
          {pending.isSample ? '将载入' : pending.isPackage ? '工作区包中有' : '文件中有'} <Typography.Text strong>{pending.companies.length} 家企业</Typography.Text>
          ，共 {pending.companies.reduce((n, r) => n + r.people.length, 0)} 名人员、
          {pending.companies.reduce((n, r) => n + r.vehicles.length, 0)} 辆车辆。
        </Typography.Text>
        <DocumentSummary pending={pending} />
        <EvidenceSummary pending={pending} />
        <Table<Companies[number]>
          size="small"
          rowKey={(r) => r.company.id}
          pagination={false}
          dataSource={[...pending.companies]}
          scroll={{ y: 240 }}
          columns={[
            { title: '企业名称', render: (_: unknown, r) => r.company.name },
            { title: '统一社会信用代码', width: 200, render: (_: unknown, r) => <Typography.Text style={{ fontFamily: 'monospace' }}>{r.company.uscc || '—'}</Typography.Text> },
            { title: '人员', width: 60, align: 'right', render: (_: unknown, r) => r.people.length },
            { title: '车辆', width: 60, align: 'right', render: (_: unknown, r) => r.vehicles.length },
            { title: '材料', width: 60, align: 'right', render: (_: unknown, r) => r.documents.length },
            { title: '状态', width: 90, render: (_: unknown, r) => (existingIds.has(r.company.id) ? <Tag color="orange">已存在</Tag> : <Tag color="green">新增</Tag>) },
          ]}
        />
        {pending.problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={problemsTitle(pending.problems)}
            description={
              <>
                <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} aria-label="未通过校验的材料文件">
                  {pending.problems.slice(0, LISTED_PROBLEMS).map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
                {pending.problems.length > LISTED_PROBLEMS && <Typography.Text type="secondary">另有 {pending.problems.length - LISTED_PROBLEMS} 个。</Typography.Text>}
                <Typography.Text type="secondary">如需完整导入，请取消，并在原来的电脑上重新导出工作区包。</Typography.Text>
              </>
            }
          />
        )}
        {pending.existing.length > 0 &&
          (pending.isSample ? (
            <Alert
              type="warning"
              showIcon
              title={`示例企业已在工作区中（${pending.existing.map((c) => c.name).join('、')}）`}
              description="继续将用原始示例数据替换它们，您对示例企业做的修改会丢失；不会产生重复企业。"
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={`${pending.existing.length} 家企业在工作区中已存在（编号相同）`}
              description={
                <Radio.Group
                  aria-label="已存在企业的处理方式"
                  value={mode}
                  onChange={(e) => setMode(e.target.value as ImportConflictMode)}
                  disabled={isWriting}
                  options={[
                    { value: 'merge', label: '合并：文件中的记录覆盖同编号记录，工作区中其他记录保留' },
                    { value: 'replace', label: '替换：删除这些企业在工作区中的全部记录，改用文件中的数据' },
                  ]}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
                />
              }
            />
          ))}
        {progress?.phase === 'sealing' && (
          <Progress percent={percentOf(progress.done, progress.total)} status="active" aria-label="加密材料文件进度" format={() => `加密材料文件 ${progress.done} / ${progress.total}`} />
        )}
        {progress?.phase === 'writing' && (
          <Progress percent={percentOf(progress.done, progress.total)} status="active" aria-label="导入进度" format={() => `${progress.done} / ${progress.total}`} />
        )}
      </Space>
    </Modal>
  );

  const readingDialog = reading && (
    <Modal open title={`正在读取工作区包：${reading.name}`} footer={null} closable={false} mask={{ closable: false }}>
      <Typography.Paragraph>正在解压并逐个校验材料文件（大小和 SHA-256），尚未写入任何数据。</Typography.Paragraph>
      <Progress
        percent={percentOf(reading.progress.doneBytes, reading.progress.totalBytes)}
        status="active"
        aria-label="校验进度"
        format={() => (reading.progress.totalBytes === 0 ? '解压中…' : `${formatBytes(reading.progress.doneBytes)} / ${formatBytes(reading.progress.totalBytes)}`)}
      />
    </Modal>
  );

  const exportDialog = exportChoice && (
    <Modal
      open
      title="导出工作区"
      width={620}
      okText="导出"
      cancelText={isExporting ? '取消导出' : '取消'}
      mask={{ closable: false }}
      closable={!isExporting}
      confirmLoading={isExporting}
      onCancel={cancelExport}
      onOk={() => void runExport(exportKind)}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Radio.Group aria-label="导出内容" value={exportKind} onChange={(e) => setExportKind(e.target.value as ExportKind)} disabled={isExporting}>
          <Space orientation="vertical" size="middle">
            <Radio value="json">
              <Typography.Text strong>工作区文件（.json，仅记录）</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {exportChoice.companyCount} 家企业的全部记录{exportChoice.documentCount > 0 && `和 ${exportChoice.documentCount} 份材料的登记信息`}，不含材料文件本身；也可交给命令行等工具使用。
              </Typography.Text>
            </Radio>
            <Radio value="package">
              <Typography.Text strong>工作区包（.zip，含全部材料文件）</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                全部记录，加上 {packagedFilesText(exportChoice)}（共 {formatBytes(exportChoice.fileBytes)}）；在另一台电脑导入后材料可直接预览和组装申报材料包。
                {exportChoice.documentCount > exportChoice.fileCount && `另有 ${exportChoice.documentCount - exportChoice.fileCount} 份材料在本工作区中只有登记信息、没有文件，包中也不会有。`}
              </Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
        {exportChoice.isEncrypted ? (
          <Alert
            type="warning"
            showIcon
            title="导出的内容不加密"
            description={
              exportKind === 'package'
                ? '本工作区开启了个人信息加密，但工作区包中的记录和材料文件（身份证复印件、劳动合同等）都以未加密的原样保存。请按敏感文件保管，传输后及时删除。'
                : '本工作区开启了个人信息加密，但工作区文件中的记录（含身份证号码、电话）以未加密的明文保存。请按敏感文件保管，传输后及时删除。'
            }
          />
        ) : (
          <Typography.Text type="secondary">导出的文件含身份证号码等个人信息{exportKind === 'package' && '和材料文件'}，请按敏感文件保管。</Typography.Text>
        )}
        {platform.kind === 'electron' && exportKind === 'package' && exportChoice.fileBytes > DESKTOP_OPEN_LIMIT_BYTES && (
          <Alert
            type="info"
            showIcon
            title="工作区包将超过 256 MB"
            description="桌面版“导入工作区”只能打开不超过 256 MB 的文件，这个工作区包只能在浏览器版中导入。要在另一台电脑上完整恢复全部数据和文件，请用“设置 › 备份与恢复”。"
          />
        )}
        {exportStage?.stage === 'reading' && exportKind === 'package' && (
          <Progress
            percent={percentOf(exportStage.done, exportStage.total)}
            status="active"
            aria-label="导出进度"
            format={() => `读取材料文件 ${exportStage.done} / ${exportStage.total}`}
          />
        )}
        {exportStage?.stage === 'zipping' && (
          <Progress
            percent={percentOf(exportStage.doneBytes, exportStage.totalBytes)}
            status="active"
            aria-label="导出进度"
            format={() => `${formatBytes(exportStage.doneBytes)} / ${formatBytes(exportStage.totalBytes)}`}
          />
        )}
      </Space>
    </Modal>
  );

  const dialogs = (
    <>
      {exportDialog}
      {readingDialog}
      {importPreview}
    </>
  );

  return { exportWorkspace, startImport, loadSamples, isBusy, dialogs };
}

/** “2 个材料文件和 1 个能耗凭证文件”: what a package carries besides the records. */
function packagedFilesText(choice: ExportChoice): string {
  const documents = `${choice.fileCount} 个材料文件`;
  if (choice.evidenceCount === 0) return documents;
  const evidence = `${choice.evidenceCount} 个能耗凭证文件`;
  return choice.fileCount === 0 ? evidence : `${documents}和${evidence}`;
}

/** The preview's heading over the files the package reader left out (documents, and energy evidence when among them). */
function problemsTitle(problems: readonly string[]): string {
  const hasEvidence = problems.some((p) => p.includes('的能耗凭证文件“'));
  return hasEvidence
    ? `${problems.length} 个文件未通过校验，导入后这些材料或能耗凭证只有登记信息、没有文件`
    : `${problems.length} 个材料文件未通过校验，导入后这些材料只有登记信息、没有文件`;
}

/** What the preview says about energy evidence files: those that came with a package, those listed without one. */
function EvidenceSummary({ pending }: { readonly pending: PendingImport }) {
  const listed = pending.companies.reduce((n, r) => n + r.energyAttachments.length, 0);
  if (listed === 0) return null;
  if (!pending.isPackage) {
    return <Typography.Text type="secondary">另有 {listed} 个能耗凭证文件的登记信息（工作区文件不含文件本身；导入工作区包可一并导入）。</Typography.Text>;
  }
  const bytes = [...pending.evidence.values()].reduce((sum, blob) => sum + blob.size, 0);
  const missing = listed - pending.evidence.size;
  return (
    <Typography.Text>
      工作区包中有 <Typography.Text strong>{pending.evidence.size} 个能耗凭证文件</Typography.Text>（共 {formatBytes(bytes)}，已逐个校验）
      {missing > 0 && `；${missing} 个凭证文件未通过校验，不会导入`}。
    </Typography.Text>
  );
}

/** What the preview says about documents: files that came with a package, metadata without a file. */
function DocumentSummary({ pending }: { readonly pending: PendingImport }) {
  const documents = pending.companies.flatMap((r) => r.documents);
  if (documents.length === 0) return null;
  if (!pending.isPackage) {
    return <Typography.Text type="secondary">另有 {documents.length} 份材料的登记信息（工作区文件不含材料文件本身；导入工作区包可一并导入文件）。</Typography.Text>;
  }
  const bytes = [...pending.files.values()].reduce((sum, blob) => sum + blob.size, 0);
  const withoutFile = documents.length - pending.files.size;
  return (
    <Typography.Text>
      {pending.files.size > 0 ? (
        <>
          工作区包中有 <Typography.Text strong>{pending.files.size} 个材料文件</Typography.Text>（共 {formatBytes(bytes)}，已逐个校验）
        </>
      ) : (
        '工作区包中没有可导入的材料文件'
      )}
      {withoutFile > 0 && `；${withoutFile} 份材料将只有登记信息、没有文件`}。
    </Typography.Text>
  );
}
