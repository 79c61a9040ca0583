/**
 * Units of the energy ledger. Every unit belongs to a dimension whose base unit is the unit a
 * 折标系数 is stated in (kgce per kWh, MJ, m³ or kg); converting an amount is then one exact
 * factor. Litres are their own dimension because turning them into kilograms needs a density
 * that only the company can give.
 */

export const BASE_UNITS = ['kWh', 'MJ', 'm³', 'kg'] as const;
export type BaseUnit = (typeof BASE_UNITS)[number];

export type UnitDimension = 'electricity' | 'heat' | 'gasVolume' | 'mass' | 'liquidVolume';

export interface EnergyUnitInfo {
  readonly unit: EnergyUnit;
  readonly dimension: UnitDimension;
  /** How many base units one of this unit is; null for litres (needs a density). */
  readonly toBase: number | null;
  readonly baseUnit: BaseUnit | null;
  /** Chinese label for pickers. */
  readonly label: string;
}

export const ENERGY_UNITS = ['kWh', 'MWh', '万kWh', 'MJ', 'GJ', 'm³', '万m³', 'kg', 't', 'L'] as const;
export type EnergyUnit = (typeof ENERGY_UNITS)[number];

const UNIT_TABLE: Readonly<Record<EnergyUnit, EnergyUnitInfo>> = {
  kWh: { unit: 'kWh', dimension: 'electricity', toBase: 1, baseUnit: 'kWh', label: 'kWh（千瓦时）' },
  MWh: { unit: 'MWh', dimension: 'electricity', toBase: 1000, baseUnit: 'kWh', label: 'MWh（兆瓦时）' },
  万kWh: { unit: '万kWh', dimension: 'electricity', toBase: 10_000, baseUnit: 'kWh', label: '万kWh（万千瓦时）' },
  MJ: { unit: 'MJ', dimension: 'heat', toBase: 1, baseUnit: 'MJ', label: 'MJ（兆焦）' },
  GJ: { unit: 'GJ', dimension: 'heat', toBase: 1000, baseUnit: 'MJ', label: 'GJ（吉焦）' },
  'm³': { unit: 'm³', dimension: 'gasVolume', toBase: 1, baseUnit: 'm³', label: 'm³（立方米）' },
  '万m³': { unit: '万m³', dimension: 'gasVolume', toBase: 10_000, baseUnit: 'm³', label: '万m³（万立方米）' },
  kg: { unit: 'kg', dimension: 'mass', toBase: 1, baseUnit: 'kg', label: 'kg（千克）' },
  t: { unit: 't', dimension: 'mass', toBase: 1000, baseUnit: 'kg', label: 't（吨）' },
  L: { unit: 'L', dimension: 'liquidVolume', toBase: null, baseUnit: null, label: 'L（升，需密度）' },
};

export function isEnergyUnit(value: string): value is EnergyUnit {
  return (ENERGY_UNITS as readonly string[]).includes(value);
}

export function unitInfo(unit: EnergyUnit): EnergyUnitInfo {
  return UNIT_TABLE[unit];
}

export function baseUnitOfDimension(dimension: UnitDimension): BaseUnit | null {
  switch (dimension) {
    case 'electricity': return 'kWh';
    case 'heat': return 'MJ';
    case 'gasVolume': return 'm³';
    case 'mass': return 'kg';
    case 'liquidVolume': return null;
  }
}

/*
 * Spellings found on bills and meter exports. Nm³ (标准立方米) is deliberately absent: whether a
 * supplier's m³ is at standard conditions changes the heating value, so the user must decide.
 */
const ALIASES: Readonly<Record<string, EnergyUnit>> = {
  'kwh': 'kWh', 'kw·h': 'kWh', 'kw.h': 'kWh', 'kw-h': 'kWh', '千瓦时': 'kWh', '度': 'kWh',
  'mwh': 'MWh', 'mw·h': 'MWh', '兆瓦时': 'MWh', '千千瓦时': 'MWh',
  '万kwh': '万kWh', '万kw·h': '万kWh', '万千瓦时': '万kWh', '万度': '万kWh',
  'mj': 'MJ', '兆焦': 'MJ', '兆焦耳': 'MJ',
  'gj': 'GJ', '吉焦': 'GJ', '吉焦耳': 'GJ', '百万千焦': 'GJ',
  'm³': 'm³', 'm3': 'm³', '立方米': 'm³', '方': 'm³',
  '万m³': '万m³', '万m3': '万m³', '万立方米': '万m³', '万方': '万m³',
  'kg': 'kg', '千克': 'kg', '公斤': 'kg',
  't': 't', '吨': 't',
  'l': 'L', '升': 'L',
};

/** Reads a unit as written on a bill or in a spreadsheet; null when it is not one we can convert. */
export function parseEnergyUnit(text: string): EnergyUnit | null {
  const key = text.trim().replace(/\s+/g, '').replace(/（|\(/g, '').replace(/）|\)/g, '').toLowerCase();
  if (key === '') return null;
  return ALIASES[key] ?? null;
}

export function unitLabel(unit: EnergyUnit): string {
  return UNIT_TABLE[unit].label;
}
