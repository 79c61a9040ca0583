import { App, Alert, Button, Checkbox, Divider, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { localIsoDate } from '../../../shared/domain/isoDate';
import type { AcroFieldInfo, AcroFormListing, AcroFormMapping, FieldMapping, FillProblem, FillResult } from '../../../shared/pdf/acroForm';
import { crampedFieldText, crampedWarning, type CrampedField } from '../../../shared/pdf/fieldFit';
import { collectFormFacts, FORM_FACTS, formDraftFactKey } from '../../../shared/pdf/formFacts';
import { inspectTemplate, type FormTemplate, type TemplateValues } from '../../../shared/pdf/formTemplates';
import { CRAMPED_SMALLEST_SIZE } from '../../../shared/pdf/textLayout';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import { platform } from '../../platform/platform';
import { useRepositories } from '../../storage/repositories';
import { hexOf } from './fileInspection';
import type { TemplatesState } from './filingsData';
import type { WorkerJob } from './packetWorker';
import { identityKey, runPdfJob, usePdfCheck } from './pdfJobs';
import { failureMessage } from '../../components/failureDialog';

/**
 * Values that would print below 8 pt, named before anything is generated. Kept apart from the
 * list of fields left unfilled: a too-long value is filled, just too small to read.
 */
export function CrampedWarning({ fields, smallestSize, note }: { readonly fields: readonly CrampedField[] | null; readonly smallestSize?: number; readonly note: string }) {
  if (fields === null || fields.length === 0) return null;
  return <Alert type="warning" showIcon aria-label="内容过长的字段" title={crampedWarning(fields, smallestSize)} description={note} />;
}

const FACT_OPTIONS = FORM_FACTS.map((f) => ({ value: f.key, label: `${f.group}：${f.label}` }));

function TemplateForm({ record, templates, item, values, onValues }: {
  readonly record: CompanyRecord;
  readonly templates: TemplatesState;
  readonly item: PolicyItem | null;
  readonly values: Readonly<Record<string, TemplateValues>>;
  readonly onValues: (templateId: string, values: TemplateValues) => void;
}) {
  const { message } = App.useApp();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const today = localIsoDate(new Date());
  const list = templates.status === 'ready' ? [...templates.templates.values()] : [];
  const chosen = list.find((t) => t.id === templateId) ?? list.find((t) => item !== null && t.usedFor.some((u) => u.material.startsWith(`${item.id}#`))) ?? null;
  const facts = useMemo(() => collectFormFacts(record, { today, applicationTitle: item?.title, authority: item?.authority }), [record, today, item]);
  const own = chosen ? (values[chosen.id] ?? {}) : {};
  const implied = chosen && item ? chosen.usedFor.find((u) => u.material.startsWith(`${item.id}#`))?.values ?? {} : {};
  const formValues = { ...implied, ...own };
  const fitJob: WorkerJob | null = chosen && {
    type: 'formFit', template: chosen, record, today, values: formValues, applicationTitle: item?.title ?? '', authority: item?.authority ?? '',
  };
  const cramped = usePdfCheck<CrampedField[]>(fitJob, JSON.stringify([chosen?.id, formValues, identityKey(record), today, item?.id]));
  if (templates.status === 'failed') return <Alert type="error" showIcon title={templates.message} />;
  if (chosen === null) return <Select aria-label="表单模板" placeholder="选择表单模板" style={{ width: 420 }} options={list.map((t) => ({ value: t.id, label: t.title }))} onChange={setTemplateId} />;
  const inspected = inspectTemplate(chosen, facts, formValues);
  const generate = () => {
    setIsBusy(true);
    const job = runPdfJob<{ bytes: Uint8Array; unfilled: string[] }>({
      type: 'form', template: chosen, record, today, values: formValues, storeId: null, applicationTitle: item?.title ?? '', authority: item?.authority ?? '',
    });
    void job.promise.then(async (result) => {
      setIsBusy(false);
      if (!result.ok) {
        void message.error(failureMessage(result.error));
        return;
      }
      await platform.saveFile(`${record.company.name}-${chosen.title}.pdf`, result.value.bytes, [{ name: 'PDF 文档', extensions: ['pdf'] }]);
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="表单模板" style={{ width: 420 }} value={chosen.id} options={list.map((t) => ({ value: t.id, label: t.title }))} onChange={setTemplateId} />
        <Button type="primary" loading={isBusy} onClick={generate}>生成 PDF</Button>
      </Space>
      <Typography.Text type="secondary">{chosen.notice}</Typography.Text>
      {inspected.unfilled.length > 0 && <Alert type="warning" showIcon title={`还有 ${inspected.unfilled.length} 项需要填写（黄色标出）；未填写的项目在生成的表格中留空`} />}
      <CrampedWarning fields={cramped} smallestSize={CRAMPED_SMALLEST_SIZE} note="生成的表格中这些内容仍以 8 磅打印，所在栏随内容加高。" />
      <Table
        size="small" pagination={false} rowKey="id" dataSource={inspected.fields}
        rowClassName={() => ''}
        columns={[
          { title: '项目', width: 220, render: (_, f) => <span>{f.label}{f.isOptional ? <Typography.Text type="secondary">（选填）</Typography.Text> : null}</span> },
          { title: '来源', width: 110, render: (_, f) => <Tag color={f.source === 'fact' ? 'blue' : f.source === 'user' ? 'green' : 'gold'}>{f.source === 'fact' ? '企业资料' : f.source === 'user' ? '手工填写' : '待填写'}</Tag> },
          { title: '内容', render: (_, f) => {
            if (f.kind === 'list') return `${f.value} 行（来自企业资料）`;
            // Also beside the box: the officer typing near the bottom of the table sees it there.
            const tooLong = cramped?.find((c) => c.field === f.id);
            return (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Input
                  aria-label={f.label} value={own[f.id] ?? f.value} status={tooLong ? 'warning' : undefined}
                  style={!f.isFilled && !f.isOptional ? { background: '#fff1b8' } : undefined}
                  onChange={(e) => onValues(chosen.id, { ...own, [f.id]: e.target.value })}
                />
                {tooLong && <Typography.Text type="warning">内容过长：{crampedFieldText(tooLong, CRAMPED_SMALLEST_SIZE)}，将以 8 磅打印，所在栏加高</Typography.Text>}
              </Space>
            );
          } },
        ]}
      />
    </Space>
  );
}

async function formKey(listing: AcroFormListing): Promise<string> {
  const names = listing.fields.map((f) => f.name).sort().join('\n');
  return `acroform:${hexOf(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(names)))}`;
}

const EMPTY_FACTS = { values: new Map<string, string>(), lists: new Map() };

/** Mapping choices: the company's facts, then every field typed into one of its form drafts. */
function factOptions(templates: TemplatesState, drafts: Readonly<Record<string, TemplateValues>>): { value: string; label: string }[] {
  const list = templates.status === 'ready' ? templates.templates : new Map<string, FormTemplate>();
  const typed = Object.entries(drafts).flatMap(([templateId, fields]) => {
    const template = list.get(templateId);
    return Object.keys(fields).map((fieldId) => {
      const label = template ? (inspectTemplate(template, EMPTY_FACTS).fields.find((f) => f.id === fieldId)?.label ?? fieldId) : fieldId;
      return { value: formDraftFactKey(templateId, fieldId), label: `表单填写（${template?.title ?? templateId}）：${label}` };
    });
  });
  return [...FACT_OPTIONS, ...typed];
}

function AcroFormFiller({ record, templates, drafts }: {
  readonly record: CompanyRecord;
  readonly templates: TemplatesState;
  readonly drafts: Readonly<Record<string, TemplateValues>>;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const options = useMemo(() => factOptions(templates, drafts), [templates, drafts]);
  const inputRef = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<{ readonly name: string; readonly bytes: Uint8Array; readonly listing: AcroFormListing; readonly key: string } | null>(null);
  const [mapping, setMapping] = useState<Record<string, FieldMapping>>({});
  const [isFlattened, setIsFlattened] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filled, setFilled] = useState<FillResult | null>(null);
  const today = localIsoDate(new Date());
  const fitJob: WorkerJob | null = loaded && Object.keys(mapping).length > 0
    ? { type: 'acroFit', fileName: loaded.name, bytes: loaded.bytes, mapping: { fields: mapping }, record, today, drafts }
    : null;
  const cramped = usePdfCheck<CrampedField[]>(fitJob, JSON.stringify([loaded?.key, mapping, identityKey(record), identityKey(drafts), today]));
  // Problems of fields left as they were, and notes on fields filled (cut to their maximum length).
  const unfilled = filled ? filled.problems.filter((p) => !filled.filled.includes(p.field)) : [];
  const notes = filled ? filled.problems.filter((p) => filled.filled.includes(p.field) && !filled.cramped.some((c) => c.field === p.field)) : [];
  const problemText = (p: FillProblem) => `${p.field}：${p.message}`;

  const open = async (file: File) => {
    setError(null);
    setFilled(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await runPdfJob<AcroFormListing>({ type: 'acroList', fileName: file.name, bytes: bytes.slice() }).promise;
    if (!result.ok) {
      setError(failureMessage(result.error));
      return;
    }
    if (result.value.fields.length === 0) {
      setError(`文件“${file.name}”没有可填写的表单字段（不是可填写 PDF）。`);
      return;
    }
    const key = await formKey(result.value);
    const saved = await repositories.getFormMapping(key);
    setMapping(saved ? { ...saved.mapping.fields } : {});
    setLoaded({ name: file.name, bytes, listing: result.value, key });
    if (saved) void message.info(`已套用上次为“${saved.name}”保存的字段对应关系`);
  };

  const fill = async () => {
    if (!loaded) return;
    const full: AcroFormMapping = { fields: mapping };
    await repositories.saveFormMapping({ id: loaded.key, name: loaded.name, mapping: full, updatedAt: new Date().toISOString() });
    const result = await runPdfJob<FillResult>({ type: 'acroFill', fileName: loaded.name, bytes: loaded.bytes.slice(), mapping: full, record, today, isFlattened, drafts }).promise;
    if (!result.ok) {
      setError(failureMessage(result.error));
      return;
    }
    setFilled(result.value);
    await platform.saveFile(loaded.name.replace(/\.pdf$/i, '') + '（已填写）.pdf', result.value.bytes, [{ name: 'PDF 文档', extensions: ['pdf'] }]);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button onClick={() => inputRef.current?.click()}>上传官方可填写 PDF</Button>
        <input ref={inputRef} type="file" accept=".pdf" aria-label="选择可填写 PDF" style={{ display: 'none' }} onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }} />
        {loaded && <Typography.Text>{loaded.name}：{loaded.listing.fields.length} 个字段{loaded.listing.hasXfa ? '（含 XFA 表单，仅填写 AcroForm 部分）' : ''}</Typography.Text>}
      </Space>
      {error !== null && <Alert type="error" showIcon title={error} />}
      {loaded && (
        <>
          <Table<AcroFieldInfo>
            size="small" rowKey="name" dataSource={[...loaded.listing.fields]} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '字段', render: (_, f) => <span>{f.label} <Typography.Text type="secondary">（第 {f.page ?? '?'} 页，{f.kind}）</Typography.Text></span> },
              { title: '对应企业资料', render: (_, f) => {
                const m = mapping[f.name];
                const fact = typeof m === 'string' ? m : m?.fact;
                return (
                  <Select allowClear showSearch optionFilterProp="label" style={{ width: 320 }} aria-label={`字段 ${f.label} 的对应资料`} value={fact ?? null} options={options}
                    disabled={f.isReadOnly || f.kind === 'button' || f.kind === 'signature'}
                    onChange={(v: string | null) => setMapping((all) => {
                      const next = { ...all };
                      if (v) next[f.name] = v;
                      else delete next[f.name];
                      return next;
                    })} />
                );
              } },
            ]}
          />
          <CrampedWarning fields={cramped ?? filled?.cramped ?? null} note="填写时这些字段的字号会缩小（最小 6 磅），打印后难以辨认。" />
          <Space>
            <Checkbox checked={isFlattened} onChange={(e) => setIsFlattened(e.target.checked)}>填写后拼合（不可再编辑）</Checkbox>
            <Button type="primary" onClick={() => void fill()}>保存对应关系并填写</Button>
          </Space>
          {unfilled.length > 0 && <Alert type="warning" showIcon title="以下字段未填写" description={<ul>{unfilled.map((p) => <li key={p.field}>{problemText(p)}</li>)}</ul>} />}
          {notes.length > 0 && <Alert type="info" showIcon title="以下字段已填写，请核对" description={<ul>{notes.map((p) => <li key={p.field}>{problemText(p)}</li>)}</ul>} />}
        </>
      )}
    </Space>
  );
}

export function FormsTab(props: {
  readonly record: CompanyRecord;
  readonly templates: TemplatesState;
  readonly item: PolicyItem | null;
  readonly values: Readonly<Record<string, TemplateValues>>;
  readonly onValues: (templateId: string, values: TemplateValues) => void;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>按模板填写</Typography.Title>
      <TemplateForm {...props} />
      <Divider />
      <Typography.Title level={5}>官方可填写 PDF（AcroForm）</Typography.Title>
      <AcroFormFiller record={props.record} templates={props.templates} drafts={props.values} />
    </Space>
  );
}
