import { ok, type Result } from '../util/result';
import { resolveConversion, type ResolvedConversion } from './coefficients';
import { computeTce, type ENTRY_METHODS, type EnergyReading, type EnergySettings, type LedgerMonth } from './ledger';
import type { EnergyUnit } from './units';

/*
 * Readings priced with a coefficient: building a stored reading from what the officer entered,
 * and what recomputing readings with changed settings would change. Apart from ledger.ts (the
 * records and their schemas) because this needs coefficients.ts, which itself reads the records'
 * types; kept apart, the two modules do not import each other.
 */

export interface ReadingFields {
  readonly id: string;
  readonly companyId: string;
  readonly siteId: string | null;
  readonly month: LedgerMonth;
  readonly energyType: string;
  readonly amount: number;
  readonly unit: EnergyUnit;
  readonly isItEquipment: boolean;
  readonly documentId: string | null;
  readonly note: string;
  readonly confirmedOutlier: boolean;
  readonly entryMethod: (typeof ENTRY_METHODS)[number];
}

/** Builds a stored reading with today's coefficient for its type and unit. */
export function buildReading(fields: ReadingFields, settings: EnergySettings): Result<EnergyReading> {
  const resolved = resolveConversion(fields.energyType, fields.unit, settings);
  if (!resolved.ok) return resolved;
  return ok(withConversion(fields, resolved.value));
}

function withConversion(fields: ReadingFields, resolved: ResolvedConversion): EnergyReading {
  return {
    ...fields,
    conversion: resolved.conversion,
    coefficient: resolved.coefficient,
    tce: computeTce(fields.amount, resolved.conversion, resolved.coefficient),
  };
}

interface RecomputeChange {
  readonly reading: EnergyReading;
  readonly updated: EnergyReading;
  readonly tceBefore: number;
  readonly tceAfter: number;
  readonly isChanged: boolean;
}

export interface RecomputePlan {
  readonly changes: readonly RecomputeChange[];
  /** Readings that cannot be recomputed with the current settings (e.g. a removed density), with why. */
  readonly failures: readonly { readonly reading: EnergyReading; readonly message: string }[];
}

/**
 * What recomputing the given readings with the current settings would change. Nothing is
 * written: the UI shows the plan and stores `updated` only after the user confirms.
 */
export function planRecompute(readings: readonly EnergyReading[], settings: EnergySettings): RecomputePlan {
  const changes: RecomputeChange[] = [];
  const failures: { reading: EnergyReading; message: string }[] = [];
  for (const reading of readings) {
    const resolved = resolveConversion(reading.energyType, reading.unit, settings);
    if (!resolved.ok) {
      failures.push({ reading, message: `${reading.month} ${reading.energyType}：${resolved.error.message}` });
      continue;
    }
    const updated = withConversion(reading, resolved.value);
    const isChanged =
      updated.tce !== reading.tce ||
      updated.coefficient.value !== reading.coefficient.value ||
      updated.coefficient.reference !== reading.coefficient.reference ||
      updated.conversion.factor !== reading.conversion.factor;
    changes.push({ reading, updated, tceBefore: reading.tce, tceAfter: updated.tce, isChanged });
  }
  return { changes, failures };
}
