import { z } from 'zod';
import table from '../../resources/energy/gbt-2589-2020-coefficients.json';
import { err, ok, type Result } from '../util/result';
import { isBuiltinEnergyType, UNITS_BY_ENERGY_TYPE } from './energyTypes';
import type { CoefficientSnapshot, ConversionSnapshot, EnergySettings } from './ledger';
import { BASE_UNITS, baseUnitOfDimension, unitInfo, type BaseUnit, type EnergyUnit } from './units';

/*
 * 折标准煤系数. Defaults come from GB/T 2589-2020《综合能耗计算通则》附录 A 表 A.1, shipped as
 * data in resources/energy/gbt-2589-2020-coefficients.json with the row each value comes from.
 * Only rows we are sure of are there; the others (天然气, 电力等价值, steam by mass) have no
 * default and the company must give its own value, so nothing is converted with a guessed number.
 */

const entrySchema = z.object({
  energyType: z.string().min(1),
  basis: z.enum(['当量值', '等价值']).nullable(),
  value: z.number().positive(),
  perUnit: z.enum(BASE_UNITS),
  heatValueKcal: z.number().positive().nullable(),
  heatValueText: z.string().min(1),
  reference: z.string().min(1),
});

const tableSchema = z.object({
  standard: z.object({ code: z.literal('GB/T 2589-2020'), title: z.string(), published: z.string(), effective: z.string(), replaces: z.string() }),
  tableRef: z.string().min(1),
  standardCoalKjPerKgce: z.number().positive(),
  standardCoalNote: z.string().min(1),
  scopeNote: z.string().min(1),
  entries: z.array(entrySchema).min(1),
  withoutDefault: z.array(z.object({
    energyType: z.string().min(1),
    basis: z.enum(['当量值', '等价值']).nullable(),
    perUnit: z.enum(BASE_UNITS),
    note: z.string().min(1),
  })),
});
export type StandardCoefficientTable = z.infer<typeof tableSchema>;
export type StandardCoefficient = StandardCoefficientTable['entries'][number];

/** The shipped table, validated once; a malformed file fails every import of this module (and its test). */
export const GBT_2589_2020: StandardCoefficientTable = tableSchema.parse(table);

/** 1 kgce = 29 307 kJ (the standard's 标准煤). */
export const KJ_PER_KGCE = GBT_2589_2020.standardCoalKjPerKgce;

export function standardCoefficients(): readonly StandardCoefficient[] {
  return GBT_2589_2020.entries;
}

/**
 * A coefficient from a measured 低位发热量 (kJ per kg, m³ …), as the standard defines 标准煤.
 * Rounded to 4 significant decimals of kgce like the standard's table.
 */
export function coefficientFromHeatingValue(kjPerUnit: number): number {
  if (!Number.isFinite(kjPerUnit) || kjPerUnit <= 0) throw new Error('低位发热量应为正数');
  return Math.round((kjPerUnit / KJ_PER_KGCE) * 10_000) / 10_000;
}

export interface ResolvedConversion {
  readonly conversion: ConversionSnapshot;
  readonly coefficient: CoefficientSnapshot;
}

function formatNumber(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 6 });
}

/** Which coefficient unit an amount in `unit` needs: litres go through a density to kilograms. */
function coefficientUnitFor(unit: EnergyUnit): BaseUnit {
  const info = unitInfo(unit);
  return baseUnitOfDimension(info.dimension) ?? 'kg';
}

/** The coefficient a new reading of this type and coefficient unit gets with these settings. */
export function resolveCoefficient(energyType: string, perUnit: BaseUnit, settings: EnergySettings): Result<CoefficientSnapshot> {
  const unitText = `kgce/${perUnit}`;
  if (energyType === '电力' && settings.electricityBasis === '等价值') {
    const own = settings.coefficients.find((c) => c.energyType === '电力' && c.perUnit === perUnit && c.basis === '等价值');
    if (own) return ok({ value: own.value, perUnit, unit: unitText, basis: '等价值', source: own.source, reference: own.reference });
    const why = GBT_2589_2020.withoutDefault.find((w) => w.energyType === '电力' && w.basis === '等价值');
    return err('energy.noCoefficient', `已选择按等价值报告电力，但尚未填写电力等价值折标系数（${unitText}）。${why?.note ?? ''}`);
  }
  // 电力当量值 is a physical constant (3 600 kJ/kWh); a company "measuring" another value is a mistake.
  const own = energyType === '电力'
    ? undefined
    : settings.coefficients.find((c) => c.energyType === energyType && c.perUnit === perUnit);
  if (own) return ok({ value: own.value, perUnit, unit: unitText, basis: own.basis, source: own.source, reference: own.reference });
  const standard = GBT_2589_2020.entries.find((e) => e.energyType === energyType && e.perUnit === perUnit);
  if (standard) {
    return ok({ value: standard.value, perUnit, unit: unitText, basis: standard.basis, source: 'GB/T 2589-2020', reference: standard.reference });
  }
  const why = GBT_2589_2020.withoutDefault.find((w) => w.energyType === energyType && w.perUnit === perUnit && w.basis === null);
  if (why) return err('energy.noCoefficient', `“${energyType}”没有默认折标系数，请在能源设置中填写企业实测折标系数（${unitText}）。${why.note}`);
  return err('energy.noCoefficient', `“${energyType}”没有按 ${perUnit} 计的折标系数，请在能源设置中填写（${unitText}）及其依据`);
}

/** Unit conversion and coefficient for an amount of `energyType` entered in `unit`. */
export function resolveConversion(energyType: string, unit: EnergyUnit, settings: EnergySettings): Result<ResolvedConversion> {
  if (isBuiltinEnergyType(energyType) && !UNITS_BY_ENERGY_TYPE[energyType].includes(unit)) {
    return err('energy.unitNotAllowed', `${energyType}的单位应为 ${UNITS_BY_ENERGY_TYPE[energyType].join('、')}，不能用 ${unit}`);
  }
  const info = unitInfo(unit);
  const perUnit = coefficientUnitFor(unit);
  let conversion: ConversionSnapshot;
  if (info.toBase === null) {
    const density = settings.densities.find((d) => d.energyType === energyType);
    if (!density) {
      return err(
        'energy.needsDensity',
        `${energyType}按升（L）录入时需要密度（kg/L）才能折算为吨标准煤：GB/T 2589-2020 的系数按千克给出。请在能源设置中填写密度及依据，或改按吨（t）录入。`,
      );
    }
    conversion = { factor: density.kgPerL, toUnit: 'kg', reference: `密度 ${formatNumber(density.kgPerL)} kg/L（${density.reference}）` };
  } else {
    const reference = info.toBase === 1 ? `${unit}，与系数单位相同` : `1 ${unit} = ${formatNumber(info.toBase)} ${perUnit}`;
    conversion = { factor: info.toBase, toUnit: perUnit, reference };
  }
  const coefficient = resolveCoefficient(energyType, perUnit, settings);
  if (!coefficient.ok) return coefficient;
  return ok({ conversion, coefficient: coefficient.value });
}
