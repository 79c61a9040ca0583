import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companySchema, type Company, type Store } from '../../../shared/domain/company';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { defaultEnergySettings, ledgerMonth, type EnergyReading, type EnergySettings } from '../../../shared/energy/ledger';
import { buildReading, planRecompute, type ReadingFields } from '../../../shared/energy/readingConversion';
import type { EnergySubmission } from '../../../shared/energy/submissions';
import { buildWorkspaceFile, companyDocumentSchema, parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import {
  blankCompanyInput, createCompany, deleteCompany, getAllCompanyRecords, getCompanyRecord, savePerson, saveStore,
} from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import {
  deleteEnergyReading, deleteEnergyReadings, describeEnergyAttachments, getEnergySettings, importCompanyRecordsWithEnergy,
  replaceRecomputedReadings, saveEnergyReading, saveEnergyReadings, saveEnergySettings, saveEnergySubmission, saveEnergyTraining,
  withEnergySettings, type NewAttachment,
} from '../../../renderer/storage/energyRepository';

let db: WorkbenchDatabase;
let company: Company;
let site: Store;
let seq = 0;

beforeEach(async () => {
  db = new WorkbenchDatabase(`energy-repo-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
  company = await createCompany(db, blankCompanyInput('北京示例数据有限公司'));
  site = await saveStore(db, { companyId: company.id, name: '亦庄数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: 12_000, note: '' });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function reading(month: string, amount: number, extra: Partial<ReadingFields> = {}, settings: EnergySettings = defaultEnergySettings()): EnergyReading {
  seq++;
  const [y, m] = month.split('-').map(Number);
  const built = buildReading({
    id: `r${seq}`, companyId: company.id, siteId: site.id, month: ledgerMonth(y ?? 0, m ?? 0), energyType: '电力', amount, unit: 'kWh',
    isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入', ...extra,
  }, settings);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

function file(id: string, text = 'bill'): NewAttachment {
  return { id, companyId: company.id, fileName: `${id}.jpg`, mimeType: 'image/jpeg', bytes: new TextEncoder().encode(text) };
}

describe('readings', () => {
  it('stores a reading with its evidence file and reads it back through the company record', async () => {
    await saveEnergyReading(db, reading('2021-10', 1000, { documentId: 'a1' }), file('a1'));
    const record = await getCompanyRecord(db, company.id);
    expect(record?.energyReadings?.map((r) => [r.month, r.amount, r.documentId])).toEqual([['2021-10', 1000, 'a1']]);
    const info = await describeEnergyAttachments(db, ['a1']);
    expect(info.get('a1')).toMatchObject({ fileName: 'a1.jpg', size: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
  });

  it('refuses a duplicate month of the same series inside the transaction, writing nothing', async () => {
    await saveEnergyReading(db, reading('2021-10', 1000));
    await expect(saveEnergyReading(db, reading('2021-10', 2000, { documentId: 'a2' }), file('a2'))).rejects.toThrow('不能重复录入');
    expect(await db.energyReadings.count()).toBe(1);
    expect(await db.energyAttachments.count()).toBe(0);
    // The IT sub-meter of the same month is another series.
    await saveEnergyReading(db, reading('2021-10', 800, { isItEquipment: true }));
    expect(await db.energyReadings.count()).toBe(2);
  });

  it('refuses a reading for a company deleted meanwhile', async () => {
    const r = reading('2021-10', 1000);
    await deleteCompany(db, company.id);
    await expect(saveEnergyReading(db, r)).rejects.toThrow('所属企业已不存在');
    expect(await db.energyReadings.count()).toBe(0);
  });

  it('an import is all or nothing: one stored duplicate aborts every row and the file', async () => {
    await saveEnergyReading(db, reading('2021-03', 1000));
    const batch = ['2021-01', '2021-02', '2021-03'].map((m) => reading(m, 1000, { entryMethod: '表格导入', documentId: 'src' }));
    await expect(saveEnergyReadings(db, batch, file('src'))).rejects.toThrow('2021-03');
    expect(await db.energyReadings.count()).toBe(1);
    expect(await db.energyAttachments.count()).toBe(0);
    expect(await saveEnergyReadings(db, batch.slice(0, 2), file('src'))).toBe(2);
    expect(await db.energyReadings.count()).toBe(3);
  });

  it('deleting the last reading that uses an attachment deletes the attachment too', async () => {
    const a = reading('2021-01', 1000, { documentId: 'shared' });
    const b = reading('2021-02', 1000, { documentId: 'shared' });
    await saveEnergyReadings(db, [a, b], file('shared'));
    await deleteEnergyReading(db, a.id);
    expect(await db.energyAttachments.count()).toBe(1);
    await deleteEnergyReading(db, b.id);
    expect(await db.energyAttachments.count()).toBe(0);
  });

  it('deletes several readings in one transaction: a refusal half-way deletes none', async () => {
    const a = reading('2021-01', 1000, { documentId: 'shared' });
    const b = reading('2021-02', 1000, { documentId: 'shared' });
    const c = reading('2021-03', 1000);
    await saveEnergyReadings(db, [a, b], file('shared'));
    await saveEnergyReadings(db, [c]);
    // The company row removed underneath: touching it fails once the first reading is deleted.
    await db.companies.delete(c.companyId);
    await expect(deleteEnergyReadings(db, [a.id, b.id, c.id])).rejects.toThrow();
    expect(await db.energyReadings.count()).toBe(3);
    expect(await db.energyAttachments.count()).toBe(1);
  });

  it('deletes several readings and the attachment only they used', async () => {
    const a = reading('2021-01', 1000, { documentId: 'shared' });
    const b = reading('2021-02', 1000, { documentId: 'shared' });
    await saveEnergyReadings(db, [a, b], file('shared'));
    await deleteEnergyReadings(db, [a.id, b.id]);
    expect(await db.energyReadings.count()).toBe(0);
    expect(await db.energyAttachments.count()).toBe(0);
  });
});

describe('settings and recompute', () => {
  it('saving a coefficient never rewrites stored readings; recomputing is an explicit write of the plan', async () => {
    const gas = (month: string, settings: EnergySettings) => reading(month, 1000, { energyType: '天然气', unit: 'm³' }, settings);
    const v1: EnergySettings = { ...defaultEnergySettings(), coefficients: [{ energyType: '天然气', perUnit: 'm³', value: 1.2, basis: null, source: '企业实测', reference: '2021 热值单' }] };
    await saveEnergySettings(db, company.id, v1);
    const stored = gas('2021-10', v1);
    await saveEnergyReading(db, stored);

    const v2: EnergySettings = { ...v1, coefficients: [{ ...v1.coefficients[0]!, value: 1.25, reference: '2022 热值单' }] };
    await saveEnergySettings(db, company.id, v2);
    expect((await getEnergySettings(db, company.id)).coefficients[0]?.value).toBe(1.25);
    expect((await db.energyReadings.get(stored.id))?.tce).toBe(1.2);

    const plan = planRecompute([stored], v2);
    const changes = plan.changes.filter((c) => c.isChanged).map((c) => ({ before: c.reading, after: c.updated }));
    expect(await replaceRecomputedReadings(db, changes)).toBe(1);
    expect((await db.energyReadings.get(stored.id))?.coefficient.reference).toBe('2022 热值单');
    expect((await db.energyReadings.get(stored.id))?.tce).toBe(1.25);
    // The plan is stale now: writing it again is refused.
    await expect(replaceRecomputedReadings(db, changes)).rejects.toThrow('请重新生成预览');
  });
});

describe('trainings and submissions', () => {
  it('refuses a training of a person who is not there and a second submission of the same month', async () => {
    const person = await savePerson(db, {
      companyId: company.id, name: '吴静', idNumber: '', roles: ['能源管理负责人'], phone: '', storeId: null, practiceStoreId: null,
      certificates: [], contractStart: null, contractEnd: null, isContractOpenEnded: false, note: '',
    });
    const training = { id: 't1', companyId: company.id, personId: person.id, date: asIsoDate('2021-09-15'), course: '节能培训', hours: 8, organizer: '', certificateDocumentId: null, note: '' };
    await saveEnergyTraining(db, training);
    await expect(saveEnergyTraining(db, { ...training, id: 't2', personId: 'nobody' })).rejects.toThrow('人员已不存在');

    const submission: EnergySubmission = { id: 'x1', companyId: company.id, month: ledgerMonth(2021, 10), submittedOn: asIsoDate('2021-11-08'), receiptDocumentId: 'rc', note: '' };
    await saveEnergySubmission(db, submission, file('rc'));
    await expect(saveEnergySubmission(db, { ...submission, id: 'x2', receiptDocumentId: null })).rejects.toThrow('已有报送记录');
    await saveEnergySubmission(db, { ...submission, submittedOn: asIsoDate('2021-11-09') });
    expect((await db.energySubmissions.get('x1'))?.submittedOn).toBe('2021-11-09');
  });
});

describe('workspace export and import', () => {
  it('round-trips readings, trainings, submissions and settings through the workspace file', async () => {
    const settings: EnergySettings = { ...defaultEnergySettings(), submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '平台通知' } };
    await saveEnergySettings(db, company.id, settings);
    await saveEnergyReading(db, reading('2021-10', 1000));
    await saveEnergySubmission(db, { id: 'x1', companyId: company.id, month: ledgerMonth(2021, 10), submittedOn: asIsoDate('2021-11-08'), receiptDocumentId: null, note: '' });

    const records = await withEnergySettings(db, await getAllCompanyRecords(db));
    const parsed = parseWorkspaceFile(JSON.stringify(buildWorkspaceFile(records, '2021-12-01T00:00:00Z', 'test')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.companies[0]).toMatchObject({
      energyReadings: [expect.objectContaining({ month: '2021-10' }) as unknown],
      energySubmissions: [expect.objectContaining({ submittedOn: '2021-11-08' }) as unknown],
      energySettings: { submissionDay: { dayOfMonth: 10 } },
    });

    await deleteCompany(db, company.id);
    // deleteCompany cascades over every companyId-keyed table, settings included.
    expect(await db.energySettings.count()).toBe(0);
    const summary = await importCompanyRecordsWithEnergy(db, toCompanyRecords(parsed.value), 'replace');
    expect(summary.added).toBe(1);
    expect((await getEnergySettings(db, company.id)).submissionDay?.source).toBe('平台通知');
    expect(await db.energyReadings.count()).toBe(1);
    expect(await db.energySubmissions.count()).toBe(1);
  });

  it('merge keeps stored settings when the file carries only defaults; a failure writes neither', async () => {
    const settings: EnergySettings = { ...defaultEnergySettings(), electricityBasis: '等价值' };
    await saveEnergySettings(db, company.id, settings);
    const [record] = await getAllCompanyRecords(db);
    if (!record) throw new Error('no record');
    await importCompanyRecordsWithEnergy(db, [{ ...record, energySettings: defaultEnergySettings() }], 'merge');
    expect((await getEnergySettings(db, company.id)).electricityBasis).toBe('等价值');

    const broken = { ...record, energySettings: defaultEnergySettings(), energyReadings: [{ ...reading('2021-01', 1), id: undefined } as unknown as EnergyReading] };
    await expect(importCompanyRecordsWithEnergy(db, [broken], 'replace')).rejects.toThrow();
    expect((await getEnergySettings(db, company.id)).electricityBasis).toBe('等价值');
    expect(await db.stores.count()).toBe(1);
  });
});

describe('workspace import with documents', () => {
  it('writes the file’s document metadata in the same transaction, marked as lacking its file', async () => {
    const company: Company = companySchema.parse({ id: 'doc-co', name: '文件企业', createdAt: 'x', updatedAt: 'x' });
    const document = companyDocumentSchema.parse({
      id: 'doc-1', companyId: 'doc-co', kind: '营业执照', title: '营业执照正本', fileName: 'licence.pdf',
      mimeType: 'application/pdf', size: 1024, sha256: 'a'.repeat(64),
    });
    const parsed = parseWorkspaceFile(JSON.stringify(buildWorkspaceFile([{ company, people: [], licences: [], vehicles: [], stores: [], events: [] }], 'x', 'test', [document])));
    if (!parsed.ok) throw new Error(parsed.error.message);
    await importCompanyRecordsWithEnergy(db, toCompanyRecords(parsed.value), 'merge');
    const stored = await db.documents.get('doc-1');
    expect(stored).toMatchObject({ companyId: 'doc-co', title: '营业执照正本', sha256: 'a'.repeat(64), hasFile: false });
  });
});
