import { App, Alert, Button, Checkbox, Input, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/company';
import { idCopyWatermark, type PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { platform } from '../../platform/platform';
import { appDb } from '../../storage/database';
import { getDocumentBlob, recordPacket, type PacketHistoryRecord } from '../../storage/documentRepository';
import { MERGEABLE_MIME_TYPES } from './documentKinds';
import { usePacketHistory } from './filingsData';
import type { PacketOutcome } from './packetWorker';
import { runPdfJob, type JobProgress } from './pdfJobs';
import type { ChecklistContext } from './useChecklist';

interface BuildReport {
  readonly fileName: string;
  readonly pageCount: number;
  readonly isSaved: boolean;
  readonly notes: readonly string[];
}

export function PacketTab({ record, context, formValues }: {
  readonly record: CompanyRecord;
  readonly context: ChecklistContext;
  readonly formValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
}) {
  const { message } = App.useApp();
  const { item, checklist } = context;
  const history = usePacketHistory(record.company.id);
  const [hasWatermark, setHasWatermark] = useState(true);
  const [watermark, setWatermark] = useState<string | null>(null);
  const [onBadFile, setOnBadFile] = useState<'stop' | 'skip'>('stop');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<BuildReport | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);

  if (item === null || checklist === null) return <Alert type="info" showIcon title="请先在上方选择申请事项" />;
  const watermarkText = watermark ?? idCopyWatermark(item.title);

  const build = async () => {
    setError(null);
    setReport(null);
    setProgress({ done: 0, total: 1, message: '正在读取材料…' });
    const notes: string[] = [];
    const plan: PlannedMaterial[] = [];
    const files = new Map<string, Blob>();
    const planned = new Map(context.plan.map((p) => [p.material.id, p]));
    for (const row of checklist.rows) {
      if (row.status === 'notApplicable') continue;
      const mergeable = row.attached.filter((d) => {
        const isMergeable = (MERGEABLE_MIME_TYPES as readonly string[]).includes(d.mimeType);
        if (!isMergeable) notes.push(`“${d.fileName}”是 Word/Excel 附件，不能合并入 PDF，请另行提交`);
        return isMergeable && d.hasFile;
      });
      for (const d of mergeable) {
        const blob = await getDocumentBlob(appDb, d.id);
        if (blob) files.set(d.id, blob);
      }
      const base = planned.get(row.material.id);
      plan.push({ material: row.material, template: row.template, templateValues: base?.templateValues ?? {}, documents: mergeable, isMatchedByName: false, warnings: [] });
    }
    const job = runPdfJob<PacketOutcome>({
      type: 'packet', item, record, plan, files, today: context.date, formValues,
      watermark: hasWatermark ? watermarkText : null, onBadFile,
    }, setProgress);
    cancelRef.current = job.cancel;
    const result = await job.promise;
    cancelRef.current = null;
    setProgress(null);
    if (!result.ok) {
      setError(result.error.code === 'packet.cancelled' ? '已取消生成，未保存任何文件。' : `生成失败：${result.error.message}`);
      return;
    }
    const outcome = result.value;
    const fileName = `${record.company.name}-${item.title}-申报材料包.pdf`;
    const isSaved = await platform.saveFile(fileName, new Blob([outcome.bytes.slice().buffer], { type: 'application/pdf' }), [{ name: 'PDF 文档', extensions: ['pdf'] }]);
    const allNotes = [...notes, ...outcome.unavailable, ...outcome.unfilledForms, ...outcome.skipped.map((s) => `已略过：${s.message}`)];
    setReport({ fileName, pageCount: outcome.pageCount, isSaved, notes: allNotes });
    if (!isSaved) return;
    const entry: PacketHistoryRecord = {
      companyId: record.company.id, itemId: item.id, itemTitle: item.title, builtAt: new Date().toISOString(), fileName,
      pageCount: outcome.pageCount, size: outcome.bytes.byteLength,
      parts: outcome.materials.flatMap((m) => m.parts.map((p) => ({ materialTitle: m.title, title: p.title, fileName: p.fileName, firstPage: p.firstPage, pageCount: p.pageCount, isSkipped: p.isSkipped }))),
      skipped: outcome.skipped.map((s) => ({ fileName: s.fileName, message: s.message })),
      missingMaterials: outcome.materials.filter((m) => m.isMissing).map((m) => m.title),
    };
    await recordPacket(appDb, entry);
    void message.success(`已生成申报材料包：共 ${outcome.pageCount} 页`);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Alert type={checklist.percent === 100 ? 'success' : 'warning'} showIcon
        title={`材料完成度 ${checklist.completeCount}/${checklist.applicableCount}`}
        description={checklist.percent === 100 ? '所有材料均已备齐。' : `尚缺：${checklist.rows.filter((r) => r.status !== 'attached' && r.status !== 'notApplicable').map((r) => r.material.name).join('；')}。缺少的材料在材料包中以说明页占位。`} />
      <Table
        size="small" pagination={false} rowKey={(r) => r.material.id} dataSource={checklist.rows.filter((r) => r.status !== 'notApplicable')}
        columns={[
          { title: '序号', width: 60, render: (_, __, i) => i + 1 },
          { title: '材料', render: (_, r) => r.material.name },
          { title: '将放入', render: (_, r) => [...(r.template ? [`${r.template.title}（生成）`] : []), ...r.attached.map((d) => d.title || d.fileName)].join('、') || <Typography.Text type="danger">缺（说明页）</Typography.Text> },
        ]}
      />
      <Space orientation="vertical">
        <Space wrap>
          <Checkbox checked={hasWatermark} onChange={(e) => setHasWatermark(e.target.checked)}>身份证复印件加水印</Checkbox>
          <Input aria-label="水印文字" disabled={!hasWatermark} value={watermarkText} onChange={(e) => setWatermark(e.target.value)} style={{ width: 360 }} maxLength={60} />
        </Space>
        <Radio.Group value={onBadFile} onChange={(e) => setOnBadFile(e.target.value as 'stop' | 'skip')}>
          <Radio value="stop">遇到无法读取的文件时停止</Radio>
          <Radio value="skip">略过无法读取的文件并在材料包中注明</Radio>
        </Radio.Group>
      </Space>
      <Space>
        <Button type="primary" loading={progress !== null} onClick={() => void build()}>生成申报材料包</Button>
        {progress !== null && <Button onClick={() => cancelRef.current?.()}>取消</Button>}
      </Space>
      {progress !== null && (
        <div role="status" aria-label="生成进度">
          <Typography.Text>{progress.message}</Typography.Text>
          <Progress percent={progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100)} />
        </div>
      )}
      {error !== null && <Alert type="error" showIcon title={error} />}
      {report !== null && (
        <Alert type={report.notes.length > 0 ? 'warning' : 'success'} showIcon
          title={report.isSaved ? `已保存“${report.fileName}”，共 ${report.pageCount} 页` : '已生成，但未保存（已取消保存）'}
          description={report.notes.length > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{report.notes.map((n) => <li key={n}>{n}</li>)}</ul> : undefined} />
      )}
      <Typography.Title level={5}>生成记录</Typography.Title>
      <Table<PacketHistoryRecord>
        size="small" rowKey={(r) => String(r.seq)} dataSource={history ?? []} loading={history === undefined} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未生成过材料包' }}
        columns={[
          { title: '时间', width: 170, render: (_, r) => new Date(r.builtAt).toLocaleString('zh-CN') },
          { title: '申请事项', dataIndex: 'itemTitle' },
          { title: '页数', dataIndex: 'pageCount', width: 70 },
          { title: '内容', render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{r.parts.filter((p) => !p.isSkipped).map((p) => p.fileName).join('、')}</Typography.Text>
              {r.missingMaterials.length > 0 && <Typography.Text type="warning">缺：{r.missingMaterials.join('；')}</Typography.Text>}
              {r.skipped.map((s) => <Tag key={s.fileName} color="red">略过 {s.fileName}</Tag>)}
            </Space>
          ) },
        ]}
      />
    </Space>
  );
}
