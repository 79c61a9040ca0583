import { App, Alert, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Company, CompanyRecord } from '../../../shared/domain/company';
import { buildWorkspaceFile, toCompanyRecords, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { APP_VERSION } from '../../app/appVersion';
import { useCurrentCompany } from '../../app/currentCompany';
import { platform } from '../../platform/platform';
import { findStoredCompanies, getAllCompanyRecords, type ImportConflictMode, type ImportProgress } from '../../storage/companyRepository';
import { listAllDocumentMetadata } from '../../storage/documentRepository';
import { importCompanyRecordsWithEnergy, withEnergySettings } from '../../storage/energyRepository';
import { appDb } from '../../storage/database';
import { parseWorkspaceBytes } from './parseWorkspace';
import { SAMPLE_FILES } from './sampleFiles';
import { workspaceFileName } from './workspaceCodec';

const WORKSPACE_FILTERS = [{ name: '工作区文件', extensions: ['json'] }] as const;

interface PendingImport {
  readonly sourceName: string;
  readonly records: readonly CompanyRecord[];
  readonly existing: readonly Company[];
  /** Samples replace without asking about merging: they are ours, not the user's edits. */
  readonly isSample: boolean;
}

export interface WorkspaceTransfer {
  readonly exportWorkspace: () => void;
  readonly startImport: () => void;
  readonly loadSamples: () => void;
  readonly isBusy: boolean;
  /** Render once: the preview and progress dialogs. */
  readonly dialogs: ReactNode;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Export, import and sample loading of the whole workspace. Import validates the entire file
 * before anything is written and writes it in one transaction (see importCompanyRecords), so a
 * bad file or a failure half-way leaves the store as it was.
 */
export function useWorkspaceTransfer(): WorkspaceTransfer {
  const { modal, message } = App.useApp();
  const { selectCompany } = useCurrentCompany();
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [mode, setMode] = useState<ImportConflictMode>('merge');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const showError = (title: string, detail: string) => {
    modal.error({
      title,
      width: 560,
      okText: '知道了',
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{detail}</Typography.Paragraph>
          <Typography.Text type="secondary">工作区中的现有数据没有任何改动。</Typography.Text>
        </Space>
      ),
    });
  };

  const prepare = async (sourceName: string, file: WorkspaceFile, isSample: boolean) => {
    const records = toCompanyRecords(file);
    const existing = await findStoredCompanies(appDb, records.map((r) => r.company.id));
    setMode(isSample ? 'replace' : 'merge');
    setPending({ sourceName, records, existing, isSample });
  };

  const exportWorkspace = () => {
    setIsBusy(true);
    void (async () => {
      try {
        // Energy settings live in their own table (one row per company), not in COMPANY_CHILD_TABLES.
        const records = await withEnergySettings(appDb, await getAllCompanyRecords(appDb));
        if (records.length === 0) {
          void message.info('工作区中还没有企业，无需导出');
          return;
        }
        const now = new Date();
        const file = buildWorkspaceFile(records, now.toISOString(), APP_VERSION, await listAllDocumentMetadata(appDb));
        const isSaved = await platform.saveFile(workspaceFileName(now), JSON.stringify(file, null, 2), WORKSPACE_FILTERS);
        if (isSaved) void message.success(`已导出 ${records.length} 家企业`);
      } catch (e) {
        showError('导出失败', errorText(e));
      } finally {
        setIsBusy(false);
      }
    })();
  };

  const startImport = () => {
    void (async () => {
      let picked;
      try {
        picked = await platform.openFiles(WORKSPACE_FILTERS);
      } catch (e) {
        showError('无法打开文件', errorText(e));
        return;
      }
      const file = picked[0];
      if (!file) return;
      setIsBusy(true);
      try {
        const parsed = await parseWorkspaceBytes(file.bytes);
        if (!parsed.ok) {
          showError(`无法导入“${file.name}”`, parsed.error.message);
          return;
        }
        if (parsed.value.companies.length === 0) {
          showError(`无法导入“${file.name}”`, '文件中没有企业。');
          return;
        }
        await prepare(file.name, parsed.value, false);
      } catch (e) {
        showError(`无法导入“${file.name}”`, errorText(e));
      } finally {
        setIsBusy(false);
      }
    })();
  };

  const loadSamples = () => {
    setIsBusy(true);
    void (async () => {
      try {
        const companies: WorkspaceFile['companies'] = [];
        for (const name of SAMPLE_FILES) {
          const response = await fetch(`./samples/${name}`);
          if (!response.ok) throw new Error(`无法读取示例文件 ${name}（HTTP ${response.status}）`);
          const parsed = await parseWorkspaceBytes(new Uint8Array(await response.arrayBuffer()));
          if (!parsed.ok) throw new Error(`示例文件 ${name} 有误：${parsed.error.message}`);
          companies.push(...parsed.value.companies);
        }
        const combined: WorkspaceFile = { format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: '', appVersion: APP_VERSION, companies };
        await prepare('示例企业', combined, true);
      } catch (e) {
        showError('载入示例企业失败', errorText(e));
      } finally {
        setIsBusy(false);
      }
    })();
  };

  const runImport = async (job: PendingImport) => {
    setProgress({ done: 0, total: 1 });
    try {
      const summary = await importCompanyRecordsWithEnergy(appDb, job.records, job.existing.length > 0 ? mode : 'merge', setProgress);
      setPending(null);
      const first = job.records[0];
      if (first) selectCompany(first.company.id);
      const parts = [summary.added > 0 && `新增 ${summary.added} 家`, summary.replaced > 0 && `替换 ${summary.replaced} 家`, summary.merged > 0 && `合并 ${summary.merged} 家`].filter(Boolean);
      void message.success(`${job.isSample ? '已载入示例企业' : '导入完成'}：${parts.join('，')}`);
    } catch (e) {
      setPending(null);
      showError('导入失败', `写入时出错，已全部撤销：${errorText(e)}`);
    } finally {
      setProgress(null);
    }
  };

  const isWriting = progress !== null;
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  const existingIds = new Set(pending?.existing.map((c) => c.id));

  const dialogs = pending && (
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
          {pending.isSample ? '将载入' : '文件中有'} <Typography.Text strong>{pending.records.length} 家企业</Typography.Text>
          ，共 {pending.records.reduce((n, r) => n + r.people.length, 0)} 名人员、
          {pending.records.reduce((n, r) => n + r.vehicles.length, 0)} 辆车辆。
        </Typography.Text>
        <Table<CompanyRecord>
          size="small"
          rowKey={(r) => r.company.id}
          pagination={false}
          dataSource={[...pending.records]}
          scroll={{ y: 240 }}
          columns={[
            { title: '企业名称', render: (_: unknown, r) => r.company.name },
            { title: '统一社会信用代码', width: 200, render: (_: unknown, r) => <Typography.Text style={{ fontFamily: 'monospace' }}>{r.company.uscc || '—'}</Typography.Text> },
            { title: '人员', width: 60, align: 'right', render: (_: unknown, r) => r.people.length },
            { title: '车辆', width: 60, align: 'right', render: (_: unknown, r) => r.vehicles.length },
            { title: '状态', width: 90, render: (_: unknown, r) => (existingIds.has(r.company.id) ? <Tag color="orange">已存在</Tag> : <Tag color="green">新增</Tag>) },
          ]}
        />
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
        {isWriting && <Progress percent={percent} status="active" aria-label="导入进度" format={() => `${progress.done} / ${progress.total}`} />}
      </Space>
    </Modal>
  );

  return { exportWorkspace, startImport, loadSamples, isBusy, dialogs };
}
