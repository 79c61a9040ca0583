import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { auditMiddleware } from './auditMiddleware';
import { vaultMiddleware, type VaultState } from './vaultMiddleware';
import type {
  ChangeLogEntry, ChecklistStateRecord, Company, CompanyEvent, DocumentFileRecord, DutyHistoryRecord, DutyScheduleRecord, DutyTrackingRecord,
  EnergyAttachment, EnergyReading, EnergySettingsRecord, EnergySubmission, EnergyTraining, FormDraftRecord, FormMappingRecord, Licence,
  PacketHistoryRecord, Person, SettingRecord, Store, StoredDocument, Vehicle,
} from './records';

/**
 * The one module that owns IndexedDB. React code reaches data through the repositories and hooks
 * beside this file, never through `db.table(...)`.
 *
 * Schema history: APPEND ONLY. Never edit a version that has shipped; add `this.version(n + 1)`
 * with an upgrade function and a test in tests/unit/storage/migrations.test.ts.
 */

/**
 * How stored files are sealed and opened. The plain connection stores files as they are; the
 * app's connection (createAppDatabase) uses the vault session, which seals them while
 * encryption at rest is on.
 */
export interface FileVault {
  sealFile(file: Blob): Promise<Blob>;
  openFile(stored: Blob, mimeType: string): Promise<Blob>;
}

const PLAIN_FILES: FileVault = {
  sealFile: (file) => Promise.resolve(file),
  openFile: (stored) => Promise.resolve(stored),
};

export class WorkbenchDatabase extends Dexie {
  /** See FileVault; repositories seal files through this before their transaction. */
  fileVault: FileVault = PLAIN_FILES;

  companies!: EntityTable<Company, 'id'>;
  people!: EntityTable<Person, 'id'>;
  licences!: EntityTable<Licence, 'id'>;
  vehicles!: EntityTable<Vehicle, 'id'>;
  stores!: EntityTable<Store, 'id'>;
  events!: EntityTable<CompanyEvent, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  energyReadings!: EntityTable<EnergyReading, 'id'>;
  energyTrainings!: EntityTable<EnergyTraining, 'id'>;
  energySettings!: EntityTable<EnergySettingsRecord, 'companyId'>;
  energySubmissions!: EntityTable<EnergySubmission, 'id'>;
  energyAttachments!: EntityTable<EnergyAttachment, 'id'>;
  dutyTracking!: EntityTable<DutyTrackingRecord, 'id'>;
  dutySchedules!: EntityTable<DutyScheduleRecord, 'id'>;
  dutyHistory!: EntityTable<DutyHistoryRecord, 'id'>;
  documents!: EntityTable<StoredDocument, 'id'>;
  documentFiles!: EntityTable<DocumentFileRecord, 'id'>;
  formMappings!: EntityTable<FormMappingRecord, 'id'>;
  checklistStates!: EntityTable<ChecklistStateRecord, 'id'>;
  packetHistory!: EntityTable<PacketHistoryRecord, 'seq'>;
  changeLog!: EntityTable<ChangeLogEntry, 'seq'>;
  formDrafts!: EntityTable<FormDraftRecord, 'id'>;

  constructor(name = 'compliance-workbench') {
    // Every write waits for the disk: an officer's records must survive a power cut.
    super(name, { chromeTransactionDurability: 'strict' });

    // Versions reserved by work in progress, so parallel work never reuses a number:
    // 2 deadline tracker, 3 document vault, 4 energy ledger, 5 change history, 6 form drafts,
    // 7 one file store. Next free: 8.
    this.version(1).stores({
      companies: 'id, name, uscc, updatedAt',
      people: 'id, companyId',
      licences: 'id, companyId, kind, validTo',
      vehicles: 'id, companyId, plate, [companyId+plate]',
      stores: 'id, companyId',
      events: 'id, companyId, date, kind',
      settings: 'key',
    });

    // 2: the deadline tracker (issue 4): what the user recorded about computed duties (done, evidence,
    // dates their authority gave), recurring days, and the append-only history of those changes.
    // New tables only, so there is nothing to upgrade.
    this.version(2).stores({
      dutyTracking: 'id, companyId, key',
      dutySchedules: 'id, companyId',
      dutyHistory: 'id, companyId, key, at',
    });

    // 3: the document vault (issue 5): document metadata, the files' bytes as Blobs in their own
    // table (so listing documents never loads a 100 MB scan), AcroForm field mappings per form,
    // each company's checklist state per application and the history of built packets.
    // companyId on every per-company table lets company delete cascade over them. New tables only.
    this.version(3).stores({
      documents: 'id, companyId, kind, validTo, [companyId+kind]',
      documentFiles: 'id, companyId',
      formMappings: 'id',
      checklistStates: 'id, companyId',
      packetHistory: '++seq, companyId',
    });

    // 4: the energy ledger (issue 8). New tables only, so there is nothing to upgrade.
    this.version(4).stores({
      energyReadings: 'id, companyId, [companyId+month], siteId',
      energyTrainings: 'id, companyId, personId',
      energySettings: 'companyId',
      energySubmissions: 'id, companyId, [companyId+month]',
      energyAttachments: 'id, companyId',
    });

    // 5: the change history (issue 6): one append-only entry per change to a company's facts,
    // documents and duties, written by auditMiddleware.ts. Indexed for the views: one record's
    // history ([table+entityId]), one company's (companyId) and one company's of one kind of
    // record ([companyId+table]), each in seq order. New table only.
    this.version(5).stores({
      changeLog: '++seq, companyId, [table+entityId], [companyId+table], at',
    });

    // 6: form drafts (issue 17): what the officer typed into a generated form, one row per company
    // and template (id `${companyId}|${templateId}`), read by the 表单 tab and the packet alike.
    // Keyed by companyId, so deleting a company deletes its drafts. New table only.
    this.version(6).stores({
      formDrafts: 'id, companyId',
    });

    // 7: one file store (issue 14): documentFiles holds the bytes of every attached file. Each
    // energy evidence file's Blob moves from its energyAttachments row into documentFiles under
    // the same id; the row keeps the metadata. No index changes. See moveEvidenceFiles.
    this.version(7).stores({}).upgrade(moveEvidenceFiles);
  }
}

/** Thrown by an upgrade that would lose data; the upgrade then writes nothing. */
class SchemaUpgradeError extends Error {
  override readonly name = 'SchemaUpgradeError';
}

/**
 * Version 7's upgrade. The Blobs move exactly as stored: a file sealed by encryption at rest is
 * sealed without context (shared/vault/vaultCrypto.ts), so it opens the same from either table
 * and the upgrade needs no key, which lets it run while the store is locked (the vault
 * middleware lets the versionchange transaction write as stored). An evidence id that already
 * names a file in documentFiles (only a crafted package could have brought one in) aborts the
 * upgrade: nothing is overwritten and the database stays at version 6.
 */
async function moveEvidenceFiles(tx: Transaction): Promise<void> {
  const attachments = tx.table<Record<string, unknown>, string>('energyAttachments');
  const files = tx.table<DocumentFileRecord, string>('documentFiles');
  const rows = await attachments.toArray();
  const withFile = rows.filter((row) => row.blob !== undefined && row.blob !== null);
  const taken = await files.bulkGet(withFile.map((row) => String(row.id)));
  const collision = withFile.find((_, i) => taken[i] !== undefined);
  if (collision !== undefined) {
    throw new SchemaUpgradeError(`数据库升级未完成：能耗凭证文件“${String(collision.fileName)}”（编号 ${String(collision.id)}）与文件库中的文件编号相同。数据没有任何改动，请联系技术支持。`);
  }
  await files.bulkAdd(withFile.map((row) => ({ id: String(row.id), companyId: String(row.companyId), blob: row.blob as Blob })));
  await attachments.toCollection().modify((row) => {
    delete row.blob;
  });
}

/**
 * The app's connection: the class above plus the two storage layers every feature relies on
 * without knowing it, the change history (auditMiddleware.ts) and encryption of personal fields
 * (vaultMiddleware.ts). Backups, restores and the vault's own re-encryption use a plain
 * WorkbenchDatabase over the same store, so they move rows exactly as stored.
 */
export function createAppDatabase(vault: VaultState & FileVault, name?: string, now?: () => Date): WorkbenchDatabase {
  const db = new WorkbenchDatabase(name);
  db.fileVault = vault;
  db.use(vaultMiddleware(vault));
  db.use(auditMiddleware(now));
  return db;
}

/** The tables that hold one company's records, keyed by companyId; used by delete and export. */
export const COMPANY_CHILD_TABLES = ['people', 'licences', 'vehicles', 'stores', 'events', 'energyReadings', 'energyTrainings', 'energySubmissions', 'dutyTracking', 'dutySchedules', 'dutyHistory'] as const;
