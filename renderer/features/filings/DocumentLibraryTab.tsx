import { App, Alert, Button, Drawer, Flex, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { DOCUMENT_KIND_NAMES } from '../../../shared/ocr/fields';
import { FormDateInput } from '../../components/DateInput';
import { dateAfterFieldRule, validDateRule } from '../../components/fieldRules';
import { FileSearchOutlined } from '../../components/icons';
import { PrintButton, PrintHeading, usePrinting } from '../../components/printing';
import { useUndoableDelete } from '../../components/useUndoableDelete';
import { platform } from '../../platform/platform';
import { type StoredDocument } from '../../storage/documentRepository';
import { newId } from '../../storage/newId';
import { useHistoryDrawer } from '../history/useHistoryDrawer';
import { RecognizeScanDialog } from '../recognition/RecognizeScanDialog';
import type { ReviewedScan } from '../recognition/RecognitionReview';
import { DOCUMENT_KINDS, subjectKindLabel, validityOn, VALIDITY_LABELS, type ValidityState } from './documentKinds';
import { checkPickedFile, type CheckedFile } from './fileImport';
import { useDocuments } from './filingsData';
import { RecognisedFacts } from './RecognisedFactsPanel';
import { documentFill, factPlan, LIBRARY_TARGETS, recognitionKindOf } from './libraryRecognition';
import { addRecognisedDocument, updateRecognisedDocument, type LibraryRecognised } from './libraryRecognitionWrite';
import { errorMessage, failureMessage } from '../../components/failureDialog';
import { useRepositories } from '../../storage/repositories';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const VALIDITY_COLORS: Readonly<Record<ValidityState, string>> = { none: 'default', notYetValid: 'blue', valid: 'green', expiringSoon: 'orange', expired: 'red' };

interface PendingFile {
  /** Keys its dialog, so a review of one upload never carries over to the next. */
  readonly id: string;
  readonly file: File;
  readonly checked: CheckedFile;
}

interface SubjectOption {
  readonly value: string;
  readonly label: string;
}

function subjectOptions(record: CompanyRecord): SubjectOption[] {
  return [
    ...record.people.map((p) => ({ value: `person:${p.id}`, label: `人员：${p.name}（${p.roles.join('、') || '未填岗位'}）` })),
    ...record.stores.map((s) => ({ value: `store:${s.id}`, label: `门店/场所：${s.name}` })),
    ...record.vehicles.map((v) => ({ value: `vehicle:${v.id}`, label: `车辆：${v.plate}` })),
    ...record.licences.map((l) => ({ value: `licence:${l.id}`, label: `证照：${l.kind} ${l.number}` })),
  ];
}

function subjectLabel(record: CompanyRecord, subject: CompanyDocument['subject']): string {
  if (subject === null) return '企业';
  const option = subjectOptions(record).find((o) => o.value === `${subject.kind}:${subject.id}`);
  return option?.label ?? `${subjectKindLabel(subject.kind)}（已删除）`;
}

/** A first guess of the kind from the file name ("营业执照.pdf" → 营业执照). */
function guessKind(fileName: string): string {
  return DOCUMENT_KINDS.find((k) => k !== '其他' && fileName.includes(k.replace(/复印件$/, ''))) ?? '';
}

interface MetadataValues {
  kind: string;
  title: string;
  number: string;
  issuer: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  subject: string | undefined;
}

function sizeText(size: number): string {
  if (size < 1024) return `${size} 字节`;
  return size < 1024 * 1024 ? `${(size / 1024).toFixed(0)} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`;
}

function toSubject(value: string | undefined): CompanyDocument['subject'] {
  if (!value) return null;
  const [kind, ...rest] = value.split(':');
  if (kind !== 'person' && kind !== 'store' && kind !== 'vehicle' && kind !== 'licence') return null;
  return { kind, id: rest.join(':') };
}

function MetadataModal({ record, title, initial, fileName, mimeType, loadScan, onCancel, onSave }: {
  readonly record: CompanyRecord;
  readonly title: string;
  readonly initial: MetadataValues;
  readonly fileName: string;
  readonly mimeType: string;
  /** The file's bytes for 识别并核对 (null: only metadata is stored). */
  readonly loadScan: () => Promise<Uint8Array | null>;
  readonly onCancel: () => void;
  readonly onSave: (values: MetadataValues, recognised: LibraryRecognised | null) => Promise<void>;
}) {
  const [form] = Form.useForm<MetadataValues>();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const scanKind = recognitionKindOf(kind, mimeType);
  const [scan, setScan] = useState<ReviewedScan | null>(null);
  const [recognised, setRecognised] = useState<LibraryRecognised | null>(null);
  // A review of another kind no longer applies once 材料类型 changes.
  const active = recognised !== null && recognised.kind === scanKind ? recognised : null;

  const startRecognition = async () => {
    setError(null);
    try {
      const bytes = await loadScan();
      if (bytes === null) setError('此材料没有文件，无法识别');
      else setScan({ name: fileName, bytes });
    } catch (e) {
      setError(errorMessage(e, { reason: '无法读取此文件' }));
    }
  };

  const formBody = (
    <Form form={form} layout="vertical" initialValues={initial}>
      <Form.Item name="kind" label="材料类型" rules={[{ required: true, message: '请选择或填写材料类型' }]}>
        <Select showSearch options={DOCUMENT_KINDS.map((k) => ({ value: k, label: k }))} placeholder="如 营业执照、劳动合同" />
      </Form.Item>
      <Form.Item name="title" label="名称"><Input maxLength={200} placeholder="如 营业执照（副本）" /></Form.Item>
      <Space wrap>
        <Form.Item name="number" label="证号/编号"><Input maxLength={100} style={{ width: 240 }} /></Form.Item>
        <Form.Item name="issuer" label="发证机关"><Input maxLength={100} style={{ width: 260 }} /></Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="validFrom" label="有效期起" rules={[validDateRule('有效期起')]}><FormDateInput aria-label="有效期起" /></Form.Item>
        <Form.Item name="validTo" label="有效期至" extra="长期有效请留空" dependencies={['validFrom']}
          rules={[validDateRule('有效期至'), dateAfterFieldRule('validFrom', '有效期至应晚于有效期起')]}><FormDateInput aria-label="有效期至" /></Form.Item>
      </Space>
      <Form.Item name="subject" label="归属（人员、车辆、门店或证照）">
        <Select allowClear showSearch optionFilterProp="label" options={subjectOptions(record)} placeholder="属于企业本身时留空" />
      </Form.Item>
    </Form>
  );

  return (
    <Modal
      open title={title} okText="保存" cancelText="取消" confirmLoading={isSaving} onCancel={onCancel} destroyOnHidden width={active !== null ? 1140 : 620}
      onOk={() => {
        void form.validateFields().then(async (values) => {
          setIsSaving(true);
          setError(null);
          try {
            await onSave(values, active);
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setIsSaving(false);
          }
        }, (failed: { errorFields?: readonly { name: (string | number)[] }[] }) => {
          // A tall dialog: bring the first refused field into view.
          const first = failed.errorFields?.[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        });
      }}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 } }}
    >
      <Typography.Paragraph type="secondary">文件：{fileName}</Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {scanKind !== null && active === null && (
        <Alert
          type="info" showIcon style={{ marginBottom: 12 }}
          title={`可识别此${DOCUMENT_KIND_NAMES[scanKind]}扫描件，核对后填入证号、有效期，并与已登记的信息比对`}
          action={<Button size="small" icon={<FileSearchOutlined />} onClick={() => void startRecognition()}>识别并核对</Button>}
        />
      )}
      {active === null ? formBody : (
        <Flex gap={24} align="start">
          <div style={{ flex: '0 0 540px', minWidth: 0 }}>{formBody}</div>
          <div style={{ flex: '1 1 0', minWidth: 0 }}>
            <RecognisedFacts recognised={active} onTick={(ticked) => setRecognised({ ...active, ticked })} />
          </div>
        </Flex>
      )}
      {scan !== null && scanKind !== null && (
        <RecognizeScanDialog
          kind={scanKind}
          title={`识别并核对：${fileName}`}
          targets={LIBRARY_TARGETS[scanKind]}
          initialScan={scan}
          onClose={() => setScan(null)}
          onConfirm={({ values, note }) => {
            const fill = documentFill(scanKind, values, record);
            form.setFieldsValue(fill.patch);
            const plan = factPlan(scanKind, values, record);
            setRecognised({ kind: scanKind, note, plan, fillNotes: fill.notes, ticked: new Set(plan.diffs.map((d) => d.key)) });
          }}
        />
      )}
    </Modal>
  );
}

function PreviewDrawer({ document, onClose }: { readonly document: StoredDocument; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const [url, setUrl] = useState<string | null>(null);
  const [isMissing, setIsMissing] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let isCurrent = true;
    void repositories.getDocumentBlob(document.id).then((blob) => {
      if (!isCurrent) return;
      if (!blob) {
        setIsMissing(true);
        return;
      }
      objectUrl = URL.createObjectURL(new Blob([blob], { type: document.mimeType }));
      setUrl(objectUrl);
    });
    return () => {
      isCurrent = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [repositories, document.id, document.mimeType]);
  const isImage = document.mimeType.startsWith('image/');
  const isPdf = document.mimeType === 'application/pdf';
  return (
    <Drawer open title={`预览：${document.title || document.fileName}`} size="large" onClose={onClose}>
      {isMissing && <Alert type="warning" showIcon title="此材料只有登记信息，没有文件（从工作区文件导入时未带文件）。" />}
      {url !== null && isImage && <img src={url} alt={document.title || document.fileName} style={{ maxWidth: '100%', border: '1px solid #eee' }} />}
      {url !== null && isPdf && <iframe title={`PDF 预览：${document.fileName}`} src={url} style={{ width: '100%', height: '80vh', border: '1px solid #eee' }} />}
      {url !== null && !isImage && !isPdf && <Alert type="info" showIcon title="此类文件（Word、Excel）作为附件保存，不能在应用内预览，请另存后用相应软件打开。" />}
    </Drawer>
  );
}

export function DocumentLibraryTab({ record }: { readonly record: CompanyRecord }) {
  const repositories = useRepositories();
  const companyId = record.company.id;
  const { message, modal } = App.useApp();
  const removeWithUndo = useUndoableDelete();
  const isPrinting = usePrinting();
  const documents = useDocuments(companyId);
  const history = useHistoryDrawer(record);
  const inputRef = useRef<HTMLInputElement>(null);
  const [pendingList, setPendingList] = useState<readonly PendingFile[]>([]);
  const [progress, setProgress] = useState<{ readonly name: string; readonly percent: number } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<StoredDocument | null>(null);
  const [previewing, setPreviewing] = useState<StoredDocument | null>(null);
  const [kindFilter, setKindFilter] = useState<string | null>(null);
  const [subjectFilter, setSubjectFilter] = useState<string | null>(null);
  const [validityFilter, setValidityFilter] = useState<ValidityState | null>(null);
  const today = localIsoDate(new Date());

  // Files are checked one at a time with progress; each that passes then asks for its metadata in turn.
  const checkFiles = async (files: readonly File[]) => {
    for (const file of files) {
      setProgress({ name: file.name, percent: 0 });
      const result = await checkPickedFile(file, (read, total) => setProgress({ name: file.name, percent: Math.floor((read / total) * 100) }));
      if (result.ok) setPendingList((list) => [...list, { id: newId(), file, checked: result.value }]);
      else setErrors((list) => [...list, failureMessage(result.error)]);
    }
    setProgress(null);
  };
  const pending = pendingList[0] ?? null;
  const dropPending = () => setPendingList((list) => list.slice(1));

  const filtered = useMemo(() => (documents ?? []).filter((d) =>
    (kindFilter === null || d.kind === kindFilter) &&
    (subjectFilter === null || (subjectFilter === 'company' ? d.subject === null : `${d.subject?.kind}:${d.subject?.id}` === subjectFilter)) &&
    (validityFilter === null || validityOn(d, today) === validityFilter)), [documents, kindFilter, subjectFilter, validityFilter, today]);

  const updatedText = (recognised: LibraryRecognised | null, updated: boolean) =>
    (updated && recognised?.plan.target ? `，并更新了${recognised.plan.target.label}` : '');

  const saveNew = async (values: MetadataValues, recognised: LibraryRecognised | null) => {
    if (!pending) return;
    const { file, checked } = pending;
    const document: CompanyDocument = {
      id: newId(), companyId, kind: values.kind, title: values.title.trim(), fileName: file.name, mimeType: checked.mimeType, size: file.size,
      sha256: checked.sha256, number: values.number.trim(), issuer: values.issuer.trim(), validFrom: values.validFrom, validTo: values.validTo,
      subject: toSubject(values.subject),
    };
    const duplicate = documents?.find((d) => d.sha256 === checked.sha256);
    let updated = false;
    if (recognised === null) {
      await repositories.addDocument(document, file);
    } else {
      updated = (await addRecognisedDocument(repositories, record, recognised, document, file)) !== null;
    }
    dropPending();
    void message.success(`${duplicate ? `已保存“${file.name}”（与“${duplicate.fileName}”内容相同）` : `已保存“${file.name}”`}${updatedText(recognised, updated)}`);
  };

  const saveEdit = async (values: MetadataValues, recognised: LibraryRecognised | null) => {
    if (!editing) return;
    const document: CompanyDocument = {
      ...editing, kind: values.kind, title: values.title.trim(), number: values.number.trim(), issuer: values.issuer.trim(),
      validFrom: values.validFrom, validTo: values.validTo, subject: toSubject(values.subject),
    };
    const updated = recognised === null
      ? (await repositories.updateDocumentMetadata(document), false)
      : (await updateRecognisedDocument(repositories, record, recognised, document)) !== null;
    setEditing(null);
    if (updated) void message.success(`已保存材料信息${updatedText(recognised, updated)}`);
  };

  const loadStored = (document: StoredDocument) => async (): Promise<Uint8Array | null> => {
    const blob = await repositories.getDocumentBlob(document.id);
    return blob === null ? null : new Uint8Array(await blob.arrayBuffer());
  };

  const saveCopy = async (document: StoredDocument) => {
    const blob = await repositories.getDocumentBlob(document.id);
    if (!blob) {
      void message.warning('此材料没有文件');
      return;
    }
    const ext = document.fileName.slice(document.fileName.lastIndexOf('.') + 1);
    await platform.saveFile(document.fileName, blob, [{ name: document.kind, extensions: [ext] }]);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button type="primary" onClick={() => inputRef.current?.click()}>上传文件</Button>
        <input
          ref={inputRef} type="file" multiple accept={ACCEPT} aria-label="选择要上传的文件" style={{ display: 'none' }}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            setErrors([]);
            void checkFiles(files);
          }}
        />
        <Select allowClear placeholder="按类型筛选" style={{ width: 180 }} value={kindFilter} onChange={(v) => setKindFilter(v ?? null)}
          options={[...new Set((documents ?? []).map((d) => d.kind))].map((k) => ({ value: k, label: k }))} aria-label="按类型筛选" />
        <Select allowClear placeholder="按归属筛选" style={{ width: 240 }} value={subjectFilter} onChange={(v) => setSubjectFilter(v ?? null)}
          options={[{ value: 'company', label: '企业' }, ...subjectOptions(record)]} aria-label="按归属筛选" />
        <Select allowClear placeholder="按有效期筛选" style={{ width: 160 }} value={validityFilter} onChange={(v) => setValidityFilter(v ?? null)}
          options={(Object.keys(VALIDITY_LABELS) as ValidityState[]).map((k) => ({ value: k, label: VALIDITY_LABELS[k] }))} aria-label="按有效期筛选" />
        <PrintButton />
        <Typography.Text type="secondary">支持 PDF、JPG、PNG（可合并入材料包）；DOCX、XLSX 作为附件保存。单个文件不超过 200 MB。</Typography.Text>
      </Space>
      <PrintHeading title="文件库" companyName={record.company.name} detail={`${filtered.length} 份材料`} />
      {progress !== null && (
        <div role="status" aria-label="文件读取进度">
          <Typography.Text>正在检查“{progress.name}”…</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      {errors.length > 0 && (
        <Alert
          type="error" showIcon closable onClose={() => setErrors([])} title="以下文件未能添加（已保存的材料没有任何改动）"
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
        />
      )}
      <Table<StoredDocument>
        rowKey="id" size="small" tableLayout="fixed" loading={documents === undefined} dataSource={filtered} pagination={isPrinting ? false : { pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无材料：点击“上传文件”添加营业执照、许可证、劳动合同等' }}
        // Fits 1280×800 without a horizontal scrollbar: name and file share a column, as do number
        // and issuer, and the dates wrap, so 状态, 归属 and the actions stay in view.
        columns={[
          { title: '类型', dataIndex: 'kind', width: 110, ellipsis: true },
          { title: '名称 / 文件', render: (_, d) => (
            <Space orientation="vertical" size={0} style={{ minWidth: 0, maxWidth: '100%' }}>
              <Typography.Text ellipsis={{ tooltip: d.title || d.fileName }}>{d.title || d.fileName}</Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: d.fileName }}>{d.fileName}（{sizeText(d.size)}）{d.hasFile ? '' : ' 无文件'}</Typography.Text>
            </Space>
          ) },
          { title: '证号 / 发证机关', width: 160, render: (_, d) => (
            <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
              <Typography.Text ellipsis={{ tooltip: d.number }}>{d.number || '—'}</Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: d.issuer }}>{d.issuer}</Typography.Text>
            </Space>
          ) },
          { title: '有效期', width: 110, render: (_, d) => <span>{d.validFrom ?? '—'}<br />至 {d.validTo ?? '长期'}</span> },
          { title: '状态', width: 84, render: (_, d) => { const v = validityOn(d, today); return <Tag color={VALIDITY_COLORS[v]}>{VALIDITY_LABELS[v]}</Tag>; } },
          { title: '归属', width: 120, ellipsis: true, render: (_, d) => subjectLabel(record, d.subject) },
          {
            title: '操作', width: 172, render: (_, d) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setPreviewing(d)}>预览</Button>
                <Button type="link" size="small" onClick={() => setEditing(d)}>编辑</Button>
                <Button type="link" size="small" onClick={() => void saveCopy(d)}>另存</Button>
                <Button type="link" size="small" aria-label={`查看${d.title || d.fileName}的修改记录`}
                  onClick={() => history.open({ kind: 'record', table: 'documents', entityId: d.id, title: `修改记录：${d.title || d.fileName}` })}>修改记录</Button>
                <Button type="link" size="small" danger onClick={() => {
                  modal.confirm({
                  title: `删除“${d.title || d.fileName}”？`, content: '文件及其在申报清单中的附加记录将一并删除。', okText: '删除', okButtonProps: { danger: true }, cancelText: '取消',
                  onOk: () => {
                    void removeWithUndo(() => repositories.deleteDocumentForUndo(d.id, `材料“${d.title || d.fileName}”`));
                  },
                  });
                }}>删除</Button>
              </Space>
            ),
          },
        ]}
      />
      {pending !== null && (
        <MetadataModal
          key={pending.id}
          record={record} title="登记材料" fileName={pending.file.name} mimeType={pending.checked.mimeType} onCancel={dropPending} onSave={saveNew}
          loadScan={async () => new Uint8Array(await pending.file.arrayBuffer())}
          initial={{ kind: guessKind(pending.file.name), title: pending.file.name.replace(/\.[^.]+$/, ''), number: '', issuer: '', validFrom: null, validTo: null, subject: undefined }}
        />
      )}
      {editing !== null && (
        <MetadataModal
          record={record} title="编辑材料信息" fileName={editing.fileName} mimeType={editing.mimeType} onCancel={() => setEditing(null)} onSave={saveEdit}
          loadScan={loadStored(editing)}
          initial={{ kind: editing.kind, title: editing.title, number: editing.number, issuer: editing.issuer, validFrom: editing.validFrom, validTo: editing.validTo, subject: editing.subject ? `${editing.subject.kind}:${editing.subject.id}` : undefined }}
        />
      )}
      {previewing !== null && <PreviewDrawer document={previewing} onClose={() => setPreviewing(null)} />}
      {history.drawer}
    </Space>
  );
}
