import { suggestMapping, type MeterImportMapping, type SheetRows } from './meterImport';

/*
 * Column mapping of a meter or bill export, as the import dialog edits it and as `cli validate`
 * takes it: one place for the first mapping of a sheet (the domain's suggestion, the rest fixed to
 * kWh, 电力 and 企业整体) and for turning the dialog's choices into the importer's mapping.
 */

/** The dialog's site value for 企业整体 (siteId null): Select options cannot carry null. */
export const COMPANY_WIDE_SITE_KEY = 'company';

type SourceKind = 'column' | 'fixed';

/** The dialog's choices, one per form field; columns are 0-based, headerRow is 1-based. */
export interface MeterMappingValues {
  readonly sheetIndex: number;
  readonly headerRow: number;
  readonly monthColumn: number | null;
  readonly amountKind: 'consumption' | 'meterDifference';
  readonly amountColumn: number | null;
  readonly startColumn: number | null;
  readonly endColumn: number | null;
  readonly multiplierKind: SourceKind;
  readonly multiplierColumn: number | null;
  readonly multiplierValue: number | null;
  readonly unitKind: SourceKind;
  readonly unitColumn: number | null;
  readonly unitValue: string;
  readonly typeKind: SourceKind;
  readonly typeColumn: number | null;
  readonly typeValue: string;
  readonly siteKind: SourceKind;
  readonly siteColumn: number | null;
  readonly siteValue: string;
  readonly itKind: 'none' | SourceKind;
  readonly itColumn: number | null;
  readonly noteColumn: number | null;
  readonly aggregateByMonth: boolean;
}

/**
 * The first choices for a sheet: the domain's suggestion, the given site otherwise. Without
 * sites to match a 场所 column against (hasSites false, as in `cli validate`), the site is fixed.
 */
export function initialMapping(
  sheets: readonly SheetRows[],
  sheetIndex: number,
  defaultSiteKey: string,
  options: { readonly hasSites?: boolean } = {},
): MeterMappingValues {
  const rows = sheets[sheetIndex]?.rows ?? [];
  const suggestion = suggestMapping(rows);
  const c = suggestion?.columns ?? {};
  const hasMeter = c.start !== undefined && c.end !== undefined && c.amount === undefined;
  const hasSiteColumn = c.site !== undefined && options.hasSites !== false;
  return {
    sheetIndex,
    headerRow: suggestion?.headerRow ?? 1,
    monthColumn: c.month ?? null,
    amountKind: hasMeter ? 'meterDifference' : 'consumption',
    amountColumn: c.amount ?? null,
    startColumn: c.start ?? null,
    endColumn: c.end ?? null,
    multiplierKind: c.multiplier !== undefined ? 'column' : 'fixed',
    multiplierColumn: c.multiplier ?? null,
    multiplierValue: 1,
    unitKind: c.unit !== undefined ? 'column' : 'fixed',
    unitColumn: c.unit ?? null,
    unitValue: 'kWh',
    typeKind: c.energyType !== undefined ? 'column' : 'fixed',
    typeColumn: c.energyType ?? null,
    typeValue: '电力',
    siteKind: hasSiteColumn ? 'column' : 'fixed',
    siteColumn: hasSiteColumn ? (c.site ?? null) : null,
    siteValue: defaultSiteKey,
    itKind: c.isItEquipment !== undefined ? 'column' : 'none',
    itColumn: c.isItEquipment ?? null,
    noteColumn: c.note ?? null,
    aggregateByMonth: false,
  };
}

/** The mapping the importer takes, or the Chinese name of the first column left unchosen. */
export function toMapping(v: MeterMappingValues): { readonly mapping: MeterImportMapping } | { readonly missing: string } {
  if (v.monthColumn === null) return { missing: '月份列' };
  let amount: MeterImportMapping['amount'];
  if (v.amountKind === 'consumption') {
    if (v.amountColumn === null) return { missing: '用量列' };
    amount = { kind: 'consumption', column: v.amountColumn };
  } else {
    if (v.startColumn === null) return { missing: '起码列' };
    if (v.endColumn === null) return { missing: '止码列' };
    if (v.multiplierKind === 'column' && v.multiplierColumn === null) return { missing: '倍率列' };
    if (v.multiplierKind === 'fixed' && v.multiplierValue === null) return { missing: '倍率' };
    amount = {
      kind: 'meterDifference', startColumn: v.startColumn, endColumn: v.endColumn,
      multiplier: v.multiplierKind === 'column' ? { kind: 'column', column: v.multiplierColumn ?? 0 } : { kind: 'fixed', value: v.multiplierValue ?? 1 },
    };
  }
  if (v.unitKind === 'column' && v.unitColumn === null) return { missing: '单位列' };
  if (v.typeKind === 'column' && v.typeColumn === null) return { missing: '能源品种列' };
  if (v.siteKind === 'column' && v.siteColumn === null) return { missing: '场所列' };
  if (v.itKind === 'column' && v.itColumn === null) return { missing: 'IT 设备用电列' };
  return {
    mapping: {
      headerRow: v.headerRow,
      month: { column: v.monthColumn },
      amount,
      unit: v.unitKind === 'column' ? { kind: 'column', column: v.unitColumn ?? 0 } : { kind: 'fixed', value: v.unitValue },
      energyType: v.typeKind === 'column' ? { kind: 'column', column: v.typeColumn ?? 0 } : { kind: 'fixed', value: v.typeValue },
      site: v.siteKind === 'column'
        ? { kind: 'column', column: v.siteColumn ?? 0 }
        : { kind: 'fixed', value: v.siteValue === COMPANY_WIDE_SITE_KEY ? null : v.siteValue },
      ...(v.itKind === 'none' ? {} : { isItEquipment: v.itKind === 'column' ? { kind: 'column', column: v.itColumn ?? 0 } as const : { kind: 'fixed', value: true } as const }),
      note: v.noteColumn === null ? null : { column: v.noteColumn },
    },
  };
}

/**
 * The dialog's first mapping of a sheet with nothing changed and no sites (企业整体), or null when
 * the sheet lacks a month or amount column: what `cli validate` checks a meter file with.
 */
export function suggestedCompanyWideMapping(sheet: SheetRows): MeterImportMapping | null {
  const built = toMapping(initialMapping([sheet], 0, COMPANY_WIDE_SITE_KEY, { hasSites: false }));
  return 'mapping' in built ? built.mapping : null;
}
