import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { defaultEnergySettings, ledgerMonth } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import { SEALED_BLOB_TYPE } from '../../../shared/vault/vaultCrypto';
import { runReadJob, runWriteJob } from '../../../renderer/storage/backup/archiveJobs';
import { atCurrentVersion, readWorkspace, replaceWorkspace } from '../../../renderer/storage/backup/workspaceSnapshot';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { getEnergyAttachment, saveEnergyReading } from '../../../renderer/storage/energyRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { materialize, storedRows } from '../storage/migrations/migrationFixture';
import { readFixture } from '../storage/migrations/describeFixtureUpgrade';
import { seededBytes } from '../workspace/packageKit';

/*
 * Energy evidence in backups: a backup moves every table as stored (the evidence metadata in
 * energyAttachments, its bytes in the one file store documentFiles since schema version 7, sealed
 * when encrypted at rest), so a reading's bill photo comes back from a restore byte for byte, from
 * a current store and from a backup of an older schema version (upgraded through the scratch
 * database in workspaceSnapshot.ts, whose version-7 upgrade moves the bytes into documentFiles).
 */

const PHOTO = seededBytes(120_000, 13);
const opened: Dexie[] = [];

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

afterEach(async () => {
  const dbs = opened.splice(0);
  for (const db of dbs) db.close();
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name);
});

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

async function backupBytes(db: Dexie): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await runWriteJob(await readWorkspace(db), { createdAt: '2026-12-06T05:00:00.000Z', appVersion: '0.1.0', passphrase: null }, (c) => chunks.push(c), () => undefined);
  return Buffer.concat(chunks);
}

/** Backs up `source` (a plain connection, as the app's backup does) and restores into a new store of that name. */
async function backUpAndRestore(source: Dexie, targetName: string): Promise<void> {
  const verified = await runReadJob(await backupBytes(source), null, () => undefined);
  if (!verified.ok) throw new Error(verified.error.message);
  const target = track(new WorkbenchDatabase(targetName));
  await replaceWorkspace(target, await atCurrentVersion(verified.value.workspace, target, (n) => track(new WorkbenchDatabase(n))));
  target.close();
}

async function vaultOf(key: Uint8Array | null): Promise<VaultSession> {
  const vault = new VaultSession(webCryptoPort(globalThis.crypto));
  if (key) {
    await vault.unlock(key);
    vault.setEnabled(true);
  }
  return vault;
}

describe('energy evidence in a backup', () => {
  for (const isEncrypted of [false, true]) {
    it(`restores a reading's bill photo byte for byte (${isEncrypted ? 'encrypted at rest' : 'plain store'})`, async () => {
      const key = isEncrypted ? globalThis.crypto.getRandomValues(new Uint8Array(32)) : null;
      const sourceName = uniqueName('evidence-backup-source');
      const source = track(createAppDatabase(await vaultOf(key), sourceName));
      const company = await createCompany(source, blankCompanyInput('北京能耗凭证备份有限公司'));
      const reading = buildReading({
        id: 'reading-1', companyId: company.id, siteId: null, month: ledgerMonth(2026, 9), energyType: '电力', amount: 8_000, unit: 'kWh',
        isItEquipment: false, documentId: 'bill-1', note: '', confirmedOutlier: false, entryMethod: '手工录入',
      }, defaultEnergySettings());
      if (!reading.ok) throw new Error(reading.error.message);
      await saveEnergyReading(source, reading.value, { id: 'bill-1', companyId: company.id, fileName: '电费单.jpg', mimeType: 'image/jpeg', bytes: PHOTO });

      const targetName = uniqueName('evidence-backup-target');
      await backUpAndRestore(track(new WorkbenchDatabase(sourceName)), targetName);

      // The same key opens it: the restored store is the source's, sealed rows and all.
      const target = track(createAppDatabase(await vaultOf(key), targetName));
      expect((await target.energyReadings.get('reading-1'))?.documentId).toBe('bill-1');
      const bill = await getEnergyAttachment(target, 'bill-1');
      expect(bill).toMatchObject({ fileName: '电费单.jpg', mimeType: 'image/jpeg', size: PHOTO.byteLength });
      expect(new Uint8Array(await (bill?.blob ?? new Blob()).arrayBuffer())).toEqual(PHOTO);
      const raw = await track(new WorkbenchDatabase(targetName)).documentFiles.get('bill-1');
      expect(raw?.blob.type).toBe(isEncrypted ? SEALED_BLOB_TYPE : 'image/jpeg');
    });
  }

  it('restores the evidence files of a schema-version-4 backup, upgraded to the current version, byte for byte', async () => {
    const fixture = readFixture(new URL('../storage/migrations/fixtures/v4.json', import.meta.url));
    const oldName = uniqueName('evidence-backup-v4');
    await materialize(fixture, oldName);
    const old = track(new Dexie(oldName));
    old.version(fixture.schemaVersion).stores({ ...fixture.stores });

    const targetName = uniqueName('evidence-backup-v4-target');
    await backUpAndRestore(old, targetName);

    const target = track(createAppDatabase(await vaultOf(null), targetName));
    const expected = storedRows(fixture).energyAttachments as { id: string; blob: Blob }[];
    expect(expected.length).toBe(4);
    expect(await target.energyAttachments.count()).toBe(expected.length);
    for (const row of expected) {
      const restored = await getEnergyAttachment(target, row.id);
      expect(new Uint8Array(await (restored?.blob ?? new Blob()).arrayBuffer()), row.id).toEqual(new Uint8Array(await row.blob.arrayBuffer()));
    }
  });
  it('restores a schema-version-6 backup with each evidence file’s bytes moved into documentFiles and its metadata kept', async () => {
    const fixture = readFixture(new URL('../storage/migrations/fixtures/v6.json', import.meta.url));
    const oldName = uniqueName('evidence-backup-v6');
    await materialize(fixture, oldName);
    const old = track(new Dexie(oldName));
    old.version(fixture.schemaVersion).stores({ ...fixture.stores });

    const targetName = uniqueName('evidence-backup-v6-target');
    await backUpAndRestore(old, targetName);

    const raw = track(new WorkbenchDatabase(targetName));
    const expected = storedRows(fixture).energyAttachments as { id: string; companyId: string; blob: Blob }[];
    expect(expected.length).toBe(5);
    for (const { blob, ...metadata } of expected) {
      expect(await raw.energyAttachments.get(metadata.id), metadata.id).toEqual(metadata);
      const file = await raw.documentFiles.get(metadata.id);
      expect(file?.companyId, metadata.id).toBe(metadata.companyId);
      expect(file?.blob.type, metadata.id).toBe(blob.type);
      expect(new Uint8Array(await (file?.blob ?? new Blob()).arrayBuffer()), metadata.id).toEqual(new Uint8Array(await blob.arrayBuffer()));
    }
    // The documents' own files came through beside them.
    expect(await raw.documentFiles.count()).toBe(expected.length + (fixture.tables.documentFiles?.length ?? 0));
  });
});
