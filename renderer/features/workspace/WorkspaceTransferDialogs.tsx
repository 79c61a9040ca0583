import { Alert, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import type { PackageProgress } from '../../../shared/workspace/workspacePackage';
import type { ImportConflictMode } from '../../storage/companyRepository';
import type { WorkspaceImportProgress } from '../../storage/workspaceRepository';
import { formatBytes, packagedFilesText, problemsTitle, type Companies, type ExportChoice, type PendingImport } from './workspaceTransferFlow';

/*
 * The workspace transfer's dialogs, drawn from the state useWorkspaceTransfer.tsx keeps: the
 * import preview, the package being read, the export choice. They render and report clicks.
 */

/** Problems listed one by one in the preview; the rest are counted. */
const LISTED_PROBLEMS = 8;
/**
 * The desktop app's open dialog reads files up to this size (MAX_OPEN_FILE_BYTES in
 * electron/main/fileDialogs.ts, which the page cannot import): a larger package exported there
 * cannot be imported there, and the export dialog says so.
 */
const DESKTOP_OPEN_LIMIT_BYTES = 256 * 1024 * 1024;

export type ExportKind = 'json' | 'package';
export type ExportStage = { readonly stage: 'reading'; readonly done: number; readonly total: number } | ({ readonly stage: 'zipping' } & PackageProgress);

function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

export function ImportPreviewDialog({ pending, mode, onModeChange, progress, onCancel, onConfirm }: {
  readonly pending: PendingImport;
  readonly mode: ImportConflictMode;
  readonly onModeChange: (mode: ImportConflictMode) => void;
  /** null until the officer confirms; then the write's progress. */
  readonly progress: WorkspaceImportProgress | null;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  const isWriting = progress !== null;
  const existingIds = new Set(pending.existing.map((c) => c.id));
  return (
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
      onCancel={onCancel}
      onOk={onConfirm}
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
                  onChange={(e) => onModeChange(e.target.value as ImportConflictMode)}
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
}

export function PackageReadingDialog({ reading }: { readonly reading: { readonly name: string; readonly progress: PackageProgress } }) {
  return (
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
}

export function ExportChoiceDialog({ exportChoice, exportKind, onKindChange, exportStage, isDesktop, onCancel, onConfirm }: {
  readonly exportChoice: ExportChoice;
  readonly exportKind: ExportKind;
  readonly onKindChange: (kind: ExportKind) => void;
  /** null until the officer confirms; then how far the export is. */
  readonly exportStage: ExportStage | null;
  readonly isDesktop: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  const isExporting = exportStage !== null;
  return (
    <Modal
      open
      title="导出工作区"
      width={620}
      okText="导出"
      cancelText={isExporting ? '取消导出' : '取消'}
      mask={{ closable: false }}
      closable={!isExporting}
      confirmLoading={isExporting}
      onCancel={onCancel}
      onOk={onConfirm}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Radio.Group aria-label="导出内容" value={exportKind} onChange={(e) => onKindChange(e.target.value as ExportKind)} disabled={isExporting}>
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
        {isDesktop && exportKind === 'package' && exportChoice.fileBytes > DESKTOP_OPEN_LIMIT_BYTES && (
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
