import type { EnergyUnit } from './units';

/**
 * The energy types the ledger knows without configuration, in the order reports list them.
 * A company may add others (液化石油气, 焦炭 …) by giving them a coefficient in its settings.
 */
export const BUILTIN_ENERGY_TYPES = ['电力', '天然气', '热力', '汽油', '柴油', '原煤', '外购蒸汽'] as const;
export type BuiltinEnergyType = (typeof BUILTIN_ENERGY_TYPES)[number];

/** Units a built-in type may be entered in; the first is the one a new entry suggests. */
export const UNITS_BY_ENERGY_TYPE: Readonly<Record<BuiltinEnergyType, readonly EnergyUnit[]>> = {
  电力: ['kWh', '万kWh', 'MWh'],
  天然气: ['m³', '万m³'],
  热力: ['GJ', 'MJ'],
  // Fuel is bought by the tonne or the litre; tonnes need no density, hence first.
  汽油: ['t', 'kg', 'L'],
  柴油: ['t', 'kg', 'L'],
  原煤: ['t', 'kg'],
  外购蒸汽: ['GJ', 'MJ', 't', 'kg'],
};

export function isBuiltinEnergyType(value: string): value is BuiltinEnergyType {
  return (BUILTIN_ENERGY_TYPES as readonly string[]).includes(value);
}

/** Sort key: built-in types in their fixed order, then user types by name. */
export function compareEnergyTypes(a: string, b: string): number {
  const ia = (BUILTIN_ENERGY_TYPES as readonly string[]).indexOf(a);
  const ib = (BUILTIN_ENERGY_TYPES as readonly string[]).indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Number.MAX_SAFE_INTEGER : ia) - (ib === -1 ? Number.MAX_SAFE_INTEGER : ib);
  return a.localeCompare(b, 'zh-Hans-CN');
}

/** Common spellings on bills and meter exports. */
const ENERGY_TYPE_ALIASES: Readonly<Record<string, BuiltinEnergyType>> = {
  电: '电力', 电能: '电力', 用电: '电力', 电量: '电力', 用电量: '电力',
  燃气: '天然气', 天然气: '天然气', 管道天然气: '天然气',
  热: '热力', 热力: '热力', 供热: '热力', 热量: '热力',
  汽油: '汽油', 柴油: '柴油',
  煤: '原煤', 原煤: '原煤',
  蒸汽: '外购蒸汽', 外购蒸汽: '外购蒸汽',
};

/** Maps a spelled type to a known one: built-in aliases, then the company's own types by exact name. */
export function parseEnergyType(text: string, customTypes: readonly string[]): string | null {
  const key = text.trim().replace(/\s+/g, '');
  if (key === '') return null;
  if (isBuiltinEnergyType(key)) return key;
  const alias = ENERGY_TYPE_ALIASES[key];
  if (alias) return alias;
  return customTypes.find((t) => t === key) ?? null;
}
