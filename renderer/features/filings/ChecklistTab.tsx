import { App, Alert, Button, Card, Checkbox, List, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import { DateInput } from '../../components/DateInput';
import { platform } from '../../platform/platform';
import { useRepositories, type Repositories } from '../../storage/repositories';
import type { StoredDocument } from '../../storage/documentRepository';
import { checklistTable } from './checklistTable';
import { MATERIAL_STATUS_LABELS, type Checklist, type ChecklistRow, type MaterialStatus } from './checklistModel';
import type { ChecklistContext } from './useChecklist';
import { runPdfJob } from './pdfJobs';
import { errorMessage } from '../../components/failureDialog';

const STATUS_COLORS: Readonly<Record<MaterialStatus, string>> = {
  missing: 'red', attached: 'green', expired: 'volcano', notYetValid: 'gold', needsSignature: 'gold', checkFailed: 'magenta', notApplicable: 'default',
};

function MaterialCard({ row, index, item, companyId, documents }: {
  readonly row: ChecklistRow;
  readonly index: number;
  readonly item: PolicyItem;
  readonly companyId: string;
  readonly documents: readonly StoredDocument[];
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const change = (update: Parameters<Repositories['updateMaterialState']>[3]) => {
    repositories.updateMaterialState(companyId, item.id, row.material.id, update).catch((e: unknown) => {
      void message.error(errorMessage(e));
    });
  };
  const attachedIds = new Set(row.attached.map((d) => d.id));
  const material = row.material;
  return (
    <Card size="small" aria-label={`材料 ${material.name}`} title={
      <Space wrap>
        <span>{index + 1}. {material.name}</span>
        <Tag color={STATUS_COLORS[row.status]} aria-label="材料状态">{MATERIAL_STATUS_LABELS[row.status]}</Tag>
      </Space>
    } extra={<Typography.Text type="secondary">{material.citation.ref}{material.note ? `；${material.note}` : ''}</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        {row.template !== null && <Typography.Text>表单：<Tag color="blue">{row.template.title}（本应用生成，在“表单”页填写）</Tag></Typography.Text>}
        <Space wrap>
          <Typography.Text>所附文件：</Typography.Text>
          {row.attached.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
          {row.attached.map((d) => (
            <Tag key={d.id} closable onClose={(e) => {
              e.preventDefault();
              change((s) => ({ ...s, documentIds: s.documentIds.filter((id) => id !== d.id) }));
            }}>{d.title || d.fileName}</Tag>
          ))}
          {row.status !== 'notApplicable' && (
            <Select
              aria-label={`为“${material.name}”附加文件`} placeholder="附加文件…" style={{ minWidth: 220 }} value={null}
              showSearch optionFilterProp="label"
              options={documents.filter((d) => !attachedIds.has(d.id)).map((d) => ({ value: d.id, label: `${d.kind}：${d.title || d.fileName}` }))}
              onChange={(id: string | null) => {
                if (id) change((s) => ({ ...s, documentIds: [...s.documentIds, id] }));
              }}
            />
          )}
        </Space>
        {row.suggested.length > 0 && row.status !== 'notApplicable' && (
          <Space wrap>
            <Typography.Text type="secondary">按类型匹配的文件：</Typography.Text>
            {row.suggested.map((d) => (
              <Button key={d.id} size="small" onClick={() => change((s) => ({ ...s, documentIds: [...s.documentIds, d.id] }))}>附加“{d.title || d.fileName}”</Button>
            ))}
          </Space>
        )}
        {row.checks.map((c) => (
          <Typography.Text key={c.text} type={c.isPassed === true ? 'success' : c.isPassed === false ? 'danger' : 'warning'}>
            {c.isPassed === true ? '✔ ' : c.isPassed === false ? '✘ ' : '？'}{c.text}
          </Typography.Text>
        ))}
        {row.warnings.map((w) => <Typography.Text key={w} type="warning">{w}</Typography.Text>)}
        {row.notApplicableReason !== '' && <Typography.Text type="secondary">{row.notApplicableReason}</Typography.Text>}
        <Space wrap>
          {material.needsSignatureAndSeal && (
            <Checkbox checked={row.state.isSigned} onChange={(e) => change((s) => ({ ...s, isSigned: e.target.checked }))}>已签字盖章</Checkbox>
          )}
          <Checkbox checked={row.state.isNotApplicable} onChange={(e) => change((s) => ({ ...s, isNotApplicable: e.target.checked }))}>本次不适用</Checkbox>
        </Space>
      </Space>
    </Card>
  );
}

function ExportButtons({ checklist, companyName, item, date }: { readonly checklist: Checklist; readonly companyName: string; readonly item: PolicyItem; readonly date: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const run = (kind: 'pdf' | 'xlsx') => {
    setBusy(kind);
    const table = checklistTable(checklist, companyName, item.title, date);
    const job = runPdfJob<{ bytes: Uint8Array }>({ type: kind === 'pdf' ? 'checklistPdf' : 'checklistXlsx', table });
    void job.promise.then(async (result) => {
      setBusy(null);
      if (!result.ok) {
        void message.error(result.error.message);
        return;
      }
      const name = `${companyName}-${item.title}-材料清单.${kind}`;
      await platform.saveFile(name, result.value.bytes, [{ name: kind === 'pdf' ? 'PDF 文档' : 'Excel 工作簿', extensions: [kind] }]);
    });
  };
  return (
    <Space>
      <Button loading={busy === 'pdf'} onClick={() => run('pdf')}>导出清单 PDF</Button>
      <Button loading={busy === 'xlsx'} onClick={() => run('xlsx')}>导出清单 Excel</Button>
    </Space>
  );
}

export function ChecklistTab({ record, context }: { readonly record: CompanyRecord; readonly context: ChecklistContext }) {
  const repositories = useRepositories();
  const { item, checklist, documents, date, state } = context;
  const { message } = App.useApp();
  if (item === null) return <Alert type="info" showIcon title="请先在上方选择申请事项" />;
  if (checklist === null) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Text>申报日：</Typography.Text>
        <DateInput aria-label="申报日" value={state?.submissionDate ?? date} onChange={(value) => {
          repositories.setSubmissionDate(record.company.id, item.id, value).catch((e: unknown) => void message.error(errorMessage(e)));
        }} />
        <Typography.Text type="secondary">有效期和劳动合同按申报日核验</Typography.Text>
        <ExportButtons checklist={checklist} companyName={record.company.name} item={item} date={date} />
      </Space>
      <div aria-label="完成度">
        <Typography.Text strong>完成度：{checklist.completeCount}/{checklist.applicableCount}</Typography.Text>
        <Progress percent={checklist.percent} status={checklist.percent === 100 ? 'success' : 'active'} />
      </div>
      <List
        dataSource={[...checklist.rows]} rowKey={(r) => r.material.id}
        renderItem={(row, index) => (
          <List.Item style={{ display: 'block', border: 'none', padding: '4px 0' }}>
            <MaterialCard row={row} index={index} item={item} companyId={record.company.id} documents={documents} />
          </List.Item>
        )}
      />
    </Space>
  );
}
