import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { Duty } from '../../../shared/deadlines/duties';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { createRepositories, type Repositories } from '../../../renderer/storage/repositories';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { markDone, type MarkDoneValues } from '../../../renderer/features/deadlines/dutyActions';
import type { DutyRow } from '../../../renderer/features/deadlines/dutyModel';

/*
 * 标记完成 below its dialog (renderer/features/deadlines/dutyActions.ts): the evidence names
 * what proves the duty, and a new proof file is stored with the completion in one transaction.
 */

const TODAY = asIsoDate('2026-11-26');
const KEY = 'car-rental-opinions/usage-change:change|v1|fixed';
const PROOF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

let db: WorkbenchDatabase;
let repositories: Repositories;
let companyId: string;

beforeEach(async () => {
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `duty-actions-${Math.random().toString(36).slice(2)}`);
  repositories = createRepositories(db);
  companyId = (await createCompany(db, blankCompanyInput('北京顺达通汽车租赁有限公司'))).id;
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The fields of a tracker row that 标记完成 reads (the duty's key, title and subject). */
function rowOf(title: string): DutyRow {
  const duty = { key: KEY, title, subject: { kind: 'vehicle', id: 'v1', label: '京N3K218' } } as unknown as Duty;
  return { duty, companyId, companyName: '北京顺达通汽车租赁有限公司', group: 'overdue', date: null, domain: null, isDoneInEnergyLedger: false };
}

function values(overrides: Partial<MarkDoneValues>): MarkDoneValues {
  return { doneOn: asIsoDate('2026-11-20'), evidence: '', documentId: null, proof: null, actor: '王敏', ...overrides };
}

const proofFile = () => ({
  file: new File([PROOF], '变更后行驶证.pdf', { type: 'application/pdf' }),
  checked: { mimeType: 'application/pdf', sha256: 'a'.repeat(64) },
}) as unknown as NonNullable<MarkDoneValues['proof']>;

describe('markDone', () => {
  it('stores a new proof file in the library and names it in the evidence', async () => {
    const said = await markDone(repositories, { row: rowOf('将车辆使用性质变更为“租赁”'), today: TODAY, values: values({ evidence: '回执 123', proof: proofFile() }), libraryDocuments: [] });
    expect(said).toBe('已标记完成；证明文件“变更后行驶证.pdf”已存入文件库');
    const [document] = await repositories.listDocuments(companyId);
    expect(document).toMatchObject({ kind: '其他', title: '将车辆使用性质变更为“租赁”（京N3K218）（办理证明）', fileName: '变更后行驶证.pdf', hasFile: true });
    expect(new Uint8Array(await (await repositories.getDocumentBlob(document!.id))!.arrayBuffer())).toEqual(PROOF);
    const record = await repositories.getCompanyRecord(companyId);
    expect(record?.dutyTracking).toEqual([expect.objectContaining({
      key: KEY, isDone: true, doneOn: '2026-11-20',
      evidence: `回执 123；材料库：其他《将车辆使用性质变更为“租赁”（京N3K218）（办理证明）》[材料编号 ${document!.id}]`,
    })]);
    expect(await repositories.getSetting('deadlines.actorName')).toBe('王敏');
  });

  it('leaves no proof file behind when the duty cannot be marked done', async () => {
    await markDone(repositories, { row: rowOf('事项'), today: TODAY, values: values({ evidence: '回执 1' }), libraryDocuments: [] });
    await expect(markDone(repositories, { row: rowOf('事项'), today: TODAY, values: values({ proof: proofFile() }), libraryDocuments: [] }))
      .rejects.toThrow('该事项已标记为完成');
    expect(await repositories.listDocuments(companyId)).toEqual([]);
    expect(await db.documentFiles.count()).toBe(0);
  });

  it('names a document picked from the library', async () => {
    const picked = { id: 'doc-1', kind: '备案回执', title: '', fileName: '回执.pdf' };
    await markDone(repositories, {
      row: rowOf('事项'), today: TODAY, values: values({ documentId: 'doc-1' }),
      libraryDocuments: [picked as unknown as Parameters<typeof markDone>[1]['libraryDocuments'][number]],
    });
    const record = await repositories.getCompanyRecord(companyId);
    expect(record?.dutyTracking?.[0]?.evidence).toBe('材料库：备案回执《回执.pdf》[材料编号 doc-1]');
  });
});
