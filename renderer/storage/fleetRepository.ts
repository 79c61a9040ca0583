import { vehicleSchema, type Vehicle } from '../../shared/domain/company';
import type { RosterVehicle } from '../../shared/fleet/rosterImport';
import { normalizePlate } from '../../shared/validation/recordFindings';
import type { WorkbenchDatabase } from './workbenchDatabase';
import { newId } from './newId';

/** Rows per bulkAdd: progress moves, each request stays small. */
const CHUNK = 500;

export interface FleetImportProgress {
  readonly done: number;
  readonly total: number;
}

class FleetImportError extends Error {
  override readonly name = 'FleetImportError';
}

/**
 * Adds a checked roster's vehicles to a company in ONE transaction: every vehicle or none. The
 * plates are checked again inside the transaction, so a vehicle added meanwhile (another window)
 * aborts the import instead of creating a duplicate.
 */
export async function importFleetVehicles(
  db: WorkbenchDatabase, companyId: string, vehicles: readonly RosterVehicle[], onProgress?: (progress: FleetImportProgress) => void,
): Promise<number> {
  const rows: Vehicle[] = vehicles.map((v) => vehicleSchema.parse({ ...v, id: newId(), companyId, plate: normalizePlate(v.plate) }));
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.plate)) throw new FleetImportError(`号牌 ${row.plate} 重复，未导入任何车辆`);
    seen.add(row.plate);
  }
  await db.transaction('rw', [db.companies, db.vehicles], async () => {
    if ((await db.companies.get(companyId)) === undefined) throw new FleetImportError('企业已不存在，可能已被删除；未导入任何车辆');
    const stored = await db.vehicles.where('companyId').equals(companyId).toArray();
    const clash = stored.filter((v) => seen.has(normalizePlate(v.plate))).map((v) => v.plate);
    if (clash.length > 0) {
      throw new FleetImportError(`本企业已有号牌 ${clash.slice(0, 5).join('、')}${clash.length > 5 ? ` 等 ${clash.length} 辆` : ''} 的车辆，未导入任何车辆；请重新检查文件后再导入`);
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db.vehicles.bulkAdd(rows.slice(i, i + CHUNK));
      onProgress?.({ done: Math.min(i + CHUNK, rows.length), total: rows.length });
    }
    await db.companies.update(companyId, { updatedAt: new Date().toISOString() });
  });
  return rows.length;
}
