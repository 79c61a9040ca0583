import { z } from 'zod';
import standardJson from '../../resources/policies/standards/sme-size-2011-300.json';

/*
 * 企业划型 under 《中小企业划型标准规定》(工信部联企业〔2011〕300号) 第四条. The thresholds are data
 * (resources/policies/standards/sme-size-2011-300.json), taken from the national regulation that the
 * compilation only cites; this module maps a GB/T 4754-2017 industry code to one of the sixteen
 * industries and applies the combination rule of 第四条.
 */

export type EnterpriseSizeClass = '大型' | '中型' | '小型' | '微型';

const INDICATOR_KEYS = ['employeeCount', 'annualRevenueWanYuan', 'totalAssetsWanYuan'] as const;
type IndicatorKey = (typeof INDICATOR_KEYS)[number];

const boundsSchema = z.partialRecord(z.enum(INDICATOR_KEYS), z.number().positive());

const industrySchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  clause: z.string().min(1),
  codePrefixes: z.array(z.string().regex(/^[A-T]\d{0,4}$/)).min(1),
  indicators: z.array(z.enum(INDICATOR_KEYS)).min(1),
  lowerBounds: z.object({ 大型: boundsSchema, 中型: boundsSchema, 小型: boundsSchema }),
  text: z.string().min(1),
});

const smeSizeStandardSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  docNumber: z.string().min(1),
  article: z.string().min(1),
  indicators: z.record(z.enum(INDICATOR_KEYS), z.object({ label: z.string().min(1), unit: z.string().min(1) })),
  industries: z.array(industrySchema).min(1),
  excluded: z.array(z.object({ codePrefixes: z.array(z.string().regex(/^[A-T]\d{0,4}$/)).min(1), reason: z.string().min(1) })),
}).superRefine((standard, ctx) => {
  for (const industry of standard.industries) {
    for (const cls of ['大型', '中型', '小型'] as const) {
      const bounds = industry.lowerBounds[cls];
      const keys = Object.keys(bounds).sort().join(',');
      if (keys !== [...industry.indicators].sort().join(',')) {
        ctx.addIssue({ code: 'custom', message: `${industry.name}：${cls}的下限指标与所列指标不一致` });
      }
    }
  }
});
export type SmeSizeStandard = z.infer<typeof smeSizeStandardSchema>;
type SmeSizeIndustry = SmeSizeStandard['industries'][number];

/** The bundled table; parsed once so that a broken data file fails loudly at start-up, not per company. */
export const SME_SIZE_STANDARD: SmeSizeStandard = smeSizeStandardSchema.parse(standardJson);

export interface EnterpriseSizeInput {
  readonly industryCode: string;
  readonly employeeCount: number | null;
  readonly annualRevenueWanYuan: number | null;
  readonly totalAssetsWanYuan: number | null;
}

export interface EnterpriseSizeResult {
  readonly sizeClass: EnterpriseSizeClass | null;
  /** Chinese, for the "why" panel: which industry, which values, which bound decided. */
  readonly reason: string;
  /** Fact keys (company.*) that must be completed before the class can be decided. */
  readonly missing: string[];
  /** The 300号 industry applied, when the code could be mapped. */
  readonly industry: string | null;
}

const FACT_OF: Readonly<Record<IndicatorKey, string>> = {
  employeeCount: 'company.employeeCount',
  annualRevenueWanYuan: 'company.annualRevenueWanYuan',
  totalAssetsWanYuan: 'company.totalAssetsWanYuan',
};

/** GB/T 4754-2017 divisions (大类 01-97) to sections (门类), so that a bare "5251" still maps. */
const SECTION_OF_DIVISION: ReadonlyArray<readonly [number, number, string]> = [
  [1, 5, 'A'], [6, 12, 'B'], [13, 43, 'C'], [44, 46, 'D'], [47, 50, 'E'], [51, 52, 'F'], [53, 60, 'G'],
  [61, 62, 'H'], [63, 65, 'I'], [66, 69, 'J'], [70, 70, 'K'], [71, 72, 'L'], [73, 75, 'M'], [76, 79, 'N'],
  [80, 82, 'O'], [83, 83, 'P'], [84, 85, 'Q'], [86, 90, 'R'], [91, 96, 'S'], [97, 97, 'T'],
];

type ParsedCode = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: string };

/** "F5251", "f 5251", "5251" → "F5251"; a section letter alone ("L") is kept as is. */
export function normalizeIndustryCode(raw: string): ParsedCode {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const match = /^([A-T])?(\d{2,4})?$/.exec(compact);
  if (compact === '' || match === null) {
    return { ok: false, reason: `行业代码“${raw.trim()}”无法识别：应为国民经济行业分类（GB/T 4754-2017）门类字母加数字，如 F5251` };
  }
  const letter = match[1];
  const digits = match[2] ?? '';
  if (digits === '') return { ok: true, code: letter ?? '' };
  const division = Number(digits.slice(0, 2));
  const section = SECTION_OF_DIVISION.find(([from, to]) => division >= from && division <= to)?.[2];
  if (section === undefined) return { ok: false, reason: `行业代码“${raw.trim()}”中的大类 ${digits.slice(0, 2)} 不存在于 GB/T 4754-2017` };
  if (letter !== undefined && letter !== section) {
    return { ok: false, reason: `行业代码“${raw.trim()}”前后不一致：大类 ${digits.slice(0, 2)} 属于门类 ${section}，不是 ${letter}` };
  }
  return { ok: true, code: section + digits };
}

function formatAmount(key: IndicatorKey, value: number, standard: SmeSizeStandard): string {
  const meta = standard.indicators[key];
  return meta === undefined ? String(value) : `${meta.label} ${value} ${meta.unit}`;
}

function describeBounds(industry: SmeSizeIndustry, cls: '大型' | '中型' | '小型', standard: SmeSizeStandard): string {
  const bounds = industry.lowerBounds[cls];
  return industry.indicators.map((key) => `${formatAmount(key, bounds[key] ?? 0, standard)}及以上`).join('、');
}

/** The class one indicator alone would reach: the highest class whose lower bound it meets. */
function classOfValue(industry: SmeSizeIndustry, key: IndicatorKey, value: number): EnterpriseSizeClass {
  for (const cls of ['大型', '中型', '小型'] as const) {
    const bound = industry.lowerBounds[cls][key];
    if (bound !== undefined && value >= bound) return cls;
  }
  return '微型';
}

const RANK: Readonly<Record<EnterpriseSizeClass, number>> = { 大型: 0, 中型: 1, 小型: 2, 微型: 3 };

function findSizeIndustry(code: string, standard: SmeSizeStandard = SME_SIZE_STANDARD):
  | { readonly kind: 'industry'; readonly industry: SmeSizeIndustry }
  | { readonly kind: 'excluded' | 'tooCoarse' | 'unlisted'; readonly reason: string } {
  const excluded = standard.excluded.find((e) => e.codePrefixes.some((p) => code.startsWith(p)));
  if (excluded !== undefined) return { kind: 'excluded', reason: `行业代码 ${code} 属于${excluded.reason}无法按该规定划型。` };
  const industry = standard.industries.find((i) => i.codePrefixes.some((p) => code.startsWith(p)));
  if (industry !== undefined) return { kind: 'industry', industry };
  // A section letter or 大类 that spans several 300号 industries (G, G59, K70...) cannot decide which one applies.
  const candidates = standard.industries.filter((i) => i.codePrefixes.some((p) => p.startsWith(code)));
  if (candidates.length > 0) {
    return {
      kind: 'tooCoarse',
      reason: `行业代码 ${code} 不够细，可能属于${candidates.map((i) => i.name).join('、')}，请填写到行业大类或中类（如 G5921）。`,
    };
  }
  return {
    kind: 'unlisted',
    reason: `行业代码 ${code} 所属行业未在《${standard.title}》第四条及其统计口径中列明（如金融业、教育、卫生、公共管理），本工具不作划型，请以主管部门认定为准。`,
  };
}

/**
 * 划型 per 第四条: 大型/中型/小型 need every listed indicator at or above that class's lower bound
 * (otherwise one class down); 微型 needs only one indicator below the 小型 bound. So one known
 * indicator below the 小型 bound already decides 微型 even when another indicator is missing.
 */
export function classifyEnterpriseSize(input: EnterpriseSizeInput, standard: SmeSizeStandard = SME_SIZE_STANDARD): EnterpriseSizeResult {
  if (input.industryCode.trim() === '') {
    return { sizeClass: null, reason: '未填写行业代码（GB/T 4754-2017），无法确定适用哪一行业的划型标准。', missing: ['company.industryCode'], industry: null };
  }
  const parsed = normalizeIndustryCode(input.industryCode);
  if (!parsed.ok) return { sizeClass: null, reason: parsed.reason, missing: ['company.industryCode'], industry: null };
  const found = findSizeIndustry(parsed.code, standard);
  if (found.kind !== 'industry') {
    return { sizeClass: null, reason: found.reason, missing: found.kind === 'tooCoarse' ? ['company.industryCode'] : [], industry: null };
  }
  const { industry } = found;
  const basis = `${industry.name}（${standard.docNumber}${industry.clause}）`;

  const known: { key: IndicatorKey; value: number; cls: EnterpriseSizeClass }[] = [];
  const missingKeys: IndicatorKey[] = [];
  for (const key of industry.indicators) {
    const value = input[key];
    if (value === null) {
      missingKeys.push(key);
      continue;
    }
    if (!Number.isFinite(value) || value < 0) {
      return { sizeClass: null, reason: `${basis}：${formatAmount(key, value, standard)}不是有效数值。`, missing: [FACT_OF[key]], industry: industry.name };
    }
    known.push({ key, value, cls: classOfValue(industry, key, value) });
  }

  const smallBound = describeBounds(industry, '小型', standard);
  const belowSmall = known.find((k) => k.cls === '微型');
  if (belowSmall !== undefined) {
    const bound = industry.lowerBounds.小型[belowSmall.key] ?? 0;
    return {
      sizeClass: '微型',
      reason: `${basis}：${formatAmount(belowSmall.key, belowSmall.value, standard)}，低于小型企业下限（${formatAmount(belowSmall.key, bound, standard)}），为微型企业（微型企业只须满足所列指标中的一项）。`,
      missing: [],
      industry: industry.name,
    };
  }
  if (missingKeys.length > 0) {
    const labelOf = (k: IndicatorKey): string => standard.indicators[k]?.label ?? k;
    return {
      sizeClass: null,
      reason: `${basis}按${industry.indicators.map(labelOf).join('和')}划型，缺少${missingKeys.map(labelOf).join('、')}，无法判断（小型企业下限：${smallBound}）。`,
      missing: missingKeys.map((k) => FACT_OF[k]),
      industry: industry.name,
    };
  }

  const sizeClass = known.reduce<EnterpriseSizeClass>((lowest, k) => (RANK[k.cls] > RANK[lowest] ? k.cls : lowest), '大型');
  const values = known.map((k) => formatAmount(k.key, k.value, standard)).join('、');
  // Only 大型/中型/小型 reach here: one indicator below the 小型 bound returned 微型 above.
  const reached = sizeClass === '微型' ? '小型' : sizeClass;
  const nextUp = reached === '中型' ? '大型' : reached === '小型' ? '中型' : null;
  const notReached = nextUp === null ? '' : `，未${industry.indicators.length > 1 ? '同时' : ''}达到${nextUp}企业下限（${describeBounds(industry, nextUp, standard)}）`;
  return {
    sizeClass,
    reason: `${basis}：${values}，达到${reached}企业下限（${describeBounds(industry, reached, standard)}）${notReached}，为${sizeClass}企业${sizeClass === '大型' ? '（不属于中小企业）' : ''}。`,
    missing: [],
    industry: industry.name,
  };
}
