import Dexie, { type EntityTable } from 'dexie';
import type { Company, CompanyEvent, Licence, Person, Store, Vehicle } from '../../shared/domain/company';

/**
 * The one module that owns IndexedDB. React code reaches data through the repositories and hooks
 * beside this file, never through `db.table(...)`.
 *
 * Schema history: APPEND ONLY. Never edit a version that has shipped; add `this.version(n + 1)`
 * with an upgrade function and a test in tests/unit/storage/migrations.test.ts.
 */

/** A key-value setting (window preferences, reminder lead times, the user's monthly energy day...). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

export class WorkbenchDatabase extends Dexie {
  companies!: EntityTable<Company, 'id'>;
  people!: EntityTable<Person, 'id'>;
  licences!: EntityTable<Licence, 'id'>;
  vehicles!: EntityTable<Vehicle, 'id'>;
  stores!: EntityTable<Store, 'id'>;
  events!: EntityTable<CompanyEvent, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = 'compliance-workbench') {
    // Every write waits for the disk: an officer's records must survive a power cut.
    super(name, { chromeTransactionDurability: 'strict' });

    // Versions reserved by work in progress, so parallel work never reuses a number:
    // 2 deadline tracker, 3 document vault, 4 energy ledger, 5 change history.
    this.version(1).stores({
      companies: 'id, name, uscc, updatedAt',
      people: 'id, companyId',
      licences: 'id, companyId, kind, validTo',
      vehicles: 'id, companyId, plate, [companyId+plate]',
      stores: 'id, companyId',
      events: 'id, companyId, date, kind',
      settings: 'key',
    });
  }
}

/** The tables that hold one company's records, keyed by companyId; used by delete and export. */
export const COMPANY_CHILD_TABLES = ['people', 'licences', 'vehicles', 'stores', 'events'] as const;
