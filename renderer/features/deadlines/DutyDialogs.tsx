import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type FormRule } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { DutyTracking, RecurringSchedule } from '../../../shared/deadlines/tracking';
import { HISTORY_ACTION_LABELS, type DutyHistoryRecord } from '../../../shared/deadlines/trackingRecords';
import { describeSubmissionDay } from '../../../shared/energy/submissions';
import { ChangeHistoryDrawer } from '../history/ChangeHistoryDrawer';
import { DateInput, FormDateInput } from '../../components/DateInput';
import { validDateRule } from '../../components/fieldRules';
import { checkPickedFile } from '../filings/fileImport';
import type { DutyRow } from './dutyModel';
import { dutyName, evidenceText, markDone, type MarkDoneValues, type PendingProof } from './dutyActions';
import { saveActorName, useActorName } from './reminderSettings';
import { errorMessage, failureMessage } from '../../components/failureDialog';
import { useRepositories, useStoredQuery } from '../../storage/repositories';

export type DutyDialogKind = 'markDone' | 'undoDone' | 'dueDate' | 'triggerDate' | 'assignee' | 'schedule' | 'history' | 'changes';

export interface DutyDialogState {
  readonly kind: DutyDialogKind;
  readonly row: DutyRow;
}

/** A small form dialog: validates, saves, shows a failure inside itself and keeps what was typed. */
function ActionModal<T extends object>({
  title, okText, initialValues, onSubmit, onClose, children, extraFooter, okDanger,
}: {
  readonly title: string;
  readonly okText: string;
  readonly initialValues: T;
  readonly onSubmit: (values: T) => Promise<string>;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly extraFooter?: ReactNode;
  readonly okDanger?: boolean;
}) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    try {
      await form.validateFields();
    } catch (e) {
      // A tall dialog: bring the first refused field into view.
      const first = (e as { errorFields?: readonly { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setIsSaving(true);
    setFailure(null);
    try {
      const done = await onSubmit(form.getFieldsValue(true) as T);
      void message.success(done);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      width={620}
      onCancel={onClose}
      mask={{ closable: false }}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 } }}
      footer={(
        <Space>
          {extraFooter}
          <Button onClick={onClose} disabled={isSaving}>取消</Button>
          <Button type="primary" danger={okDanger} loading={isSaving} onClick={() => void submit()}>{okText}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} requiredMark="optional">
        {children}
      </Form>
      {failure !== null && <Alert type="error" showIcon title={failure} />}
    </Modal>
  );
}

function DutyFacts({ row }: { readonly row: DutyRow }) {
  const { duty } = row;
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="企业">{row.companyName}</Descriptions.Item>
      <Descriptions.Item label="依据">{duty.basis.reference}</Descriptions.Item>
      <Descriptions.Item label="截止日期">
        {duty.dueText}
        {duty.isProvisional && <Tag color="orange" style={{ marginInlineStart: 8 }}>暂定</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}

const ACTOR_FIELD = (
  <Form.Item name="actor" label="记录人" extra="记入操作记录；留空记为“未署名”">
    <Input maxLength={100} placeholder="您的姓名" aria-label="记录人" />
  </Form.Item>
);

interface WithActor {
  readonly actor: string;
}

/** 上传新的证明文件: a form field holding the picked, checked file; a refused file is named where it was picked. */
function ProofUpload({ value, onChange }: { readonly value?: PendingProof | null; readonly onChange?: (value: PendingProof | null) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const pick = async (file: File) => {
    setProblem(null);
    setIsChecking(true);
    const result = await checkPickedFile(file);
    setIsChecking(false);
    if (!result.ok) {
      setProblem(failureMessage(result.error));
      return;
    }
    onChange?.({ file, checked: result.value });
  };
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Button loading={isChecking} onClick={() => inputRef.current?.click()}>{value ? '换一个文件…' : '上传新的证明文件…'}</Button>
        {value && <Tag closable onClose={(e) => {
          e.preventDefault();
          onChange?.(null);
        }}>{value.file.name}</Tag>}
      </Space>
      <input ref={inputRef} type="file" aria-label="选择证明文件" style={{ display: 'none' }} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void pick(file);
      }} />
      {problem !== null && <Typography.Text type="danger" role="alert">{problem}</Typography.Text>}
    </Space>
  );
}

/** Marking done needs evidence: a document picked from the document library, a new file, or a written description. */
function evidenceRequiredRule(message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => (typeof value === 'string' && value.trim() !== '') || getFieldValue('documentId') != null || getFieldValue('proof') != null
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
  });
}

function MarkDoneDialog({ row, today, onClose }: { readonly row: DutyRow; readonly today: IsoDate; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const documents = useStoredQuery((repositories) => repositories.listDocuments(row.companyId), [row.companyId]);
  return (
    <ActionModal<MarkDoneValues>
      title={`标记完成：${dutyName(row)}`}
      okText="确认完成"
      initialValues={{ doneOn: today, evidence: '', documentId: null, proof: null, actor }}
      onClose={onClose}
      onSubmit={(values) => markDone(repositories, { row, today, values, libraryDocuments: documents ?? [] })}
    >
      <DutyFacts row={row} />
      <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }, validDateRule('完成日期')]}>
        <FormDateInput aria-label="完成日期" />
      </Form.Item>
      <Form.Item name="proof" label="上传新的证明文件" extra="上传的文件存入本企业的文件库（材料与申报 › 文件库），并记在本事项的证明材料中">
        <ProofUpload />
      </Form.Item>
      <Form.Item
        name="documentId"
        label="证明文件（材料库）"
        extra={documents !== undefined && documents.length === 0 ? '本企业的材料库中还没有文件；可在“材料与申报”中添加，或在下方说明证明材料。' : '可选：选择材料库中的回执、证照或通知书'}
      >
        <Select<string>
          aria-label="证明文件"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不选择"
          loading={documents === undefined}
          options={(documents ?? []).map((d) => ({ value: d.id, label: `${d.kind}：${d.title.trim() || d.fileName}${d.hasFile ? '' : '（仅信息，无文件）'}` }))}
        />
      </Form.Item>
      <Form.Item
        name="evidence"
        label="证明材料说明"
        dependencies={['documentId', 'proof']}
        rules={[evidenceRequiredRule('请上传或选择证明文件，或填写证明材料说明（回执编号、存放位置等）')]}
        extra="如：备案回执编号、主管部门受理通知书、变更后的行驶证复印件（存放位置）等"
      >
        <Input.TextArea aria-label="证明材料" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1800} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

function UndoDoneDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const tracking = row.duty.tracking;
  return (
    <ActionModal<{ reason: string } & WithActor>
      title={`撤销完成：${dutyName(row)}`}
      okText="撤销完成"
      okDanger
      initialValues={{ reason: '', actor }}
      onClose={onClose}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        await repositories.undoDutyDone({ companyId: row.companyId, key: row.duty.key, dutyTitle: dutyName(row), actor: v.actor, reason: v.reason });
        return '已撤销完成，并记入操作记录';
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`原记录：${tracking?.doneOn ?? '—'} 完成，证明材料“${tracking?.evidence ?? ''}”`}
        description="撤销后该事项重新计为未完成（已过截止日期的显示为逾期）；原完成记录和本次撤销都保留在操作记录中，不可删除。"
      />
      <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, message: '请说明撤销完成的原因' }]}>
        <Input.TextArea aria-label="撤销原因" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

function DueDateDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  const clear = duty.isUserSetDate
    ? (
      <Button
        danger
        onClick={() => void repositories.setDutyDueDate({ companyId: row.companyId, key: duty.key, dutyTitle: dutyName(row), actor, date: null, note: '' }).then(onClose)}
      >
        清除填写的日期
      </Button>
    )
    : undefined;
  return (
    <ActionModal<{ date: IsoDate | null; note: string } & WithActor>
      title={`填写截止日期：${dutyName(row)}`}
      okText="保存"
      initialValues={{ date: duty.tracking?.userSetDueDate ?? null, note: duty.tracking?.note ?? '', actor }}
      onClose={onClose}
      extraFooter={clear}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        await repositories.setDutyDueDate({ companyId: row.companyId, key: duty.key, dutyTitle: dutyName(row), actor: v.actor, date: v.date, note: v.note });
        return '已保存截止日期';
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={duty.statedInText ? '按主管部门告知的日期（如批准的延期）跟踪' : '原文未规定具体日期，以主管部门通知为准'}
        description={duty.note === '' ? '填写后按该日期计算剩余天数和提醒；按规则计算的日期仍在说明中保留。' : `原文说明：${duty.note}`}
      />
      <Form.Item name="date" label="主管部门告知的截止日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DateInput aria-label="主管部门告知的截止日期" />
      </Form.Item>
      <Form.Item name="note" label="日期来源" rules={[{ required: true, whitespace: true, message: '请说明日期的来源' }]} extra="如：区交通委 2026-11-20 电话通知；平台公告">
        <Input maxLength={2000} aria-label="日期来源" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

function TriggerDateDialog({ row, today, onClose }: { readonly row: DutyRow; readonly today: IsoDate; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  return (
    <ActionModal<{ date: IsoDate | null; note: string } & WithActor>
      title={`填写触发日期：${dutyName(row)}`}
      okText="保存"
      initialValues={{ date: duty.tracking?.userSetTriggerDate ?? null, note: '', actor }}
      onClose={onClose}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        await repositories.setDutyTriggerDate({ companyId: row.companyId, key: duty.key, dutyTitle: dutyName(row), actor: v.actor, date: v.date, note: v.note, today });
        return v.date === null ? '已清除触发日期' : '已保存触发日期，截止日期已重新计算';
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`期限自“${duty.trigger.label}”起算`} description="企业记录中没有该日期；填写后按同一规则计算截止日期。若日期属于车辆、证照或人员，也可在企业资料中补充。" />
      <Form.Item name="date" label={duty.trigger.label}>
        <DateInput aria-label="触发日期" />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input maxLength={2000} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

function AssigneeDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  return (
    <ActionModal<{ assignee: string } & WithActor>
      title={`责任人：${dutyName(row)}`}
      okText="保存"
      initialValues={{ assignee: row.duty.tracking?.assignee ?? '', actor }}
      onClose={onClose}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        await repositories.setDutyAssignee({ companyId: row.companyId, key: row.duty.key, dutyTitle: dutyName(row), actor: v.actor, assignee: v.assignee });
        return '已保存责任人';
      }}
    >
      <Form.Item name="assignee" label="责任人">
        <Input maxLength={100} aria-label="责任人" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

const MONTH_OPTIONS = [
  { value: 0, label: '当期（本月）' },
  { value: 1, label: '次月' },
  { value: 2, label: '第三个月' },
  { value: 3, label: '第四个月' },
];

function ScheduleDialog({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const { duty } = row;
  return (
    <ActionModal<RecurringSchedule & { source: string } & WithActor>
      title={`设定报送日：${dutyName(row)}`}
      okText="保存"
      initialValues={{ monthsAfterPeriodStart: 1, dayOfMonth: 10, source: '', actor }}
      onClose={onClose}
      extraFooter={(
        <Button onClick={() => void repositories.setDutySchedule({ companyId: row.companyId, key: duty.scheduleKey, dutyTitle: duty.title, actor, schedule: null, source: '' }).then(onClose)}>
          清除报送日
        </Button>
      )}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        const schedule = { monthsAfterPeriodStart: v.monthsAfterPeriodStart, dayOfMonth: v.dayOfMonth };
        await repositories.setDutySchedule({ companyId: row.companyId, key: duty.scheduleKey, dutyTitle: duty.title, actor: v.actor, schedule, source: v.source });
        return `已设定报送日：每期${describeSubmissionDay(schedule)}`;
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="原文未规定每期的具体报送日，以主管部门或平台通知为准"
        description={`${duty.note === '' ? '' : `${duty.note} `}设定前各期显示为“待定”，不计逾期。设定一次，各期通用：每一期按该日计算，各期分别跟踪。`}
      />
      <Space size="large" align="start">
        <Form.Item name="monthsAfterPeriodStart" label="报送月份" rules={[{ required: true }]}>
          <Select options={MONTH_OPTIONS} style={{ width: 160 }} aria-label="报送月份" />
        </Form.Item>
        <Form.Item name="dayOfMonth" label="日（31 表示月末）" rules={[{ required: true, message: '请填写 1~31' }]}>
          <InputNumber min={1} max={31} precision={0} aria-label="报送日" />
        </Form.Item>
      </Space>
      <Form.Item name="source" label="依据" extra="如：节能监测服务平台通知“每月 10 日前报送上月数据”">
        <Input maxLength={300} aria-label="报送日依据" />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

function trackingSummary(t: DutyTracking | null): string {
  if (t === null) return '（无记录）';
  const parts = [
    t.isDone ? `已完成${t.doneOn === null ? '' : `（${t.doneOn}）`}` : '未完成',
    t.evidence === '' ? '' : `证明材料：${t.evidence}`,
    t.userSetDueDate === null ? '' : `截止日期：${t.userSetDueDate}`,
    t.userSetTriggerDate === null ? '' : `触发日期：${t.userSetTriggerDate}`,
    t.assignee === '' ? '' : `责任人：${t.assignee}`,
  ];
  return parts.filter((p) => p !== '').join('；');
}

function historyChange(h: DutyHistoryRecord): string {
  if (h.action === 'setSchedule' || h.action === 'clearSchedule') {
    const describe = (s: RecurringSchedule | null) => (s === null ? '未设定' : describeSubmissionDay(s));
    return `${describe(h.scheduleBefore)} → ${describe(h.scheduleAfter)}`;
  }
  return `${trackingSummary(h.before)} → ${trackingSummary(h.after)}`;
}

function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function HistoryDrawer({ row, onClose }: { readonly row: DutyRow; readonly onClose: () => void }) {
  const history = useStoredQuery((repositories) => repositories.listDutyHistory(row.companyId, [row.duty.key, row.duty.scheduleKey]), [row.companyId, row.duty.key, row.duty.scheduleKey]);
  return (
    <Drawer open title={`操作记录：${dutyName(row)}`} size="large" onClose={onClose}>
      <Typography.Paragraph type="secondary">操作记录只增不改：标记完成、撤销完成、填写日期等每次操作都留有记录，不能在此修改或删除。</Typography.Paragraph>
      {history !== undefined && history.length === 0 ? (
        <Empty description="尚无操作记录" />
      ) : (
        <Table<DutyHistoryRecord>
          size="small"
          rowKey="id"
          loading={history === undefined}
          dataSource={history ?? []}
          pagination={false}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: (_: unknown, h) => formatTimestamp(h.at) },
            { title: '操作', dataIndex: 'action', width: 110, render: (_: unknown, h) => <Tag>{HISTORY_ACTION_LABELS[h.action]}</Tag> },
            { title: '记录人', dataIndex: 'actor', width: 90, render: (_: unknown, h) => (h.actor === '' ? '未署名' : h.actor) },
            { title: '变更', key: 'change', render: (_: unknown, h) => <Typography.Text style={{ fontSize: 12 }}>{historyChange(h)}</Typography.Text> },
            { title: '说明', dataIndex: 'note', width: 160, render: (_: unknown, h) => h.note || '—' },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 批量标记完成: several open duties (a fleet's vehicles) with one date and one piece of evidence. */
export function BulkDoneDialog({ rows, today, onClose, onDone }: { readonly rows: readonly DutyRow[]; readonly today: IsoDate; readonly onClose: () => void; readonly onDone: () => void }) {
  const repositories = useRepositories();
  const actor = useActorName();
  const companyIds = [...new Set(rows.map((r) => r.companyId))];
  const onlyCompany = companyIds.length === 1 ? companyIds[0] ?? null : null;
  const documents = useStoredQuery(async (repositories) => (onlyCompany === null ? [] : repositories.listDocuments(onlyCompany)), [onlyCompany]);
  const titles = [...new Set(rows.map((r) => r.duty.title))];
  return (
    <ActionModal<{ doneOn: IsoDate | null; evidence: string; documentId: string | null } & WithActor>
      title={`批量标记完成（${rows.length} 项）`}
      okText={`确认完成 ${rows.length} 项`}
      initialValues={{ doneOn: today, evidence: '', documentId: null, actor }}
      onClose={onClose}
      onSubmit={async (v) => {
        await saveActorName(repositories, v.actor);
        const document = documents?.find((d) => d.id === v.documentId);
        const count = await repositories.markDutiesDone({
          duties: rows.map((r) => ({ companyId: r.companyId, key: r.duty.key, dutyTitle: dutyName(r) })),
          doneOn: v.doneOn ?? '', evidence: evidenceText(v.evidence, document), actor: v.actor, today,
        });
        onDone();
        return `已标记完成 ${count} 项，并分别记入操作记录`;
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${titles.slice(0, 3).join('、')}${titles.length > 3 ? ` 等 ${titles.length} 类事项` : ''}`}
        description={`涉及 ${companyIds.length} 家企业、${rows.length} 项事项；每项都单独记入操作记录，可逐项撤销。`}
      />
      <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
        <DateInput aria-label="完成日期" />
      </Form.Item>
      {onlyCompany !== null && (
        <Form.Item name="documentId" label="证明文件（材料库）">
          <Select<string>
            aria-label="证明文件"
            allowClear
            placeholder="不选择"
            options={(documents ?? []).map((d) => ({ value: d.id, label: `${d.kind}：${d.title.trim() || d.fileName}` }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="evidence"
        label="证明材料说明"
        dependencies={['documentId']}
        rules={[evidenceRequiredRule('请选择证明文件或填写证明材料说明')]}
      >
        <Input.TextArea aria-label="证明材料" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1800} />
      </Form.Item>
      {ACTOR_FIELD}
    </ActionModal>
  );
}

/** The dialog for the chosen action on a duty. */
export function DutyDialog({ state, today, onClose }: { readonly state: DutyDialogState; readonly today: IsoDate; readonly onClose: () => void }) {
  switch (state.kind) {
    case 'markDone':
      return <MarkDoneDialog row={state.row} today={today} onClose={onClose} />;
    case 'undoDone':
      return <UndoDoneDialog row={state.row} onClose={onClose} />;
    case 'dueDate':
      return <DueDateDialog row={state.row} onClose={onClose} />;
    case 'triggerDate':
      return <TriggerDateDialog row={state.row} today={today} onClose={onClose} />;
    case 'assignee':
      return <AssigneeDialog row={state.row} onClose={onClose} />;
    case 'schedule':
      return <ScheduleDialog row={state.row} onClose={onClose} />;
    case 'history':
      return <HistoryDrawer row={state.row} onClose={onClose} />;
    case 'changes': {
      const { row } = state;
      return <ChangeHistoryDrawer scope={{ kind: 'duty', companyId: row.companyId, dutyKey: row.duty.key, scheduleKey: row.duty.scheduleKey, title: `修改记录：${dutyName(row)}` }} onClose={onClose} />;
    }
  }
}

