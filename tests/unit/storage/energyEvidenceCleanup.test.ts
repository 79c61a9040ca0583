import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { collectWorkspaceFile } from '../../../renderer/storage/workspaceRepository';
import { importWorkspace } from '../../../renderer/storage/workspaceRepository';
import { blankCompanyInput, createCompany, deleteCompany } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { saveEnergyReading } from '../../../renderer/storage/energyRepository';
import { deleteCompanyForUndo, restoreDeletion } from '../../../renderer/storage/undoRepository';

/*
 * Energy evidence files (bill photos, receipts) belong to their company: deleting the company, or
 * replacing it from a workspace file or package, must not leave its files behind with nothing
 * pointing to them. Row presence only (fake-indexeddb does not keep Blob content).
 */

let db: WorkbenchDatabase;
let kept: string;
let gone: string;

beforeEach(async () => {
  db = new WorkbenchDatabase(`evidence-cleanup-${Math.random().toString(36).slice(2)}`);
  await db.open();
  gone = (await createCompany(db, blankCompanyInput('北京待删除能源有限公司'))).id;
  kept = (await createCompany(db, blankCompanyInput('北京保留能源有限公司'))).id;
  await saveEnergyReading(db, reading('r-gone', gone, '2026-09', 'bill-gone'), file('bill-gone', gone));
  await saveEnergyReading(db, reading('r-kept', kept, '2026-09', 'bill-kept'), file('bill-kept', kept));
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function reading(id: string, companyId: string, month: string, documentId: string | null): EnergyReading {
  const [y, m] = month.split('-').map(Number);
  const built = buildReading({
    id, companyId, siteId: null, month: ledgerMonth(y ?? 0, m ?? 0), energyType: '电力', amount: 1000, unit: 'kWh',
    isItEquipment: false, documentId, note: '', confirmedOutlier: false, entryMethod: '手工录入',
  }, defaultEnergySettings());
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

function file(id: string, companyId: string) {
  return { id, companyId, fileName: `${id}.jpg`, mimeType: 'image/jpeg', bytes: new TextEncoder().encode(`photo ${id}`) };
}

async function evidenceIds(): Promise<string[]> {
  return (await db.energyAttachments.toCollection().primaryKeys()).map(String).sort();
}

/** The stored workspace with `gone`'s record changed by `edit` (as a file written elsewhere would be). */
async function workspaceWithEdited(edit: (record: WorkspaceFile['companies'][number]) => WorkspaceFile['companies'][number]): Promise<WorkspaceFile['companies']> {
  const workspace = await collectWorkspaceFile(db, '2026-12-06T06:00:00.000Z', 'test');
  return workspace.companies.filter((r) => r.company.id === gone).map(edit);
}

describe('energy evidence files go with their company', () => {
  it('deleting a company deletes its evidence files and keeps the other company’s', async () => {
    expect(await evidenceIds()).toEqual(['bill-gone', 'bill-kept']);
    await deleteCompany(db, gone);
    expect(await evidenceIds()).toEqual(['bill-kept']);
  });

  it('deleting with 撤销 deletes the evidence files too, and undo brings them back', async () => {
    const snapshot = await deleteCompanyForUndo(db, gone);
    expect(await evidenceIds()).toEqual(['bill-kept']);
    await restoreDeletion(db, snapshot);
    expect(await evidenceIds()).toEqual(['bill-gone', 'bill-kept']);
  });

  it('a replace import of a package removes the replaced company’s evidence no imported record refers to', async () => {
    const companies = await workspaceWithEdited((record) => {
      const [photo] = record.energyAttachments;
      if (!photo) throw new Error('the export lists the bill photo');
      const bytes = new TextEncoder().encode('new photo');
      return {
        ...record,
        energyReadings: record.energyReadings.map((r) => ({ ...r, documentId: 'bill-new' })),
        energyAttachments: [{ ...photo, id: 'bill-new', fileName: 'bill-new.jpg', size: bytes.byteLength }],
      };
    });
    const evidence = new Map([['bill-new', new Blob([new TextEncoder().encode('new photo')], { type: 'image/jpeg' })]]);
    const summary = await importWorkspace(db, companies, 'replace', new Map(), undefined, evidence);
    expect(summary).toMatchObject({ replaced: 1, evidenceFiles: 1 });
    expect(await evidenceIds()).toEqual(['bill-kept', 'bill-new']);
    expect((await db.energyReadings.get('r-gone'))?.documentId).toBe('bill-new');
  });

  it('a replace import whose records no longer cite any evidence leaves none of the company’s files', async () => {
    const companies = await workspaceWithEdited((record) => ({
      ...record, energyReadings: record.energyReadings.map((r) => ({ ...r, documentId: null })), energyAttachments: [],
    }));
    await importWorkspace(db, companies, 'replace', new Map());
    expect(await evidenceIds()).toEqual(['bill-kept']);
  });

  it('a replace import of a plain workspace file (no bytes) keeps the stored file its records still cite', async () => {
    const companies = await workspaceWithEdited((record) => record);
    await importWorkspace(db, companies, 'replace', new Map());
    expect(await evidenceIds()).toEqual(['bill-gone', 'bill-kept']);
  });

  it('a merge import keeps the stored evidence files', async () => {
    const companies = await workspaceWithEdited((record) => ({ ...record, energyReadings: [], energyAttachments: [] }));
    await importWorkspace(db, companies, 'merge', new Map());
    expect(await evidenceIds()).toEqual(['bill-gone', 'bill-kept']);
  });
});
