import { App, Alert, Button, Card, Checkbox, Input, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { formatChineseDate } from '../../../shared/pdf/formFacts';
import type { CrampedForm } from '../../../shared/pdf/packetAssembly';
import { documentValidityOn, idCopyWatermark, outOfDateDocuments, type OutOfDateDocument, type PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { CRAMPED_SMALLEST_SIZE } from '../../../shared/pdf/textLayout';
import { platform } from '../../platform/platform';
import { useRepositories } from '../../storage/repositories';
import { type PacketHistoryRecord, type StoredDocument } from '../../storage/documentRepository';
import { outstandingText } from './checklistModel';
import { MERGEABLE_MIME_TYPES } from './documentKinds';
import { usePacketHistory } from './filingsData';
import { CrampedWarning } from './FormsTab';
import type { PacketOutcome, WorkerJob } from './packetWorker';
import { identityKey, runPdfJob, usePdfCheck, type JobProgress } from './pdfJobs';
import type { ChecklistContext } from './useChecklist';
import { errorMessage, failureMessage } from '../../components/failureDialog';

interface BuildReport {
  readonly fileName: string;
  readonly pageCount: number;
  readonly isSaved: boolean;
  readonly notes: readonly string[];
}

function isMergeable(document: StoredDocument): boolean {
  return (MERGEABLE_MIME_TYPES as readonly string[]).includes(document.mimeType);
}

/**
 * Before building: each enclosed document that is expired or not yet valid on the submission
 * date, with a note the officer may edit (printed before it in the packet) or another document
 * of the library to put in its place.
 */
function OutOfDateReview({ found, notices, onNotice, documents, date, onReplace }: {
  readonly found: readonly OutOfDateDocument[];
  readonly notices: Readonly<Record<string, string>>;
  readonly onNotice: (documentId: string, text: string) => void;
  readonly documents: readonly StoredDocument[];
  readonly date: IsoDate;
  readonly onReplace: (entry: OutOfDateDocument, replacementId: string) => void;
}) {
  return (
    <Card size="small" role="region" aria-label="不在有效期内的文件"
      title={<Typography.Text type="warning">以下文件在申报日 {formatChineseDate(date)} 不在有效期内：请更换，或附上并加注说明</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {found.map((entry) => {
          const id = entry.document.id;
          const replacements = documents.filter((d) => d.id !== id && d.kind === entry.document.kind && d.hasFile && documentValidityOn(d, date) === 'valid');
          return (
            <div key={`${entry.materialId}|${id}`} aria-label={`文件 ${entry.document.title || entry.document.fileName}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
              <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                <Space wrap>
                  <Tag color={entry.validity === 'expired' ? 'volcano' : 'gold'}>{entry.validity === 'expired' ? '已过期' : '尚未生效'}</Tag>
                  <Typography.Text>{entry.text}</Typography.Text>
                  <Typography.Text type="secondary">（{entry.materialName}）</Typography.Text>
                </Space>
                <Space wrap style={{ width: '100%' }}>
                  <Select aria-label={`更换“${entry.document.title || entry.document.fileName}”`} placeholder={replacements.length === 0 ? '文件库中没有同类有效文件，可先在文件库上传' : '更换为文件库中的…'}
                    disabled={replacements.length === 0} style={{ width: 320, maxWidth: '100%' }} value={null}
                    options={replacements.map((d) => ({ value: d.id, label: `${d.title || d.fileName}${d.validTo ? `（有效期至 ${formatChineseDate(d.validTo)}）` : ''}` }))}
                    onChange={(replacementId: string | null) => {
                      if (replacementId) onReplace(entry, replacementId);
                    }} />
                  <Input.TextArea aria-label={`“${entry.document.title || entry.document.fileName}”的说明`} autoSize={{ minRows: 1, maxRows: 3 }} style={{ width: 560, maxWidth: '100%' }}
                    value={notices[id] ?? entry.notice} maxLength={300} onChange={(e) => onNotice(id, e.target.value)} />
                </Space>
              </Space>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}

export function PacketTab({ record, context, formValues }: {
  readonly record: CompanyRecord;
  readonly context: ChecklistContext;
  readonly formValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
}) {
  const repositories = useRepositories();
  const { message, modal } = App.useApp();
  const { item, checklist } = context;
  const [notices, setNotices] = useState<Record<string, string>>({});
  const history = usePacketHistory(record.company.id);
  const [hasWatermark, setHasWatermark] = useState(true);
  const [watermark, setWatermark] = useState<string | null>(null);
  const [onBadFile, setOnBadFile] = useState<'stop' | 'skip'>('stop');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<BuildReport | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);
  // The forms the packet will generate, checked in the worker before building for values that would print below 8 pt.
  const formPlan: PlannedMaterial[] = (checklist?.rows ?? []).filter((r) => r.status !== 'notApplicable' && r.template !== null).map((row) => ({
    material: row.material, template: row.template, documents: [], isMatchedByName: false, warnings: [],
    templateValues: context.plan.find((p) => p.material.id === row.material.id)?.templateValues ?? {},
  }));
  const fitJob: WorkerJob | null = item && formPlan.length > 0 ? { type: 'packetFit', item, record, plan: formPlan, today: context.date, formValues } : null;
  const crampedForms = usePdfCheck<CrampedForm[]>(fitJob, JSON.stringify([
    item?.id, identityKey(record), context.date, formValues, formPlan.map((p) => [p.material.id, p.template?.id, p.templateValues]),
  ]));
  // One form: its fields by name; several: each named with its form.
  const crampedFields = crampedForms?.flatMap((form) => form.fields.map((f) => (crampedForms.length > 1 ? { ...f, label: `${form.title}·${f.label}` } : f))) ?? null;

  if (item === null || checklist === null) return <Alert type="info" showIcon title="请先在上方选择申请事项" />;
  const watermarkText = watermark ?? idCopyWatermark(item.title);
  const planned = new Map(context.plan.map((p) => [p.material.id, p]));
  // What will go in, material by material: the generated form and the attached documents that can be merged.
  const enclosed: PlannedMaterial[] = checklist.rows.filter((r) => r.status !== 'notApplicable').map((row) => ({
    material: row.material, template: row.template, templateValues: planned.get(row.material.id)?.templateValues ?? {},
    documents: row.attached.filter(isMergeable), isMatchedByName: false, warnings: [],
  }));
  const outOfDate = outOfDateDocuments(enclosed, context.date);

  const replace = (entry: OutOfDateDocument, replacementId: string) => {
    repositories.updateMaterialState(record.company.id, item.id, entry.materialId, (s) => ({
      ...s, documentIds: [...new Set(s.documentIds.map((d) => (d === entry.document.id ? replacementId : d)))],
    })).then(
      () => void message.success('已更换文件'),
      (e: unknown) => void message.error(errorMessage(e)),
    );
  };

  const confirmThenBuild = () => {
    if (outOfDate.length === 0) {
      void build();
      return;
    }
    modal.confirm({
      title: `有 ${outOfDate.length} 份文件在申报日不在有效期内`,
      content: <ul style={{ paddingLeft: 20, margin: 0 }}>{outOfDate.map((o) => <li key={`${o.materialId}|${o.document.id}`}>{o.text}</li>)}</ul>,
      okText: '附上并加注说明，继续生成',
      cancelText: '停止，先更换文件',
      width: 560,
      onOk: () => void build(),
    });
  };

  const build = async () => {
    setError(null);
    setReport(null);
    setProgress({ done: 0, total: 1, message: '正在读取材料…' });
    const notes: string[] = [];
    const plan: PlannedMaterial[] = [];
    const files = new Map<string, Blob>();
    const noticeOf = new Map(outOfDate.map((o) => [o.document.id, (notices[o.document.id] ?? o.notice).trim() || o.notice]));
    for (const row of checklist.rows) {
      if (row.status === 'notApplicable') continue;
      for (const d of row.attached) if (!isMergeable(d)) notes.push(`“${d.fileName}”是 Word/Excel 附件，不能合并入 PDF，请另行提交`);
      const mergeable = row.attached.filter((d) => isMergeable(d) && d.hasFile);
      for (const d of mergeable) {
        const blob = await repositories.getDocumentBlob(d.id);
        if (blob) files.set(d.id, blob);
      }
      const base = planned.get(row.material.id);
      const documentNotices = Object.fromEntries(mergeable.flatMap((d) => {
        const notice = noticeOf.get(d.id);
        return notice === undefined ? [] : [[d.id, notice]];
      }));
      plan.push({ material: row.material, template: row.template, templateValues: base?.templateValues ?? {}, documents: mergeable, isMatchedByName: false, warnings: [], documentNotices });
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
      setError(result.error.code === 'packet.cancelled' ? '已取消生成，未保存任何文件。' : failureMessage(result.error, { lead: '生成失败' }));
      return;
    }
    const outcome = result.value;
    const fileName = `${record.company.name}-${item.title}-申报材料包.pdf`;
    const isSaved = await platform.saveFile(fileName, outcome.pdf, [{ name: 'PDF 文档', extensions: ['pdf'] }]);
    const allNotes = [...notes, ...outcome.unavailable, ...outcome.unfilledForms, ...outcome.crampedForms, ...outcome.skipped.map((s) => `已略过：${s.message}`)];
    setReport({ fileName, pageCount: outcome.pageCount, isSaved, notes: allNotes });
    if (!isSaved) return;
    const entry: PacketHistoryRecord = {
      companyId: record.company.id, itemId: item.id, itemTitle: item.title, builtAt: new Date().toISOString(), fileName,
      pageCount: outcome.pageCount, size: outcome.byteLength,
      parts: outcome.materials.flatMap((m) => m.parts.map((p) => ({ materialTitle: m.title, title: p.title, fileName: p.fileName, firstPage: p.firstPage, pageCount: p.pageCount, isSkipped: p.isSkipped }))),
      skipped: outcome.skipped.map((s) => ({ fileName: s.fileName, message: s.message })),
      missingMaterials: outcome.materials.filter((m) => m.isMissing).map((m) => m.title),
    };
    await repositories.recordPacket(entry);
    void message.success(`已生成申报材料包：共 ${outcome.pageCount} 页`);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Alert type={checklist.percent === 100 ? 'success' : 'warning'} showIcon
        title={`材料完成度 ${checklist.completeCount}/${checklist.applicableCount}`}
        description={checklist.percent === 100 ? '所有材料均已备齐。' : `尚缺：${outstandingText(checklist.rows)}。缺少的材料在材料包中以说明页占位。`} />
      <CrampedWarning fields={crampedFields} smallestSize={CRAMPED_SMALLEST_SIZE}
        note={`${crampedForms?.length === 1 ? `见“${crampedForms[0]?.title ?? ''}”。` : ''}可在“表单”页修改；不修改时，材料包中的表格仍以 8 磅打印这些内容，所在栏随内容加高。`} />
      {outOfDate.length > 0 && (
        <OutOfDateReview found={outOfDate} notices={notices} onNotice={(id, text) => setNotices((all) => ({ ...all, [id]: text }))}
          documents={context.documents} date={context.date} onReplace={replace} />
      )}
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
        <Button type="primary" loading={progress !== null} onClick={confirmThenBuild}>生成申报材料包</Button>
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
