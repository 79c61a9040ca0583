import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { Person } from '../../../shared/domain/company';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { KEYRING_SETTING } from '../../../shared/vault/vaultCrypto';
import { blankCompanyInput, createCompany, savePerson } from '../../../renderer/storage/companyRepository';
import { listRecordHistory } from '../../../renderer/storage/changeLogRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { addDocument, getDocumentBlob } from '../../../renderer/storage/documentRepository';
import { VaultLockedError } from '../../../renderer/storage/vaultMiddleware';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import {
  changePassphrase, disableEncryption, enableEncryption, initializeVault, unlockWithPassphrase, type OsKeyStoreLike, type VaultDeps,
} from '../../../renderer/storage/vaultOperations';

/*
 * Encryption at rest (issue 6): the stored data is searched for a test ID number in plain text
 * and none is found while encryption is on (and it IS found when off, so the search can fail).
 * The same search over Chromium's own storage, on disk, is tests/e2e/encryption.spec.ts.
 */

const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';
const PASSPHRASE = '京合规-恢复口令-2026';
const crypto = webCryptoPort(globalThis.crypto);

class MemoryOsKeyStore implements OsKeyStoreLike {
  stored: { keyBase64: string; keyId: string } | null = null;
  constructor(private readonly isAvailable = true) {}
  status() {
    return Promise.resolve({ isAvailable: this.isAvailable, reason: null, hasKey: this.stored !== null });
  }
  save(keyBase64: string, keyId: string) {
    this.stored = { keyBase64, keyId };
    return Promise.resolve();
  }
  load() {
    return Promise.resolve(this.stored);
  }
  clear() {
    this.stored = null;
    return Promise.resolve();
  }
}

interface Machine {
  readonly session: VaultSession;
  readonly db: WorkbenchDatabase;
  readonly rawDb: WorkbenchDatabase;
  readonly osKeyStore: MemoryOsKeyStore;
  readonly deps: VaultDeps;
}

const opened: Dexie[] = [];
const names: string[] = [];

function machine(name: string, osKeyStore = new MemoryOsKeyStore()): Machine {
  const session = new VaultSession(crypto);
  const db = createAppDatabase(session, name);
  const rawDb = new WorkbenchDatabase(name);
  opened.push(db, rawDb);
  names.push(name);
  return { session, db, rawDb, osKeyStore, deps: { rawDb, session, osKeyStore, iterations: 1_000 } };
}

let m: Machine;

beforeEach(() => {
  m = machine(`vault-test-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Every stored value of every table, as the disk holds it (the raw connection), as one string. */
async function dumpStore(rawDb: WorkbenchDatabase): Promise<string> {
  const parts: string[] = [];
  for (const table of rawDb.tables) parts.push(JSON.stringify(await table.toArray()));
  return parts.join('\n');
}

async function pharmacyWithPharmacist(db: WorkbenchDatabase): Promise<{ companyId: string; person: Person }> {
  const company = await createCompany(db, blankCompanyInput('北京测试大药房有限公司'));
  const person = await savePerson(db, {
    companyId: company.id, name: '张三', idNumber: ID_NUMBER, roles: ['执业药师'], phone: PHONE, storeId: null, practiceStoreId: null,
    certificates: [], contractStart: asIsoDate('2025-01-01'), contractEnd: asIsoDate('2028-01-01'), isContractOpenEnded: false, note: '',
  });
  return { companyId: company.id, person };
}

describe('encryption at rest of personal fields', () => {
  it('control: with encryption off the ID number is stored in plain text', async () => {
    await pharmacyWithPharmacist(m.db);
    expect(await dumpStore(m.rawDb)).toContain(ID_NUMBER);
  });

  it('turning it on seals what was stored, and what is saved later; the app still reads plaintext', async () => {
    const { companyId, person } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    const second = await savePerson(m.db, { ...person, id: undefined, name: '李四', idNumber: '110105194912310037' });
    await savePerson(m.db, { ...person, contractEnd: asIsoDate('2030-01-01') });

    const dump = await dumpStore(m.rawDb);
    expect(dump).not.toContain(ID_NUMBER);
    expect(dump).not.toContain('110105194912310037');
    expect(dump).not.toContain(PHONE);
    expect(dump).toContain('cw-sealed:v1:');
    // Not personal, so not sealed: the rest of the record stays searchable and indexable.
    expect(dump).toContain('张三');

    expect((await m.db.people.get(person.id))?.idNumber).toBe(ID_NUMBER);
    expect((await m.db.people.get(second.id))?.idNumber).toBe('110105194912310037');
    const history = await listRecordHistory(m.db, 'people', person.id);
    expect(history.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history[1]!.after).toMatchObject({ idNumber: ID_NUMBER });
    expect((await m.db.companies.get(companyId))?.name).toBe('北京测试大药房有限公司');
  });

  it('seals document titles, file names and numbers', async () => {
    const { companyId } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    await m.db.documents.put({
      id: 'd1', companyId, kind: '身份证复印件', title: `张三身份证 ${ID_NUMBER}`, fileName: `${ID_NUMBER}.jpg`, mimeType: 'image/jpeg', size: 1,
      sha256: '', number: ID_NUMBER, issuer: '', validFrom: null, validTo: null, subject: null, addedAt: '', updatedAt: '', hasFile: false,
    });
    expect(await dumpStore(m.rawDb)).not.toContain(ID_NUMBER);
    expect((await m.db.documents.get('d1'))?.number).toBe(ID_NUMBER);
  });

  it('refuses an unsealed file while encryption is on', async () => {
    const { companyId } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    await expect(m.db.documentFiles.put({ id: 'f1', companyId, blob: new Blob(['plain']) })).rejects.toThrow('文件须加密后才能保存');
  });

  it('refuses writes while locked and keeps the stored data', async () => {
    const { person } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    m.session.lock();
    await expect(savePerson(m.db, { ...person, name: '张三丰' })).rejects.toBeInstanceOf(VaultLockedError);
    await unlockWithPassphrase(m.deps, PASSPHRASE);
    expect(await m.db.people.get(person.id)).toMatchObject({ name: '张三', idNumber: ID_NUMBER });
  });

  it('opens with the OS-held key at start; without it asks for the passphrase, and a wrong one is refused', async () => {
    await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    expect(m.osKeyStore.stored?.keyId).toMatch(/^[0-9a-f]{16}$/);

    // The next start of the same machine.
    const restart = machine(m.db.name, m.osKeyStore);
    expect(await initializeVault(restart.deps)).toBe('unlocked');
    expect((await restart.db.people.toArray())[0]?.idNumber).toBe(ID_NUMBER);

    // Another machine: the same data (a restored backup), no OS key for it.
    const other = machine(m.db.name, new MemoryOsKeyStore());
    expect(await initializeVault(other.deps)).toBe('locked');
    await expect(unlockWithPassphrase(other.deps, '不对的口令12345')).rejects.toThrow('恢复口令不正确');
    await unlockWithPassphrase(other.deps, PASSPHRASE);
    expect((await other.db.people.toArray())[0]?.idNumber).toBe(ID_NUMBER);
    expect(other.osKeyStore.stored?.keyId).toBe(m.osKeyStore.stored?.keyId);
  });

  it('restores on another machine from the stored rows alone, with the passphrase', async () => {
    await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    // What a backup carries: every table as stored.
    const tables = await Promise.all(m.rawDb.tables.map(async (t) => [t.name, await t.toArray()] as const));

    const target = machine(`vault-test-target-${Math.random().toString(36).slice(2)}`, new MemoryOsKeyStore());
    await target.rawDb.transaction('rw', target.rawDb.tables, async () => {
      for (const [name, rows] of tables) await target.rawDb.table(name).bulkAdd(rows);
    });
    expect(await initializeVault(target.deps)).toBe('locked');
    await unlockWithPassphrase(target.deps, PASSPHRASE);
    expect((await target.db.people.toArray())[0]).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE });
  });

  it('turning it off opens everything again and forgets the key', async () => {
    const { person } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    await disableEncryption(m.deps);
    const dump = await dumpStore(m.rawDb);
    expect(dump).toContain(ID_NUMBER);
    expect(dump).not.toContain('cw-sealed:v1:');
    expect(await m.rawDb.settings.get(KEYRING_SETTING)).toBeUndefined();
    expect(m.osKeyStore.stored).toBeNull();
    expect(m.session.isEnabled()).toBe(false);
    expect((await m.db.people.get(person.id))?.idNumber).toBe(ID_NUMBER);
    expect(await initializeVault(m.deps)).toBe('off');
  });

  it('changes the passphrase without re-encrypting, after checking the current one', async () => {
    await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    await expect(changePassphrase(m.deps, '不是当前口令123', '新的恢复口令-2027')).rejects.toThrow('恢复口令不正确');
    await changePassphrase(m.deps, PASSPHRASE, '新的恢复口令-2027');
    const other = machine(m.db.name, new MemoryOsKeyStore());
    await initializeVault(other.deps);
    await expect(unlockWithPassphrase(other.deps, PASSPHRASE)).rejects.toThrow('恢复口令不正确');
    await unlockWithPassphrase(other.deps, '新的恢复口令-2027');
    expect((await other.db.people.toArray())[0]?.idNumber).toBe(ID_NUMBER);
  });

  it('refuses a short passphrase and leaves everything as it was when turning on fails midway', async () => {
    await pharmacyWithPharmacist(m.db);
    await expect(enableEncryption(m.deps, 'short')).rejects.toThrow('至少需要 8 个字符');
    const before = await dumpStore(m.rawDb);
    const spy = vi.spyOn(m.rawDb.settings, 'put').mockRejectedValueOnce(new Error('磁盘已满'));
    await expect(enableEncryption(m.deps, PASSPHRASE)).rejects.toThrow('磁盘已满');
    spy.mockRestore();
    expect(await dumpStore(m.rawDb)).toBe(before);
    expect(m.session.isEnabled()).toBe(false);
    expect(m.session.isUnlocked()).toBe(false);
    // The page keeps working unencrypted.
    await createCompany(m.db, blankCompanyInput('北京另一家有限公司'));
  });

  it('seals a document file on its way in and opens it on the way out; turning off opens it in place', async () => {
    const { companyId } = await pharmacyWithPharmacist(m.db);
    await enableEncryption(m.deps, PASSPHRASE);
    const text = `身份证 ${ID_NUMBER}`;
    const bytes = new TextEncoder().encode(text);
    await addDocument(m.db, {
      id: 'd2', companyId, kind: '身份证复印件', title: '', fileName: 'id.txt', mimeType: 'text/plain', size: bytes.length, sha256: '',
      number: '', issuer: '', validFrom: null, validTo: null, subject: null,
    }, new Blob([bytes], { type: 'text/plain' }));

    const stored = (await m.rawDb.documentFiles.get('d2'))!.blob;
    expect(stored.type).toBe('application/x-cw-sealed');
    expect(new TextDecoder('latin1').decode(await stored.arrayBuffer())).not.toContain(ID_NUMBER);
    const opened = await getDocumentBlob(m.db, 'd2');
    expect(opened?.type).toBe('text/plain');
    expect(await opened?.text()).toBe(text);

    await disableEncryption(m.deps);
    const plain = (await m.rawDb.documentFiles.get('d2'))!.blob;
    expect(plain.type).toBe('text/plain');
    expect(await plain.text()).toBe(text);
  });
});
