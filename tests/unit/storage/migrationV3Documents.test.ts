import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { companyDocumentSchema, type CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { deleteCompany } from '../../../renderer/storage/companyRepository';
import {
  deleteDocument, getChecklistState, importDocumentMetadata, listDocuments, recordPacket, listPacketHistory, updateMaterialState,
} from '../../../renderer/storage/documentRepository';
import { V1_STORES, scratchDatabases } from './scratchDatabases';

/**
 * Schema version 3 (the document vault), in the pattern of migrations.test.ts: a database written
 * at versions 1 and 2 opened by WorkbenchDatabase keeps its data and gains the vault's tables. Blob
 * round trips are tested in Chromium (tests/e2e/documents.spec.ts): fake-indexeddb drops Blobs.
 */

const { freshName, track } = scratchDatabases('migration-v3-test');

const DOCUMENT: CompanyDocument = companyDocumentSchema.parse({
  id: 'd1', companyId: 'c1', kind: '营业执照', title: '营业执照（副本）', fileName: 'licence.pdf', mimeType: 'application/pdf', size: 10,
  sha256: '', number: '91110105MA00000012', issuer: '北京市朝阳区市场监督管理局', validFrom: null, validTo: '2030-01-01', subject: null,
});

describe('schema version 3: the document vault', () => {
  it('creates the vault tables with their keys and indexes', async () => {
    const db = new WorkbenchDatabase(freshName());
    track(db);
    await db.open();
    const expected: Record<string, { readonly primaryKey: string | null; readonly indexes: readonly string[] }> = {
      documents: { primaryKey: 'id', indexes: ['companyId', 'kind', 'validTo', '[companyId+kind]'] },
      documentFiles: { primaryKey: 'id', indexes: ['companyId'] },
      formMappings: { primaryKey: 'id', indexes: [] },
      checklistStates: { primaryKey: 'id', indexes: ['companyId'] },
      packetHistory: { primaryKey: 'seq', indexes: ['companyId'] },
    };
    for (const [table, spec] of Object.entries(expected)) {
      expect(db.table(table).schema.primKey.keyPath, table).toBe(spec.primaryKey);
      expect(db.table(table).schema.indexes.map((i) => i.name), table).toEqual(expect.arrayContaining([...spec.indexes]));
    }
    expect(db.table('packetHistory').schema.primKey.auto).toBe(true);
  });

  it('upgrades a version-2 database: data kept, vault tables empty and usable, company delete cascades', async () => {
    const name = freshName();
    const old = new Dexie(name);
    track(old);
    old.version(1).stores(V1_STORES);
    old.version(2).stores({ dutyTracking: 'id, companyId, key', dutySchedules: 'id, companyId', dutyHistory: 'id, companyId, key, at' });
    await old.table('companies').put({ id: 'c1', name: '北京康宁大药房有限公司', uscc: '', updatedAt: '2026-01-01T00:00:00.000Z' });
    await old.table('dutyTracking').put({ id: 't1', companyId: 'c1', key: 'k' });
    old.close();

    const db = new WorkbenchDatabase(name);
    track(db);
    await db.open();
    expect((await db.companies.get('c1'))?.name).toBe('北京康宁大药房有限公司');
    expect(await db.table('dutyTracking').count()).toBe(1);
    for (const table of ['documents', 'documentFiles', 'formMappings', 'checklistStates', 'packetHistory']) expect(await db.table(table).count(), table).toBe(0);

    // Metadata arriving without its file (a plain workspace.json) is kept and marked as such.
    await importDocumentMetadata(db, [DOCUMENT]);
    const [stored] = await listDocuments(db, 'c1');
    expect(stored?.hasFile).toBe(false);
    expect(await db.documents.where('[companyId+kind]').equals(['c1', '营业执照']).count()).toBe(1);

    await updateMaterialState(db, 'c1', 'pharmacy-designation/designation-application', 'licences-and-ids', (s) => ({ ...s, documentIds: ['d1'] }));
    expect((await getChecklistState(db, 'c1', 'pharmacy-designation/designation-application'))?.materials['licences-and-ids']?.documentIds).toEqual(['d1']);
    await expect(updateMaterialState(db, 'c1', 'x/y', 'm', (s) => ({ ...s, documentIds: ['nope'] }))).rejects.toThrow('所附材料已不存在');

    // Deleting a document removes it from every checklist too.
    await deleteDocument(db, 'd1');
    expect((await getChecklistState(db, 'c1', 'pharmacy-designation/designation-application'))?.materials['licences-and-ids']?.documentIds).toEqual([]);

    await recordPacket(db, { companyId: 'c1', itemId: 'a/b', itemTitle: 'T', builtAt: '2026-11-26T00:00:00.000Z', fileName: 'p.pdf', pageCount: 3, size: 100, parts: [], skipped: [], missingMaterials: [] });
    expect(await listPacketHistory(db, 'c1')).toHaveLength(1);
    await importDocumentMetadata(db, [DOCUMENT]);
    await deleteCompany(db, 'c1');
    for (const table of ['documents', 'documentFiles', 'checklistStates', 'packetHistory']) expect(await db.table(table).count(), table).toBe(0);
  });
});
