import { CalendarOutlined, DeleteOutlined } from '../../components/icons';
import { errorMessage } from '../../components/failureDialog';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Popover, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { MONTHLY_SUBMISSION_DUTY } from '../../../shared/energy/duties';
import { submissionDaySchema, type EnergySettings, type LedgerMonth, type SubmissionDay } from '../../../shared/energy/ledger';
import {
  checkSubmissionEntry, describeSubmissionDay, monthlySubmissionStatuses, SUBMISSION_DAY_NOTE, SUBMISSION_STATUS_LABELS, TRACKER_DONE_LABEL,
  trackerDoneMarks, type EnergySubmission, type MonthSubmissionStatus, type SubmissionStatus, type TrackerDoneMark,
} from '../../../shared/energy/submissions';
import { FormDateInput } from '../../components/DateInput';
import { integerRangeRule, validDateRule } from '../../components/fieldRules';
import { useRepositories } from '../../storage/repositories';
import { newId } from '../../storage/newId';
import { monthLabel } from './energyModel';
import { EvidenceField, EvidenceLink, NO_EVIDENCE, type EvidenceValue } from './EvidenceField';
import { passesFieldRules } from './formRules';
import { MonthInput } from './MonthInput';

const STATUS_COLOURS: Readonly<Record<SubmissionStatus, string>> = {
  submitted: 'success',
  pending: 'processing',
  overdue: 'error',
  noSchedule: 'warning',
  notYet: 'default',
  notTracked: 'default',
};

function DutyBasis() {
  const { citation } = MONTHLY_SUBMISSION_DUTY;
  return (
    <Popover
      title={`《北京市进一步强化节能实施方案》${citation.ref}（第 ${citation.lines.start}–${citation.lines.end} 行）`}
      content={<Typography.Paragraph style={{ maxWidth: 420, marginBottom: 0 }}>“{citation.quote}”<br /><Typography.Text type="secondary">{MONTHLY_SUBMISSION_DUTY.note}</Typography.Text></Typography.Paragraph>}
    >
      <Button type="link" size="small" style={{ padding: 0 }}>依据</Button>
    </Popover>
  );
}

/** The status word of a box: a month done only in the tracker says so, so the ledger gap is visible. */
function statusName(s: MonthSubmissionStatus): string {
  const label = SUBMISSION_STATUS_LABELS[s.status];
  return s.submission === null && s.trackerDone !== null ? `${label}（${TRACKER_DONE_LABEL}）` : label;
}

function boxFootnote(s: MonthSubmissionStatus): string {
  if (s.submission) return s.submission.submittedOn.slice(5);
  if (s.trackerDone) return s.trackerDone.doneOn === null ? '期限跟踪' : `期限跟踪 ${s.trackerDone.doneOn.slice(5)}`;
  return s.dueDate ? `截止 ${s.dueDate.slice(5)}` : ' ';
}

/** The tracker row of a duty, opened from here (the focus parameter filters the list to it). */
function trackerHref(companyId: string, mark: TrackerDoneMark): string {
  return `#/deadlines?company=${encodeURIComponent(companyId)}&focus=${encodeURIComponent(mark.key)}`;
}

/**
 * The monthly submission duty of the year: one box per data month with 已报送 / 待报送 / 已逾期 /
 * 未设置报送日, the user-set day, and the records of what was submitted when. A month marked done
 * in 期限跟踪 counts as submitted here too (the tracker already counts ledger records), so the two
 * pages give one answer.
 */
export function SubmissionStrip({ record, settings, year, today }: {
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  readonly year: number;
  readonly today: IsoDate;
}) {
  const [isSettingDay, setIsSettingDay] = useState(false);
  const [openMonth, setOpenMonth] = useState<MonthSubmissionStatus | null>(null);
  const trackerMarks = useMemo(() => trackerDoneMarks(record.dutyTracking, record.company.id), [record.dutyTracking, record.company.id]);
  const statuses = monthlySubmissionStatuses({
    year, readings: record.energyReadings ?? [], submissions: record.energySubmissions ?? [], submissionDay: settings.submissionDay, today, trackerMarks,
  });
  const day = settings.submissionDay ?? null;
  const overdue = statuses.filter((s) => s.status === 'overdue').length;

  return (
    <Card
      size="small"
      title={<Space><CalendarOutlined />月度能耗数据报送（北京市节能监测服务平台）<DutyBasis /></Space>}
      extra={<Button size="small" onClick={() => setIsSettingDay(true)}>设置报送日</Button>}
      style={{ marginBottom: 16 }}
    >
      <Space style={{ marginBottom: 8 }} wrap>
        {day ? (
          <Typography.Text>
            报送日：<Typography.Text strong>{describeSubmissionDay(day)}</Typography.Text>
            {day.fromMonth && `，自 ${day.fromMonth} 的数据起`}
            {day.source && <Typography.Text type="secondary">（{day.source}）</Typography.Text>}
          </Typography.Text>
        ) : (
          <Tag color="warning">未设置报送日</Tag>
        )}
        <Typography.Text type="secondary">{SUBMISSION_DAY_NOTE}。</Typography.Text>
        {overdue > 0 && <Typography.Text type="danger">{year} 年有 {overdue} 个月已逾期未报送。</Typography.Text>}
      </Space>
      <div role="list" aria-label={`${year} 年月度报送状态`} style={{ display: 'grid', gridTemplateColumns: 'repeat(12, minmax(0, 1fr))', gap: 6 }}>
        {statuses.map((s) => (
          <div role="listitem" key={s.month} style={{ minWidth: 0 }}>
          <Tooltip title={s.message}>
            <button
              type="button"
              aria-label={`${s.month} ${statusName(s)}`}
              onClick={() => setOpenMonth(s)}
              disabled={s.status === 'notYet'}
              style={{
                border: '1px solid #e3e7ed', borderRadius: 6, background: '#fff', padding: '6px 4px', textAlign: 'center',
                cursor: s.status === 'notYet' ? 'default' : 'pointer', width: '100%',
              }}
            >
              <div style={{ fontSize: 12, color: '#5b6675' }}>{monthLabel(s.month)}</div>
              <Tag color={STATUS_COLOURS[s.status]} style={{ marginInlineEnd: 0, fontSize: 11, paddingInline: 4 }}>{SUBMISSION_STATUS_LABELS[s.status]}</Tag>
              <div style={{ fontSize: 11, color: '#8c8c8c', marginTop: 2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {boxFootnote(s)}
              </div>
            </button>
          </Tooltip>
          </div>
        ))}
      </div>
      {isSettingDay && <SubmissionDayModal companyId={record.company.id} settings={settings} onClose={() => setIsSettingDay(false)} />}
      {openMonth && (
        <SubmissionModal record={record} status={openMonth} today={today} onClose={() => setOpenMonth(null)} />
      )}
    </Card>
  );
}

interface DayFormValues {
  readonly monthsAfterPeriodStart: number;
  readonly dayOfMonth: number | null;
  readonly fromMonth: string;
  readonly source: string;
}

function SubmissionDayModal({ companyId, settings, onClose }: { readonly companyId: string; readonly settings: EnergySettings; readonly onClose: () => void }) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayFormValues>();
  const [error, setError] = useState<string | null>(null);
  const day = settings.submissionDay ?? null;

  const save = async (next: SubmissionDay | null) => {
    try {
      await repositories.saveEnergySettings(companyId, { ...settings, submissionDay: next });
      void message.success(next ? `报送日已设为${describeSubmissionDay(next)}` : '已清除报送日');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const v = form.getFieldsValue(true) as DayFormValues;
    const parsed = submissionDaySchema.safeParse({ ...v, fromMonth: v.fromMonth === '' ? null : v.fromMonth, source: v.source.trim() });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    await save(parsed.data);
  };

  return (
    <Modal open title="设置月度报送日" okText="保存" cancelText="取消" onOk={() => void submit()} onCancel={onClose} width={560}
      footer={(origin) => (
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{day && <Button danger onClick={() => void save(null)}>清除报送日</Button>}</span>
          <Space>{origin}</Space>
        </Space>
      )}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={SUBMISSION_DAY_NOTE}
        description={`方案仅要求“${MONTHLY_SUBMISSION_DUTY.citation.quote.replace(/^.*?(严格执行)/, '$1')}”，请按主管部门（市发展改革委）或平台通知的日期填写。`}
      />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form<DayFormValues>
        form={form}
        layout="vertical"
        initialValues={{ monthsAfterPeriodStart: day?.monthsAfterPeriodStart ?? 1, dayOfMonth: day?.dayOfMonth ?? null, fromMonth: day?.fromMonth ?? '', source: day?.source ?? '' }}
      >
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="monthsAfterPeriodStart" label="报送月份" style={{ width: 200 }}>
            <Select options={[{ value: 0, label: '数据当月' }, { value: 1, label: '次月' }, { value: 2, label: '第三个月' }, { value: 3, label: '第四个月' }]} />
          </Form.Item>
          <Form.Item name="dayOfMonth" label="截止日（1–31，31 表示月末）" style={{ flex: 1 }} rules={[{ required: true, message: '请填写截止日' }, integerRangeRule('截止日', 1, 31)]}>
            <InputNumber aria-label="截止日" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="fromMonth" label="起报数据月份（可选，如成为重点用能单位的月份）">
          <MonthInput />
        </Form.Item>
        <Form.Item name="source" label="日期来源（通知文号或平台说明）">
          <Input maxLength={300} placeholder="如：市发展改革委通知，每月 10 日前报送上月数据" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SubmissionFormValues {
  readonly submittedOn: string | null;
  readonly note: string;
}

/**
 * What the record form starts with: the stored record; for a month done only in the tracker, what
 * was recorded there (its date, never today's: the user entered one, or none); otherwise today.
 */
function submissionFormDefaults(status: MonthSubmissionStatus, today: IsoDate): SubmissionFormValues {
  if (status.submission) return { submittedOn: status.submission.submittedOn, note: status.submission.note };
  if (status.trackerDone) return { submittedOn: status.trackerDone.doneOn, note: status.trackerDone.evidence };
  return { submittedOn: today, note: '' };
}

function SubmissionModal({ record, status, today, onClose }: {
  readonly record: CompanyRecord;
  readonly status: MonthSubmissionStatus;
  readonly today: IsoDate;
  readonly onClose: () => void;
}) {
  const repositories = useRepositories();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubmissionFormValues>();
  const existing: EnergySubmission | null = status.submission;
  const trackerOnly: TrackerDoneMark | null = existing === null ? status.trackerDone : null;
  // A month done in the tracker needs no ledger record: the form appears only when the user asks to add one.
  const [isFormShown, setIsFormShown] = useState(trackerOnly === null);
  const [evidence, setEvidence] = useState<EvidenceValue>(existing ? { documentId: existing.receiptDocumentId, pending: null } : NO_EVIDENCE);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const month: LedgerMonth = status.month;

  const submit = async () => {
    if (!(await passesFieldRules(form))) return;
    const v = form.getFieldsValue(true) as SubmissionFormValues;
    const check = checkSubmissionEntry(
      { id: existing?.id ?? null, month, submittedOn: v.submittedOn ?? '', receiptDocumentId: evidence.documentId, note: v.note },
      { companyId: record.company.id, existing: record.energySubmissions ?? [], today, newId },
    );
    if (!check.ok) {
      form.setFields(check.issues.filter((i) => i.field !== 'month').map((i) => ({ name: i.field as 'submittedOn' | 'note', errors: [i.message] })));
      const other = check.issues.filter((i) => i.field === 'month');
      if (other.length > 0) setError(other.map((i) => i.message).join('；'));
      return;
    }
    setIsSaving(true);
    try {
      await repositories.saveEnergySubmission(check.submission, evidence.pending);
      void message.success(`已记录 ${month} 数据于 ${check.submission.submittedOn} 报送`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSaving(false);
    }
  };

  const undo = async () => {
    if (!existing) return;
    await repositories.deleteEnergySubmission(existing.id);
    void message.success(`已撤销 ${month} 的报送记录`);
    onClose();
  };

  const saveText = existing ? '保存' : trackerOnly ? '保存报送记录' : '标记为已报送';
  return (
    <Modal
      open
      title={`${month} 数据报送`}
      width={560}
      onCancel={onClose}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>
            {existing && (
              <Popconfirm title="撤销这条报送记录？" okText="撤销" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => { void undo().catch((e: unknown) => setError(errorMessage(e))); }}>
                <Button danger icon={<DeleteOutlined />}>撤销报送记录</Button>
              </Popconfirm>
            )}
          </span>
          {isFormShown ? (
            <Space>
              <Button onClick={onClose}>取消</Button>
              <Button type="primary" loading={isSaving} onClick={() => void submit()}>{saveText}</Button>
            </Space>
          ) : (
            <Space>
              <Button onClick={onClose}>关闭</Button>
              <Button type="primary" onClick={() => setIsFormShown(true)}>补登报送记录</Button>
            </Space>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Space>
          <Tag color={STATUS_COLOURS[status.status]}>{SUBMISSION_STATUS_LABELS[status.status]}</Tag>
          <Typography.Text type="secondary">{status.message}</Typography.Text>
        </Space>
        {trackerOnly && (
          <Alert
            type="success"
            showIcon
            title={`${TRACKER_DONE_LABEL}：${trackerOnly.doneOn ?? '未填写完成日期'}`}
            description={(
              <>
                <div>证明材料：{trackerOnly.evidence === '' ? '—' : trackerOnly.evidence}</div>
                <div>能源台账中还没有本月的报送记录。补登后回执和备注保存在台账中；在期限跟踪中撤销完成后，本月恢复按报送日计算的状态。</div>
                <Typography.Link href={trackerHref(record.company.id, trackerOnly)}>在期限跟踪中查看</Typography.Link>
              </>
            )}
          />
        )}
        {!status.hasEntries && <Alert type="warning" showIcon title={`台账中还没有 ${month} 的用量记录`} description="报送前请先录入本月各能源品种的用量，便于留存核对。" />}
        {existing?.receiptDocumentId && <EvidenceLink documentId={existing.receiptDocumentId} text="查看回执" />}
      </Space>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {isFormShown && (
        <Form<SubmissionFormValues>
          form={form}
          layout="vertical"
          initialValues={submissionFormDefaults(status, today)}
          onValuesChange={(changed: Partial<SubmissionFormValues>) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof SubmissionFormValues, errors: [] })))}
        >
          <Form.Item name="submittedOn" label="报送日期" rules={[validDateRule('报送日期')]}>
            <FormDateInput />
          </Form.Item>
          <Form.Item label="回执或截图">
            <EvidenceField companyId={record.company.id} value={evidence} onChange={setEvidence} label="添加回执" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
