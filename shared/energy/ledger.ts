import { z } from 'zod';
import { isoDateSchema } from '../domain/isoDate';
import { err, ok, type Result } from '../util/result';
import { BASE_UNITS, ENERGY_UNITS } from './units';

/*
 * The monthly energy ledger (能源消费台账) of one company: what the 北京市进一步强化节能实施方案
 * 八、 asks 重点用能单位 to report monthly to 北京市节能监测服务平台, kept here so the officer can
 * check and export it. One reading = one site, one month, one energy type, as on one bill or
 * meter. Each reading stores the coefficient it was converted with, so changing a coefficient
 * later never rewrites a month silently; recomputing is an explicit action (recomputeReadings).
 */

const id = z.string().min(1).max(64);
const text = (max = 500) => z.string().max(max);

/** `YYYY-MM`. */
export type LedgerMonth = string & { readonly __brand: 'LedgerMonth' };
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isLedgerMonth(value: unknown): value is LedgerMonth {
  return typeof value === 'string' && MONTH.test(value) && Number(value.slice(0, 4)) >= 1900;
}

export function ledgerMonth(year: number, month: number): LedgerMonth {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  if (!isLedgerMonth(value)) throw new Error(`不是有效的月份：${value}`);
  return value;
}

export function monthsOfYear(year: number): LedgerMonth[] {
  return Array.from({ length: 12 }, (_, i) => ledgerMonth(year, i + 1));
}

/** The month `delta` months after `month` (negative: before). */
export function shiftMonth(month: LedgerMonth, delta: number): LedgerMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return ledgerMonth(Math.floor(index / 12), (index % 12) + 1);
}

export function monthIndex(month: LedgerMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export const ledgerMonthSchema = z.string().refine(isLedgerMonth, { message: '月份格式应为 YYYY-MM，如 2021-10' });

const COEFFICIENT_SOURCES = ['GB/T 2589-2020', '企业实测', '其他依据'] as const;

/** 当量值 counts electricity (or heat) at its own energy content; 等价值 at the fuel burnt to make it. */
const ENERGY_BASES = ['当量值', '等价值'] as const;

const coefficientSnapshotSchema = z.object({
  /** kgce per `perUnit`. */
  value: z.number().positive().finite(),
  perUnit: z.enum(BASE_UNITS),
  /** Display form, e.g. "kgce/kWh". */
  unit: z.string().min(1).max(20),
  basis: z.enum(ENERGY_BASES).nullable().default(null),
  source: z.enum(COEFFICIENT_SOURCES),
  /** Where the value comes from: the standard's table row, or the user's evidence (热值单 …). */
  reference: text(300).min(1),
});
export type CoefficientSnapshot = z.infer<typeof coefficientSnapshotSchema>;

const conversionSnapshotSchema = z.object({
  /** Coefficient units (`toUnit`) in one unit of the amount: 10 000 for 万kWh, a density for L. */
  factor: z.number().positive().finite(),
  toUnit: z.enum(BASE_UNITS),
  /** "1 万kWh = 10 000 kWh", or the density and its evidence. */
  reference: text(300).min(1),
});
export type ConversionSnapshot = z.infer<typeof conversionSnapshotSchema>;

export const ENTRY_METHODS = ['手工录入', '表格导入'] as const;

export const energyReadingSchema = z.object({
  id,
  companyId: id,
  /** A store of the company (数据中心, 厂房, 公共建筑 …); null: company-wide, not split by site. */
  siteId: id.nullable().default(null),
  month: ledgerMonthSchema,
  /** A built-in type (电力 …) or one the company added with its own coefficient. */
  energyType: text(30).min(1, '请选择能源品种'),
  amount: z.number().finite().min(0, '用量不能为负数'),
  unit: z.enum(ENERGY_UNITS),
  conversion: conversionSnapshotSchema,
  coefficient: coefficientSnapshotSchema,
  /** 吨标准煤, = amount × conversion.factor × coefficient.value ÷ 1000, rounded to 1 gce. */
  tce: z.number().finite().min(0),
  /**
   * 其中：IT 设备用电 of a data centre. It is a sub-meter of the site's electricity, already part
   * of the site's total, so it is never added to 综合能耗; it only feeds the PUE.
   */
  isItEquipment: z.boolean().default(false),
  /** The bill or meter photo in the document vault. */
  documentId: id.nullable().default(null),
  note: text(1000).default(''),
  /** The user confirmed an amount ten times off its neighbours is right. */
  confirmedOutlier: z.boolean().default(false),
  entryMethod: z.enum(ENTRY_METHODS).default('手工录入'),
});
export type EnergyReading = z.infer<typeof energyReadingSchema>;

/**
 * 节能教育和岗位节能培训 of a person (the 能源管理负责人 first): 方案 八、 asks 重点用能单位 to
 * strengthen it but sets no hours or frequency, so none is checked.
 */
export const energyTrainingSchema = z.object({
  id,
  companyId: id,
  personId: id,
  date: isoDateSchema,
  course: text(200).min(1, '请填写培训名称'),
  hours: z.number().finite().positive('学时应大于 0').max(1000).nullable().default(null),
  organizer: text(200).default(''),
  /** The certificate (培训合格证明 …) in the document vault. */
  certificateDocumentId: id.nullable().default(null),
  note: text(1000).default(''),
});
export type EnergyTraining = z.infer<typeof energyTrainingSchema>;

export const coefficientOverrideSchema = z.object({
  energyType: text(30).min(1),
  perUnit: z.enum(BASE_UNITS),
  value: z.number().positive('折标系数应大于 0').finite(),
  /** Only for 电力: which basis the value is (the 等价值 must come from here). */
  basis: z.enum(ENERGY_BASES).nullable().default(null),
  source: z.enum(['企业实测', '其他依据']).default('企业实测'),
  reference: text(300).min(1, '请注明系数依据，如供气单位热值单或检测报告'),
});
export type CoefficientOverride = z.infer<typeof coefficientOverrideSchema>;

export const densitySchema = z.object({
  energyType: text(30).min(1),
  kgPerL: z.number().positive('密度应大于 0').max(2, '密度应在 0~2 kg/L 之间'),
  reference: text(300).min(1, '请注明密度依据，如油品检验单'),
});
export type Density = z.infer<typeof densitySchema>;

/** What the company set for one year: its target and the denominators of intensity. */
export const energyYearFiguresSchema = z.object({
  year: z.number().int().min(1900).max(9999),
  /** 年度能耗总量目标 (tce) the company set or was given. */
  targetTce: z.number().positive().finite().nullable().default(null),
  /** 营业收入 of the year, 万元, for tce/万元. */
  revenueWanYuan: z.number().positive().finite().nullable().default(null),
  /** 建筑面积 of the company's premises, m², for kgce/m²; sites use their own store area. */
  floorAreaSqm: z.number().positive().finite().nullable().default(null),
  note: text(1000).default(''),
});
export type EnergyYearFigures = z.infer<typeof energyYearFiguresSchema>;

/**
 * The day the monthly submission to 北京市节能监测服务平台 falls due, as the company's authority
 * or the platform told it: the text names none (方案 八、). Same shape as the deadline tracker's
 * recurring schedule (shared/deadlines/tracking.ts), so either side can use it as is.
 */
export const submissionDaySchema = z.object({
  /** 0: in the data month itself; 1: the month after ("次月"), and so on. */
  monthsAfterPeriodStart: z.number().int().min(0, '应为 0~3').max(3, '应为 0~3'),
  /** A day past the month's end means its last day. */
  dayOfMonth: z.number().int().min(1, '应为 1~31 日').max(31, '应为 1~31 日'),
  /** First data month the company must submit (e.g. when it became a 重点用能单位); null: every month. */
  fromMonth: ledgerMonthSchema.nullable().default(null),
  /** What the authority or platform said, e.g. "平台通知：每月 10 日前报送上月数据". */
  source: text(300).default(''),
});
export type SubmissionDay = z.infer<typeof submissionDaySchema>;

export const energySettingsSchema = z.object({
  /** How 电力 is converted; 当量值 unless the company reports 等价值. */
  electricityBasis: z.enum(ENERGY_BASES).default('当量值'),
  coefficients: z.array(coefficientOverrideSchema).default([]),
  densities: z.array(densitySchema).default([]),
  years: z.array(energyYearFiguresSchema).default([]),
  /** Absent or null: not set yet (the UI shows 未设置报送日). Optional so settings written before it still parse and type. */
  submissionDay: submissionDaySchema.nullable().optional(),
});
export type EnergySettings = z.infer<typeof energySettingsSchema>;

export function defaultEnergySettings(): EnergySettings {
  return { electricityBasis: '当量值', coefficients: [], densities: [], years: [] };
}

/** Energy types the company added (those with a coefficient but not built in). */
export function customEnergyTypes(settings: EnergySettings, builtin: readonly string[]): string[] {
  return [...new Set(settings.coefficients.map((c) => c.energyType))].filter((t) => !builtin.includes(t));
}

export function yearFigures(settings: EnergySettings, year: number): EnergyYearFigures | null {
  return settings.years.find((y) => y.year === year) ?? null;
}

/** tce of an amount, rounded to 1 gce so that stored values compare equal across platforms. */
export function computeTce(amount: number, conversion: ConversionSnapshot, coefficient: CoefficientSnapshot): number {
  return Math.round(amount * conversion.factor * coefficient.value * 1000) / 1_000_000;
}

/** The amount in coefficient units (kWh, MJ, m³, kg). */
export function baseAmount(reading: Pick<EnergyReading, 'amount' | 'conversion'>): number {
  return reading.amount * reading.conversion.factor;
}

/** Parses stored readings (e.g. from storage or a file) with Chinese errors naming the record. */
export function parseReadings(value: unknown): Result<EnergyReading[]> {
  const parsed = z.array(energyReadingSchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 条` : String(p))).join(' ') : '';
    return err('energy.invalidReadings', `能源台账记录有误：${where} ${issue?.message ?? ''}`.trim(), parsed.error.issues);
  }
  return ok(parsed.data);
}
