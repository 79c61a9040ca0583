import type { Store } from '../domain/company';
import { resolveConversion } from './coefficients';
import { BUILTIN_ENERGY_TYPES, parseEnergyType } from './energyTypes';
import {
  baseAmount, computeTce, customEnergyTypes, isLedgerMonth, monthIndex, type ENTRY_METHODS,
  type EnergyReading, type EnergySettings, type LedgerMonth,
} from './ledger';
import { isEnergyUnit, parseEnergyUnit, type EnergyUnit } from './units';

/*
 * Checks on entering one reading, by hand or from an import row. Bad values are refused with a
 * Chinese message naming the field; an amount ten times off its neighbours is not refused but
 * held for the user to confirm (a new chiller, a meter change and a typo look alike).
 */

export type ReadingField = 'siteId' | 'month' | 'energyType' | 'amount' | 'unit' | 'isItEquipment' | 'note';

export const READING_FIELD_LABELS: Readonly<Record<ReadingField, string>> = {
  siteId: '场所',
  month: '月份',
  energyType: '能源品种',
  amount: '用量',
  unit: '单位',
  isItEquipment: 'IT 设备用电',
  note: '备注',
};

export interface EntryIssue {
  readonly field: ReadingField;
  readonly code: string;
  /** Chinese, starts with the field's label. */
  readonly message: string;
}

/** What the user typed, before any parsing. `amount` may be a number or the text of an input. */
export interface ReadingDraft {
  /** Set when editing a stored reading, so it is not its own duplicate. */
  readonly id?: string | null;
  readonly siteId: string | null;
  readonly month: string;
  readonly energyType: string;
  readonly amount: unknown;
  readonly unit: string;
  readonly isItEquipment?: boolean;
  readonly documentId?: string | null;
  readonly note?: string;
  readonly confirmedOutlier?: boolean;
}

export interface EntryContext {
  readonly companyId: string;
  readonly stores: readonly Store[];
  /** The company's stored readings (all years: neighbours may be in the previous year). */
  readonly existing: readonly EnergyReading[];
  readonly settings: EnergySettings;
  readonly newId: () => string;
  readonly entryMethod?: (typeof ENTRY_METHODS)[number];
  /** When given, months after it are refused (a month's consumption cannot be known in advance). */
  readonly currentMonth?: LedgerMonth;
}

/** An amount at least this many times above or below a neighbouring month's is held for confirmation. */
const OUTLIER_RATIO = 10;
/** Neighbours further apart than this many months are not compared (seasonal plants lie idle). */
const OUTLIER_MAX_GAP_MONTHS = 3;

export interface OutlierFlag {
  /** The reading held for confirmation. */
  readonly readingId: string;
  readonly month: LedgerMonth;
  readonly neighbourMonth: LedgerMonth;
  readonly neighbourReadingId: string;
  /** Both in the coefficient unit (kWh, MJ, m³, kg), so 万kWh and kWh compare. */
  readonly amount: number;
  readonly neighbourAmount: number;
  readonly unit: string;
  readonly direction: 'higher' | 'lower';
  readonly message: string;
}

export type EntryCheck =
  | { readonly status: 'accepted'; readonly reading: EnergyReading; readonly outliers: readonly OutlierFlag[] }
  | { readonly status: 'needsConfirmation'; readonly reading: EnergyReading; readonly outliers: readonly OutlierFlag[] }
  | { readonly status: 'refused'; readonly issues: readonly EntryIssue[] };

const FULL_WIDTH_DIGITS = /[０-９．－＋]/g;

/** Parses an amount typed by a user or read from a cell: "1,234.5", " 12 ", "１２"; never NaN. */
export function parseAmount(raw: unknown): { ok: true; value: number } | { ok: false; code: string; message: string } {
  const label = READING_FIELD_LABELS.amount;
  if (raw === null || raw === undefined) return { ok: false, code: 'amount.missing', message: `${label}：请填写` };
  let value: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, code: 'amount.notNumber', message: `${label}：不是有效数字` };
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw
      .replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[,，\s]/g, '');
    if (text === '') return { ok: false, code: 'amount.missing', message: `${label}：请填写` };
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
      return { ok: false, code: 'amount.notNumber', message: `${label}：“${raw.trim()}”不是数字，请只填写数值，单位另选` };
    }
    value = Number(text);
    if (!Number.isFinite(value)) return { ok: false, code: 'amount.notNumber', message: `${label}：数值过大` };
  } else {
    return { ok: false, code: 'amount.notNumber', message: `${label}：不是有效数字` };
  }
  if (value < 0) return { ok: false, code: 'amount.negative', message: `${label}：不能为负数（${value}）` };
  if (value > 1e12) return { ok: false, code: 'amount.tooLarge', message: `${label}：数值过大（${value}），请检查单位` };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

function issue(field: ReadingField, code: string, text: string): EntryIssue {
  return { field, code, message: `${READING_FIELD_LABELS[field]}：${text}` };
}

/** Readings of the same series: same company, site, energy type and IT flag. */
function isSameSeries(a: Pick<EnergyReading, 'companyId' | 'siteId' | 'energyType' | 'isItEquipment'>, b: typeof a): boolean {
  return a.companyId === b.companyId && a.siteId === b.siteId && a.energyType === b.energyType && a.isItEquipment === b.isItEquipment;
}

function formatAmount(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
}

/**
 * Outlier flags of `reading` against the nearest earlier and later month of its series within
 * OUTLIER_MAX_GAP_MONTHS. Zero against non-zero counts as an outlier; zero against zero does not.
 * A confirmed outlier is an exception, not a baseline: its neighbours are compared past it.
 */
function findOutliers(reading: EnergyReading, others: readonly EnergyReading[]): OutlierFlag[] {
  const series = others.filter((o) => o.id !== reading.id && !o.confirmedOutlier && isSameSeries(o, reading) && o.month !== reading.month);
  const at = monthIndex(reading.month);
  const nearest = (direction: -1 | 1): EnergyReading | undefined =>
    series
      .filter((o) => (monthIndex(o.month) - at) * direction > 0 && Math.abs(monthIndex(o.month) - at) <= OUTLIER_MAX_GAP_MONTHS)
      .sort((a, b) => Math.abs(monthIndex(a.month) - at) - Math.abs(monthIndex(b.month) - at))[0];
  const flags: OutlierFlag[] = [];
  const amount = baseAmount(reading);
  for (const neighbour of [nearest(-1), nearest(1)]) {
    if (!neighbour) continue;
    const other = baseAmount(neighbour);
    if (amount === 0 && other === 0) continue;
    const isHigher = amount >= other * OUTLIER_RATIO;
    const isLower = amount * OUTLIER_RATIO <= other;
    if (!isHigher && !isLower) continue;
    const unit = reading.conversion.toUnit;
    const ratio = (isHigher ? amount / other : other / amount).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
    const theirs = `${neighbour.month}（${formatAmount(neighbour.amount)} ${neighbour.unit}）`;
    const relation = isHigher
      ? (other === 0 ? `而 ${neighbour.month} 为 0` : `是 ${theirs}的约 ${ratio} 倍`)
      : (amount === 0 ? `而 ${theirs}不为 0` : `仅为 ${theirs}的约 1/${ratio}`);
    flags.push({
      readingId: reading.id,
      month: reading.month,
      neighbourMonth: neighbour.month,
      neighbourReadingId: neighbour.id,
      amount,
      neighbourAmount: other,
      unit,
      direction: isHigher ? 'higher' : 'lower',
      message: `${READING_FIELD_LABELS.amount}：${reading.month} ${reading.energyType}${reading.isItEquipment ? '（IT 设备）' : ''}为 ${formatAmount(reading.amount)} ${reading.unit}，${relation}，请核对单位或小数点；确认无误后再保存`,
    });
  }
  return flags;
}

function seriesKey(r: Pick<EnergyReading, 'companyId' | 'siteId' | 'energyType' | 'isItEquipment'>): string {
  return JSON.stringify([r.companyId, r.siteId, r.energyType, r.isItEquipment]);
}

/**
 * Outliers among `candidates` (an import, or a ledger under review), with each jump between
 * neighbouring months blamed on one side: the month off from more of its neighbours; on a tie,
 * the earlier month if only the later one agrees with its other neighbour, else the later month.
 * So a one-month spike or dip flags that month, not the normal months around it, and a step up
 * flags the first month of the new level. Stored readings are neighbours but never reported.
 * Keyed by reading id.
 */
export function findBlamedOutliers(candidates: readonly EnergyReading[], stored: readonly EnergyReading[] = []): Map<string, OutlierFlag[]> {
  const candidateIds = new Set(candidates.map((r) => r.id));
  const bySeries = new Map<string, EnergyReading[]>();
  for (const r of [...stored.filter((s) => !candidateIds.has(s.id)), ...candidates]) {
    if (r.confirmedOutlier) continue;
    const entry = bySeries.get(seriesKey(r));
    if (entry) entry.push(r);
    else bySeries.set(seriesKey(r), [r]);
  }
  const flagsById = new Map<string, OutlierFlag[]>();
  for (const series of bySeries.values()) {
    const sorted = [...series].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
    const pairs = sorted.slice(1).flatMap((later, i) => {
      const earlier = sorted[i];
      if (!earlier || monthIndex(later.month) - monthIndex(earlier.month) > OUTLIER_MAX_GAP_MONTHS) return [];
      return [{ earlier, later, isOff: findOutliers(later, [earlier]).length > 0 }];
    });
    const isAnchored = (r: EnergyReading) => pairs.some((p) => !p.isOff && (p.earlier === r || p.later === r));
    const offCount = (r: EnergyReading) => pairs.filter((p) => p.isOff && (p.earlier === r || p.later === r)).length;
    for (const pair of pairs.filter((p) => p.isOff)) {
      const { earlier, later } = pair;
      const isEarlierBlamed = offCount(earlier) !== offCount(later)
        ? offCount(earlier) > offCount(later)
        : isAnchored(later) && !isAnchored(earlier);
      const [blamed, other] = isEarlierBlamed ? [earlier, later] : [later, earlier];
      if (!candidateIds.has(blamed.id)) continue;
      const flags = findOutliers(blamed, [other]);
      flagsById.set(blamed.id, [...(flagsById.get(blamed.id) ?? []), ...flags]);
    }
  }
  return flagsById;
}

/** Readings of a ledger that are ten times off their neighbours and not yet confirmed. */
export function findLedgerOutliers(readings: readonly EnergyReading[]): OutlierFlag[] {
  return [...findBlamedOutliers(readings.filter((r) => !r.confirmedOutlier)).values()].flat();
}

/**
 * Checks one draft against the company's ledger and returns the reading to store, a reading
 * waiting for the user's confirmation, or the refused fields. Nothing is stored here.
 */
export function checkReadingEntry(draft: ReadingDraft, context: EntryContext): EntryCheck {
  const issues: EntryIssue[] = [];
  const customTypes = customEnergyTypes(context.settings, BUILTIN_ENERGY_TYPES);

  const month = draft.month.trim();
  if (!isLedgerMonth(month)) issues.push(issue('month', 'month.invalid', `“${draft.month}”不是有效月份，应为 YYYY-MM，如 2021-10`));
  else if (context.currentMonth && month > context.currentMonth) issues.push(issue('month', 'month.future', `${month} 尚未结束，不能录入以后月份的用量`));

  const energyType = parseEnergyType(draft.energyType, customTypes);
  if (energyType === null) {
    issues.push(issue('energyType', 'energyType.unknown', draft.energyType.trim() === '' ? '请选择' : `“${draft.energyType}”未定义，请先在能源设置中为其填写折标系数`));
  }

  const unit: EnergyUnit | null = isEnergyUnit(draft.unit) ? draft.unit : parseEnergyUnit(draft.unit);
  if (unit === null) issues.push(issue('unit', 'unit.unknown', draft.unit.trim() === '' ? '请选择' : `“${draft.unit}”无法识别，可用 kWh、万kWh、m³、GJ、t 等`));

  const amount = parseAmount(draft.amount);
  if (!amount.ok) issues.push({ field: 'amount', code: amount.code, message: amount.message });

  const site = draft.siteId === null ? null : context.stores.find((s) => s.id === draft.siteId && s.companyId === context.companyId);
  if (draft.siteId !== null && !site) issues.push(issue('siteId', 'site.unknown', `所选场所不存在（编号 ${draft.siteId}）`));

  const isItEquipment = draft.isItEquipment === true;
  if (isItEquipment && (energyType !== '电力' || !site || site.kind !== '数据中心')) {
    issues.push(issue('isItEquipment', 'it.notDataCentreElectricity', '只能记在“数据中心”类场所的电力下'));
  }

  if ((draft.note ?? '').trim().length > 1000) issues.push(issue('note', 'note.tooLong', '不能超过 1000 字'));

  if (issues.length > 0 || energyType === null || unit === null || !amount.ok || !isLedgerMonth(month)) {
    return { status: 'refused', issues };
  }

  const duplicate = context.existing.find(
    (r) => r.id !== draft.id && r.month === month &&
      isSameSeries(r, { companyId: context.companyId, siteId: draft.siteId, energyType, isItEquipment }),
  );
  if (duplicate) {
    const where = site ? `“${site.name}”` : '企业整体（未分场所）';
    return {
      status: 'refused',
      issues: [issue('month', 'reading.duplicate', `${where} ${month} 的${energyType}${isItEquipment ? '（IT 设备）' : ''}已有记录（${duplicate.amount} ${duplicate.unit}），不能重复录入；如需更正，请编辑原记录`)],
    };
  }

  const resolved = resolveConversion(energyType, unit, context.settings);
  if (!resolved.ok) {
    const field: ReadingField = resolved.error.code === 'energy.noCoefficient' ? 'energyType' : 'unit';
    return { status: 'refused', issues: [issue(field, resolved.error.code, resolved.error.message)] };
  }

  const reading: EnergyReading = {
    id: draft.id ?? context.newId(),
    companyId: context.companyId,
    siteId: draft.siteId,
    month,
    energyType,
    amount: amount.value,
    unit,
    conversion: resolved.value.conversion,
    coefficient: resolved.value.coefficient,
    tce: computeTce(amount.value, resolved.value.conversion, resolved.value.coefficient),
    isItEquipment,
    documentId: draft.documentId ?? null,
    note: (draft.note ?? '').trim(),
    confirmedOutlier: false,
    entryMethod: context.entryMethod ?? '手工录入',
  };
  const outliers = findOutliers(reading, context.existing);
  if (outliers.length === 0) return { status: 'accepted', reading, outliers };
  if (draft.confirmedOutlier === true) return { status: 'accepted', reading: { ...reading, confirmedOutlier: true }, outliers };
  return { status: 'needsConfirmation', reading, outliers };
}
