/**
 * Writes fixtures/v5.json: a schema-version-5 database (the change history) as the v5 app stored
 * it, through buildFixture.ts. First the rows of fixtureRows.ts go in as they were before version
 * 5 (the upgrade starts the change log empty); then an officer's changes of 2026-11-26 go through a
 * connection with the v5 storage layer (auditMiddleware.ts, on a fixed clock), so the change log
 * holds the entries the app itself writes: creates, updates and a delete, across tables.
 * documentFiles and energyAttachments hold Blobs: the dump encodes them with the backup codec
 * (snapshotCodec.ts), bytes base64 in the fixture's `files`. Encryption at rest is off, as it is
 * until an officer turns it on; sealed stores are vault.test.ts's subject.
 * Frozen: do not re-run after schema version 5 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV5Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import type Dexie from 'dexie';
import { addRows, buildFixture, declaringOnly } from './buildFixture';
import { auditMiddleware } from '../../../../renderer/storage/auditMiddleware';
import type { Company, CompanyEvent, Person, Vehicle } from '../../../../shared/domain/company';
import { asIsoDate } from '../../../../shared/domain/isoDate';
import type { DutyHistoryRecord } from '../../../../shared/deadlines/trackingRecords';
import { computeTce, type EnergyReading } from '../../../../shared/energy/ledger';
import type { EnergySubmission } from '../../../../shared/energy/submissions';
import {
  ATT_RECEIPT_2026_10, CAR_RENTAL, ENERGY_SETTINGS, KEY_NEW_OUTLET, NEW_OUTLET_ASSIGNED, PHARMACY,
  attachment, documentRows, documentWithFile, energyRows, mergeRows, pdfBytes, pngBytes, trackingRow, trackingRows, workspaceRows,
} from './fixtureRows';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
const V5_STORES = {
  companies: 'id, name, uscc, updatedAt',
  people: 'id, companyId',
  licences: 'id, companyId, kind, validTo',
  vehicles: 'id, companyId, plate, [companyId+plate]',
  stores: 'id, companyId',
  events: 'id, companyId, date, kind',
  settings: 'key',
  dutyTracking: 'id, companyId, key',
  dutySchedules: 'id, companyId',
  dutyHistory: 'id, companyId, key, at',
  documents: 'id, companyId, kind, validTo, [companyId+kind]',
  documentFiles: 'id, companyId',
  formMappings: 'id',
  checklistStates: 'id, companyId',
  packetHistory: '++seq, companyId',
  energyReadings: 'id, companyId, [companyId+month], siteId',
  energyTrainings: 'id, companyId, personId',
  energySettings: 'companyId',
  energySubmissions: 'id, companyId, [companyId+month]',
  energyAttachments: 'id, companyId',
  changeLog: '++seq, companyId, [table+entityId], [companyId+table], at',
};

/** A mistaken duplicate entered before version 5, deleted afterwards: the log's delete entry. */
const DUPLICATE_EVENT: CompanyEvent = {
  id: 'sample-car-rental-event-timeshare-2', companyId: CAR_RENTAL, kind: 'filingChange', date: asIsoDate('2024-04-22'), subjectId: null, note: '重复录入',
};

// The officer's changes: the clock moves 7 minutes per write to an audited table, from 09:30 Beijing time.
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 26, 1, 30 + 7 * tick++));

async function recordOfficerChanges(db: Dexie): Promise<void> {
  async function changed<T>(table: string, id: string, change: (row: T) => T): Promise<void> {
    const row = await db.table<T>(table).get(id);
    if (row === undefined) throw new Error(`${table} ${id} missing`);
    await db.table<T>(table).put(change(row));
  }

  // Companies: a new phone number (an update entry) and, with the new hire, a bookkeeping-only save (no entry).
  await changed<Company>('companies', PHARMACY, (c) => ({ ...c, contactPhone: '010-6470 0001', updatedAt: '2026-11-26T01:30:00.000Z' }));
  const hire: Person = {
    id: 'sample-pharmacy-person-sun', companyId: PHARMACY, name: '孙丽', idNumber: '110105199204150026', roles: ['医保管理人员'], phone: '139 0000 0016',
    storeId: 'sample-pharmacy-store-wangjing', practiceStoreId: null, certificates: [], contractStart: asIsoDate('2026-11-20'), contractEnd: asIsoDate('2029-11-19'),
    isContractOpenEnded: false, note: '补足医保管理人员（1 年以上劳动合同）',
  };
  await db.transaction('rw', [db.table('people'), db.table('companies')], async () => {
    await db.table('people').add(hire);
    await changed<Company>('companies', PHARMACY, (c) => ({ ...c, updatedAt: '2026-11-26T01:44:00.000Z' }));
  });
  // The vehicle converted to 租赁 (its duty was marked done in version 2).
  const vehicle = await db.table<Vehicle>('vehicles').get('sample-car-rental-vehicle-01');
  if (vehicle === undefined) throw new Error('vehicle missing');
  await db.table('vehicles').put({ ...vehicle, usageNature: '租赁', note: '2026-11-19 使用性质已变更为“租赁”' } satisfies Vehicle);
  await db.table('events').delete(DUPLICATE_EVENT.id);
  // A duty done: the tracking row changes (an entry); its history row is append-only (none).
  const outletDone = { ...NEW_OUTLET_ASSIGNED, isDone: true, doneOn: asIsoDate('2026-11-25'), evidence: '网点开业备案回执' };
  await db.transaction('rw', [db.table('dutyTracking'), db.table('dutyHistory')], async () => {
    await db.table('dutyTracking').put(trackingRow(CAR_RENTAL, KEY_NEW_OUTLET, '2026-11-26T02:05:00.000Z', outletDone));
    await db.table('dutyHistory').add({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a09', companyId: CAR_RENTAL, key: KEY_NEW_OUTLET, at: '2026-11-26T02:05:00.000Z', actor: '周丽', action: 'markDone',
      dutyTitle: '新设服务机构开展经营活动后 60 日内申请开业备案', before: NEW_OUTLET_ASSIGNED, after: outletDone, scheduleBefore: null, scheduleAfter: null, note: '',
    } satisfies DutyHistoryRecord);
  });
  // A new document with its file (documentFiles is not audited).
  const contract = documentWithFile({
    document: {
      id: '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b06', companyId: PHARMACY, kind: '劳动合同', title: '孙丽劳动合同', fileName: '孙丽-劳动合同.pdf',
      number: '', issuer: '', validFrom: asIsoDate('2026-11-20'), validTo: asIsoDate('2029-11-19'), subject: { kind: 'person', id: hire.id },
      addedAt: '2026-11-26T02:19:00.000Z', updatedAt: '2026-11-26T02:19:00.000Z',
    },
    bytes: pdfBytes('Labour contract - Sun Li - sample'), mimeType: 'application/pdf',
  });
  await db.transaction('rw', [db.table('documents'), db.table('documentFiles')], async () => {
    await db.table('documents').add(contract.document);
    if (contract.file) await db.table('documentFiles').add(contract.file);
  });
  // Energy: a corrected amount, the October receipt attached, next year's target.
  await changed<EnergyReading>('energyReadings', 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c03', (r) => ({
    ...r, amount: 1_680, tce: computeTce(1_680, r.conversion, r.coefficient), note: '按燃气公司更正账单',
  }));
  await db.transaction('rw', [db.table('energyAttachments'), db.table('energySubmissions')], async () => {
    await db.table('energyAttachments').add(attachment(ATT_RECEIPT_2026_10, '2026-10报送回执.png', 'image/png', pngBytes([236, 240, 250]), '2026-11-26T02:33:00.000Z'));
    const submission = await db.table<EnergySubmission>('energySubmissions').get('e7f9a1b3-2c4d-4e5f-9a6b-7c8d9e0f1a02');
    if (submission === undefined) throw new Error('submission missing');
    await db.table('energySubmissions').put({ ...submission, receiptDocumentId: ATT_RECEIPT_2026_10, note: '' } satisfies EnergySubmission);
  });
  await db.table('energySettings').put({
    ...ENERGY_SETTINGS, years: [...ENERGY_SETTINGS.years, { year: 2027, targetTce: 20_000, revenueWanYuan: null, floorAreaSqm: 26_300, note: '区发展改革委下达' }],
  });
}

await buildFixture(5, V5_STORES, async (plain) => {
  await addRows(plain, mergeRows(workspaceRows(), { events: [DUPLICATE_EVENT] }, trackingRows(), documentRows(), energyRows()));
  plain.close();
  const db = declaringOnly(plain.name, 5, V5_STORES);
  db.use(auditMiddleware(clock));
  await db.open();
  await recordOfficerChanges(db);
  return db;
});
