import { CERTIFICATE_FIELD_LABELS, DOMAIN_FIELD_LABELS } from '../domain/fieldLabels';
import { EVENT_KINDS } from '../domain/vocabulary';
import { HISTORY_ACTION_LABELS } from '../deadlines/trackingRecords';
import { describeSubmissionDay } from '../energy/submissions';
import { maskIdNumber } from '../validation/idCard';
import { isSealedValue } from '../vault/vaultCrypto';
import { AUDITED_TABLES, type AuditedTable, type ChangeAction, type ChangeLogEntry } from './changeLog';

/*
 * How a change-log entry reads to the officer (issue 6): Chinese names for the stored fields of
 * every audited table, values in words (是/否, （空）, labels instead of keys), and which record an
 * entry is about. Pure, so the drawer and any later export or printout say the same thing.
 */

export const ACTION_LABELS: Readonly<Record<ChangeAction, string>> = { create: '新增', update: '修改', delete: '删除', restore: '撤销删除' };

const COMMON_LABELS: Readonly<Record<string, string>> = { note: '备注' };

/** Field labels per table: the company workspace's from shared/domain/fieldLabels.ts, the rest in the words their forms use. */
const FIELD_LABELS: Readonly<Record<AuditedTable, Readonly<Record<string, string>>>> = {
  ...DOMAIN_FIELD_LABELS,
  documents: {
    kind: '材料类型', title: '名称', fileName: '文件名', mimeType: '文件类型', size: '文件大小', sha256: '文件校验值（SHA-256）',
    number: '证号/编号', issuer: '发证机关', validFrom: '有效期起', validTo: '有效期至', subject: '归属', hasFile: '有文件',
  },
  dutyTracking: {
    key: '事项', isDone: '已完成', doneOn: '完成日期', evidence: '证明材料', assignee: '责任人',
    userSetDueDate: '截止日期（主管部门告知）', userSetTriggerDate: '触发日期（填写）', note: '说明',
  },
  dutySchedules: { key: '事项', monthsAfterPeriodStart: '报送月份（0 为当月，1 为次月）', dayOfMonth: '报送日', source: '依据' },
  dutyHistory: {
    key: '事项', at: '操作时间', actor: '记录人', action: '操作', dutyTitle: '事项名称', before: '操作前', after: '操作后',
    scheduleBefore: '报送日（操作前）', scheduleAfter: '报送日（操作后）', note: '说明',
  },
  energyReadings: {
    siteId: '场所', month: '月份', energyType: '能源品种', amount: '用量', unit: '计量单位', conversion: '单位换算', coefficient: '折标系数',
    tce: '折标准煤（吨）', isItEquipment: 'IT 设备用电', documentId: '凭证', confirmedOutlier: '已确认异常值', entryMethod: '录入方式',
  },
  energyTrainings: {
    personId: '人员', date: '培训日期', course: '培训名称', hours: '学时', organizer: '培训机构', certificateDocumentId: '培训证明',
  },
  energySubmissions: { month: '数据月份', submittedOn: '报送日期', receiptDocumentId: '报送回执', note: '说明' },
  energySettings: {
    electricityBasis: '电力折标方式', coefficients: '企业折标系数', densities: '油品密度', years: '年度目标与基数', submissionDay: '月度报送日',
  },
};

/**
 * A certificate's fields inside the 资格证书 field, which already says 证书: the person form's
 * labels without it (证书类型 → 类型, 证书编号 → 编号).
 */
const CERTIFICATE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CERTIFICATE_FIELD_LABELS).map(([field, label]) => [field, label.replace(/^证书/, '')]),
);

/** Fields of values nested inside a row (a certificate, a duty's tracking, a coefficient...). */
const NESTED_LABELS: Readonly<Record<string, string>> = {
  ...CERTIFICATE_LABELS,
  isDone: '已完成', doneOn: '完成日期', evidence: '证明材料', assignee: '责任人', userSetDueDate: '截止日期（主管部门告知）',
  userSetTriggerDate: '触发日期（填写）', note: '说明', energyType: '能源品种', perUnit: '计量单位', value: '系数', basis: '折标方式',
  source: '依据', reference: '依据', kgPerL: '密度（kg/L）', year: '年份', targetTce: '能耗总量目标（吨标准煤）',
  revenueWanYuan: '营业收入（万元）', floorAreaSqm: '建筑面积（平方米）', fromMonth: '起始数据月份', factor: '换算系数', toUnit: '换算单位',
};

/** Fields that identify a row to the storage, not to a person. */
const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['id', 'companyId']);
/** The duty key is shown as the record itself (its title), not as a field. */
const KEYED_TABLES: ReadonlySet<AuditedTable> = new Set(['dutyTracking', 'dutySchedules', 'dutyHistory']);

export function fieldLabel(table: AuditedTable, field: string): string {
  return FIELD_LABELS[table][field] ?? COMMON_LABELS[field] ?? field;
}

type Row = Readonly<Record<string, unknown>>;

/** The stored row as an object; null when absent or still sealed (the vault is locked). */
export function rowOf(value: unknown): Row | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null;
}

/** before/after sealed wholesale by the vault (shared/vault/vaultCrypto.ts) while it is locked. */
export function isSealedRow(value: unknown): boolean {
  return isSealedValue(value);
}

/** 居民身份证号码, wherever it is stored: a person's, or the number of an ID card kept as a document. */
export function isIdNumberField(table: AuditedTable, field: string, row: Row | null): boolean {
  if (field === 'idNumber') return true;
  return table === 'documents' && field === 'number' && typeof row?.kind === 'string' && row.kind.includes('身份证');
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && !(value instanceof Date) && Object.keys(value).length === 0;
}

/**
 * The fields worth showing for an entry: the changed ones of an update; for a create or a delete,
 * the record's fields that hold something (a new person's empty phone and note say nothing).
 */
export function shownFields(entry: ChangeLogEntry): string[] {
  const row = rowOf(entry.action === 'delete' ? entry.before : entry.after);
  const visible = entry.changedFields.filter((field) => !HIDDEN_FIELDS.has(field) && !(field === 'key' && KEYED_TABLES.has(entry.table)));
  if (entry.action === 'update' || row === null) return visible;
  return visible.filter((field) => !isEmpty(row[field]));
}

/** "2026-11-26 17:00:05" in the machine's time zone; the stored value is UTC. */
export function formatLocalTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const EMPTY_TEXT = '（空）';
export const SEALED_TEXT = '（已加密，解锁后可查看）';

export interface ValueContext {
  /** Show 居民身份证号码 in full (the officer asked to); masked otherwise. */
  readonly isIdRevealed: boolean;
  /** The name of a person, store, licence, vehicle or document by id, when known. */
  readonly nameOf: (id: string) => string | undefined;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['storeId', 'practiceStoreId', 'siteId', 'personId', 'subjectId']);
const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['documentId', 'receiptDocumentId', 'certificateDocumentId']);
const SUBJECT_KINDS: Readonly<Record<string, string>> = { person: '人员', vehicle: '车辆', store: '门店/场所', licence: '证照' };

function sizeText(size: number): string {
  if (size < 1024) return `${size} 字节`;
  return size < 1024 * 1024 ? `${(size / 1024).toFixed(0)} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`;
}

function scalarText(value: unknown): string {
  if (isEmpty(value)) return EMPTY_TEXT;
  if (isSealedValue(value)) return SEALED_TEXT;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return ISO_TIMESTAMP.test(value) ? formatLocalTimestamp(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return formatLocalTimestamp(value.toISOString());
  return JSON.stringify(value);
}

/** A duty's tracking state in one line, as the tracker's own history shows it. */
function trackingText(t: Row): string {
  const parts = [
    t.isDone === true ? `已完成${typeof t.doneOn === 'string' ? `（${t.doneOn}）` : ''}` : '未完成',
    isEmpty(t.evidence) ? '' : `证明材料：${scalarText(t.evidence)}`,
    isEmpty(t.userSetDueDate) ? '' : `截止日期：${scalarText(t.userSetDueDate)}`,
    isEmpty(t.userSetTriggerDate) ? '' : `触发日期：${scalarText(t.userSetTriggerDate)}`,
    isEmpty(t.assignee) ? '' : `责任人：${scalarText(t.assignee)}`,
    isEmpty(t.note) ? '' : `说明：${scalarText(t.note)}`,
  ];
  return parts.filter((p) => p !== '').join('；');
}

/** A nested object in one line: the known shapes in their own words, anything else as 字段：值 pairs. */
function objectText(value: Row, context: ValueContext): string {
  if (typeof value.monthsAfterPeriodStart === 'number' && typeof value.dayOfMonth === 'number') {
    const day = describeSubmissionDay({ monthsAfterPeriodStart: value.monthsAfterPeriodStart, dayOfMonth: value.dayOfMonth });
    const extra = [isEmpty(value.fromMonth) ? '' : `自 ${scalarText(value.fromMonth)} 起`, isEmpty(value.source) ? '' : scalarText(value.source)];
    return [day, ...extra].filter((p) => p !== '').join('，');
  }
  if ('isDone' in value && 'doneOn' in value) return trackingText(value);
  if (typeof value.kind === 'string' && typeof value.id === 'string' && Object.keys(value).length === 2) {
    return `${SUBJECT_KINDS[value.kind] ?? value.kind}：${context.nameOf(value.id) ?? '（已删除的记录）'}`;
  }
  if (typeof value.value === 'number' && typeof value.unit === 'string') {
    return `${value.value} ${value.unit}（${[value.source, value.basis].filter((p) => typeof p === 'string' && p !== '').join('，')}）`;
  }
  if (typeof value.factor === 'number' && typeof value.reference === 'string') return value.reference;
  return Object.entries(value)
    .filter(([, v]) => !isEmpty(v))
    .map(([k, v]) => `${NESTED_LABELS[k] ?? k}：${valueText(v, context)}`)
    .join('，');
}

function valueText(value: unknown, context: ValueContext): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY_TEXT;
    return value.map((item) => (rowOf(item) ? objectText(item as Row, context) : scalarText(item))).join(value.some((item) => rowOf(item)) ? '；' : '、');
  }
  const row = rowOf(value);
  if (row !== null && !(value instanceof Date)) return isEmpty(row) ? EMPTY_TEXT : objectText(row, context);
  return scalarText(value);
}

/** One field's value as the officer reads it. `row` is the record the value belongs to (for masking by kind). */
export function formatFieldValue(table: AuditedTable, field: string, value: unknown, row: Row | null, context: ValueContext): string {
  if (isEmpty(value)) return EMPTY_TEXT;
  if (isSealedValue(value)) return SEALED_TEXT;
  if (isIdNumberField(table, field, row) && typeof value === 'string') return context.isIdRevealed ? value : maskIdNumber(value);
  if (table === 'events' && field === 'kind' && typeof value === 'string') return EVENT_KINDS[value as keyof typeof EVENT_KINDS] ?? value;
  if (table === 'dutyHistory' && field === 'action' && typeof value === 'string') {
    return HISTORY_ACTION_LABELS[value as keyof typeof HISTORY_ACTION_LABELS] ?? value;
  }
  if (table === 'documents' && field === 'size' && typeof value === 'number') return sizeText(value);
  if (typeof value === 'string' && REFERENCE_FIELDS.has(field)) return context.nameOf(value) ?? '（已删除的记录）';
  if (typeof value === 'string' && DOCUMENT_FIELDS.has(field)) return context.nameOf(value) ?? '已附文件';
  return valueText(value, context);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * What a person calls the record an entry is about: a name, a plate, a licence's kind and number,
 * a document's title. `dutyTitles` gives duty keys their titles where the tracker recorded them.
 */
export function recordLabel(table: AuditedTable, row: Row | null, dutyTitles: ReadonlyMap<string, string> = new Map()): string {
  if (row === null) return '（已加密）';
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');
  switch (table) {
    case 'companies':
    case 'people':
    case 'stores':
      return text(row.name);
    case 'vehicles':
      return text(row.plate);
    case 'licences':
      return join(text(row.kind) === '其他' && text(row.kindOther) !== '' ? text(row.kindOther) : text(row.kind), text(row.number));
    case 'documents':
      return isSealedValue(row.title) ? text(row.kind) : text(row.title) || text(row.kind);
    case 'events':
      return join(EVENT_KINDS[text(row.kind) as keyof typeof EVENT_KINDS] ?? text(row.kind), text(row.date));
    case 'dutyTracking':
    case 'dutySchedules':
      return dutyTitles.get(text(row.key)) ?? text(row.key);
    case 'dutyHistory': {
      const action = HISTORY_ACTION_LABELS[text(row.action) as keyof typeof HISTORY_ACTION_LABELS] ?? text(row.action);
      return `${text(row.dutyTitle) || dutyTitles.get(text(row.key)) || text(row.key)}：${action}（${formatLocalTimestamp(text(row.at))}）`;
    }
    case 'energyReadings':
      return join(text(row.month), text(row.energyType));
    case 'energyTrainings':
      return join(text(row.date), text(row.course));
    case 'energySubmissions':
      return join(text(row.month), '月度报送');
    case 'energySettings':
      return AUDITED_TABLES.energySettings;
  }
}

/** The record of an entry: the row after the change, or before it for a delete. */
export function entryRow(entry: ChangeLogEntry): Row | null {
  return rowOf(entry.after) ?? rowOf(entry.before);
}
