import { coefficientFromHeatingValue } from '../../../shared/energy/coefficients';
import { BUILTIN_ENERGY_TYPES } from '../../../shared/energy/energyTypes';
import {
  coefficientOverrideSchema, customEnergyTypes, densitySchema, type CoefficientOverride, type Density, type EnergyReading, type EnergySettings,
} from '../../../shared/energy/ledger';
import { planRecompute } from '../../../shared/energy/readingConversion';
import type { Repositories } from '../../storage/repositories';
import { formatTce } from './energyModel';

/*
 * The steps of 折标系数 below its cards and dialogs (CoefficientSettings.tsx, CoefficientDialogs.tsx
 * and RecomputeModal.tsx draw them): checking a coefficient or a density before it joins the
 * settings, saving the settings, and recomputing stored months with the current coefficients.
 * Plain functions over the repositories, so they are tested in Node.
 */

/** Saves the company's settings; the words say that stored months keep their coefficient until recomputed. */
export async function saveSettingsChange(repositories: Repositories, companyId: string, next: EnergySettings, done: string): Promise<string> {
  await repositories.saveEnergySettings(companyId, next);
  return `${done}；已录入的月份仍使用原系数，如需更新请“重新计算历史月份”`;
}

export function withoutCoefficient(settings: EnergySettings, index: number): EnergySettings {
  return { ...settings, coefficients: settings.coefficients.filter((_, i) => i !== index) };
}

export function withoutDensity(settings: EnergySettings, index: number): EnergySettings {
  return { ...settings, densities: settings.densities.filter((_, i) => i !== index) };
}

/** The settings with a checked entry, or the messages for the form fields that refused it. */
type SettingsFormCheck<Field extends string> =
  | { readonly ok: true; readonly settings: EnergySettings }
  | { readonly ok: false; readonly fields: readonly { readonly name: Field; readonly errors: readonly string[] }[] };

export interface CoefficientFormValues {
  readonly energyType: string;
  readonly perUnit: string;
  readonly value: number | null;
  readonly heatingValue: number | null;
  readonly basis: string | null;
  readonly source: string;
  readonly reference: string;
}

/** The coefficient dialog's values when it opens: the edited coefficient's, or a new measured one. */
export function initialCoefficientValues(current: CoefficientOverride | null): CoefficientFormValues {
  return {
    energyType: current?.energyType ?? '', perUnit: current?.perUnit ?? 'm³', value: current?.value ?? null, heatingValue: null,
    basis: current?.basis ?? null, source: current?.source ?? '企业实测', reference: current?.reference ?? '',
  };
}

/** The energy types a coefficient can be given for: built-in ones and the company's own. */
export function coefficientTypeChoices(settings: EnergySettings): string[] {
  return [...BUILTIN_ENERGY_TYPES, ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)];
}

/**
 * Adds the coefficient (index null) or replaces the one at `index`. Electricity's own coefficient
 * is always the 等价值 one (its 当量值 is fixed by the standard), and one energy type and unit has
 * one coefficient.
 */
export function checkCoefficientForm(settings: EnergySettings, index: number | null, v: CoefficientFormValues): SettingsFormCheck<keyof CoefficientFormValues> {
  const candidate = {
    energyType: v.energyType.trim(), perUnit: v.perUnit, value: v.value ?? undefined, basis: v.energyType.trim() === '电力' ? '等价值' : null,
    source: v.source, reference: v.reference.trim(),
  };
  const parsed = coefficientOverrideSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      fields: parsed.error.issues.map((i) => ({
        name: String(i.path[0]) as keyof CoefficientFormValues,
        errors: [i.path[0] === 'value' && candidate.value === undefined ? '请填写折标系数' : i.message],
      })),
    };
  }
  const next = parsed.data;
  const clash = settings.coefficients.findIndex((c, i) => i !== index && c.energyType === next.energyType && c.perUnit === next.perUnit && c.basis === next.basis);
  if (clash !== -1) return { ok: false, fields: [{ name: 'energyType', errors: [`${next.energyType}（kgce/${next.perUnit}）已有系数，请编辑原系数`] }] };
  const coefficients = index === null ? [...settings.coefficients, next] : settings.coefficients.map((c, i) => (i === index ? next : c));
  return { ok: true, settings: { ...settings, coefficients } };
}

/** 计算: the coefficient from a typed lower heating value (kJ per unit), or why it cannot be computed. */
export function coefficientFromHeatingValueField(kj: number | null): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string } {
  if (kj === null || !(kj > 0)) return { ok: false, message: '请填写正数的低位发热量' };
  return { ok: true, value: coefficientFromHeatingValue(kj) };
}

export interface DensityFormValues {
  readonly energyType: string;
  readonly kgPerL: number | null;
  readonly reference: string;
}

export function initialDensityValues(current: Density | null): DensityFormValues {
  return { energyType: current?.energyType ?? '柴油', kgPerL: current?.kgPerL ?? null, reference: current?.reference ?? '' };
}

/** The fuels a density is usually given for (entered by the litre), and the company's own types. */
export function densityTypeChoices(settings: EnergySettings): string[] {
  return ['汽油', '柴油', ...customEnergyTypes(settings, BUILTIN_ENERGY_TYPES)];
}

/** Adds the density (index null) or replaces the one at `index`; one energy type has one density. */
export function checkDensityForm(settings: EnergySettings, index: number | null, v: DensityFormValues): SettingsFormCheck<keyof DensityFormValues> {
  const parsed = densitySchema.safeParse({ energyType: v.energyType.trim(), kgPerL: v.kgPerL ?? undefined, reference: v.reference.trim() });
  if (!parsed.success) {
    return {
      ok: false,
      fields: parsed.error.issues.map((i) => ({
        name: String(i.path[0]) as keyof DensityFormValues,
        errors: [i.path[0] === 'kgPerL' && v.kgPerL === null ? '请填写密度' : i.message],
      })),
    };
  }
  if (settings.densities.some((d, i) => i !== index && d.energyType === parsed.data.energyType)) {
    return { ok: false, fields: [{ name: 'energyType', errors: [`${parsed.data.energyType}已有密度，请编辑原记录`] }] };
  }
  const densities = index === null ? [...settings.densities, parsed.data] : settings.densities.map((d, i) => (i === index ? parsed.data : d));
  return { ok: true, settings: { ...settings, densities } };
}

/** One stored month whose coefficient would change: as stored, and as recomputed. */
export interface RecomputeRow {
  readonly key: string;
  readonly before: EnergyReading;
  readonly after: EnergyReading;
}

export type RecomputeRange = 'year' | 'all';

export interface RecomputePreview {
  readonly rows: readonly RecomputeRow[];
  /** Why some months cannot be computed with the current settings (they stay as stored). */
  readonly failures: readonly string[];
  /** The sentence above the before/after table. */
  readonly summary: string;
}

/** What 重新计算历史月份 would change, in the shown year or in all years; nothing is written. */
export function previewRecompute(readings: readonly EnergyReading[], settings: EnergySettings, year: number, range: RecomputeRange): RecomputePreview {
  const plan = planRecompute(range === 'all' ? readings : readings.filter((r) => r.month.startsWith(`${year}-`)), settings);
  const rows = plan.changes.filter((c) => c.isChanged).map((c) => ({ key: c.reading.id, before: c.reading, after: c.updated }));
  const delta = rows.reduce((sum, r) => sum + r.after.tce - r.before.tce, 0);
  return {
    rows,
    failures: plan.failures.map((f) => f.message),
    summary: rows.length === 0
      ? '所选范围内的记录均已使用当前系数，没有需要更新的记录。'
      : `以下 ${rows.length} 条记录的系数将更新，折标准煤合计变化 ${delta >= 0 ? '+' : ''}${formatTce(Math.round(delta * 1e6) / 1e6)} tce。确认前不会写入任何数据。`,
  };
}

/** Stores the recomputed months, all or none (refused if one changed since the preview); returns what to tell the officer. */
export async function applyRecompute(repositories: Repositories, rows: readonly RecomputeRow[]): Promise<string> {
  const count = await repositories.replaceRecomputedReadings(rows.map((r) => ({ before: r.before, after: r.after })));
  return `已按当前系数重新计算 ${count} 条记录`;
}
