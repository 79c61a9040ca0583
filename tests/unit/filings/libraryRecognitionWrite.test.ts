import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { blankCompanyInput, createCompany, getCompanyRecord, saveVehicle } from '../../../renderer/storage/companyRepository';
import { listCompanyHistory } from '../../../renderer/storage/changeLogRepository';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { getDocumentBlob, listDocuments } from '../../../renderer/storage/documentRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { confirmedValues, initialReview, sourceNoteOf } from '../../../renderer/features/recognition/recognitionReview';
import { documentFill, factPlan, LIBRARY_TARGETS } from '../../../renderer/features/filings/libraryRecognition';
import { addRecognisedDocument, updateRecognisedDocument, type LibraryRecognised } from '../../../renderer/features/filings/libraryRecognitionWrite';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { DocumentKind } from '../../../shared/ocr/fields';
import { createRepositories } from '../../../renderer/storage/repositories';

/*
 * 保存 after 识别并核对 in the document library (issue 18): the document (with its file) and the
 * ticked fact updates commit together, their history entries carrying the scan's source, or
 * nothing is written.
 */

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `library-recognition-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const box = { x: 0, y: 0, width: 10, height: 10 };

function recognise(kind: DocumentKind, record: CompanyRecord, read: Readonly<Record<string, string>>) {
  const fields = initialReview(Object.entries(read).map(([field, value]) => ({ field, value, raw: value, confidence: 0.97, status: 'ok' as const, problem: null, box })), LIBRARY_TARGETS[kind]);
  const values = confirmedValues(fields);
  const plan = factPlan(kind, values, record);
  const recognised: LibraryRecognised = { kind, note: sourceNoteOf(kind, '执照.jpg', fields), plan, fillNotes: [], ticked: new Set(plan.diffs.map((d) => d.key)) };
  return { recognised, fill: documentFill(kind, values, record) };
}

function documentOf(companyId: string, file: Blob, fill: ReturnType<typeof documentFill>, kind: string): CompanyDocument {
  return {
    id: `d-${kind}`, companyId, kind, title: kind, fileName: '执照.jpg', mimeType: 'image/jpeg', size: file.size, sha256: '', number: fill.patch.number ?? '',
    issuer: '', validFrom: fill.patch.validFrom ?? null, validTo: fill.patch.validTo ?? null, subject: null,
  };
}

describe('addRecognisedDocument', () => {
  it('stores the document, its file and the ticked company fields in one go, each entry with the source', async () => {
    const company = await createCompany(db, { ...blankCompanyInput(), name: '北京康宁大药房有限公司', legalRepresentative: '王秀英' });
    const record = (await getCompanyRecord(db, company.id))!;
    const { recognised, fill } = recognise('营业执照', record, { 统一社会信用代码: '91110105MA01ABCD1X', 法定代表人: '王秀荚', 名称: '北京康宁大药房有限公司', 营业期限: '2015-03-01至长期' });
    // The officer keeps the stored legal representative: only the USCC is updated.
    const ticked = { ...recognised, ticked: new Set(['uscc']) };
    const file = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: 'image/jpeg' });
    const update = await addRecognisedDocument(createRepositories(db), record, ticked, documentOf(company.id, file, fill, '营业执照'), file);
    expect(update?.table).toBe('companies');

    const [stored] = await listDocuments(db, company.id);
    expect(stored).toMatchObject({ number: '91110105MA01ABCD1X', validFrom: '2015-03-01', validTo: null, hasFile: true });
    expect((await getDocumentBlob(db, stored!.id))?.size).toBe(6);
    const after = (await getCompanyRecord(db, company.id))!.company;
    expect(after).toMatchObject({ uscc: '91110105MA01ABCD1X', legalRepresentative: '王秀英' });

    const history = await listCompanyHistory(db, company.id);
    const companyEntry = history.find((e) => e.table === 'companies' && e.action === 'update');
    expect(companyEntry?.source?.text).toBe('来源：营业执照扫描件“执照.jpg”识别');
    expect(companyEntry?.source?.fields).toContainEqual({ label: '法定代表人', recognised: '王秀荚', final: '王秀英' });
    expect(companyEntry?.source?.fields.map((f) => f.label)).not.toContain('营业期限');
    const documentEntry = history.find((e) => e.table === 'documents');
    expect(documentEntry?.source?.fields).toEqual([{ label: '统一社会信用代码', recognised: '91110105MA01ABCD1X', final: null }]);
  });

  it('writes nothing when the fact update fails', async () => {
    const company = await createCompany(db, { ...blankCompanyInput(), name: '北京康宁汽车租赁有限公司' });
    await saveVehicle(db, { companyId: company.id, plate: '京A12345', usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '未备案', leftFilingOn: null, model: '', vin: '', seats: 5, isTimeShare: false, note: '' });
    const record = (await getCompanyRecord(db, company.id))!;
    const { recognised, fill } = recognise('行驶证', record, { 号牌号码: '京A12345', 品牌型号: '大众朗逸' });
    // A value the vehicle's schema refuses, as a record changed under the dialog could give.
    const broken: LibraryRecognised = { ...recognised, plan: { ...recognised.plan, diffs: [...recognised.plan.diffs, { key: 'seats', label: '核定载客', stored: '5', confirmed: '0', value: 0 }] }, ticked: new Set(['model', 'seats']) };
    const file = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const changes = await db.changeLog.count();
    await expect(addRecognisedDocument(createRepositories(db), record, broken, documentOf(company.id, file, fill, '车辆行驶证'), file)).rejects.toThrow();
    expect(await listDocuments(db, company.id)).toEqual([]);
    expect(await db.documentFiles.count()).toBe(0);
    expect((await getCompanyRecord(db, company.id))!.vehicles[0]?.model).toBe('');
    expect(await db.changeLog.count()).toBe(changes);
  });
});

describe('updateRecognisedDocument', () => {
  it('changes a stored document\'s metadata and the matched vehicle together', async () => {
    const company = await createCompany(db, { ...blankCompanyInput(), name: '北京康宁汽车租赁有限公司' });
    await saveVehicle(db, { companyId: company.id, plate: '京A12345', usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '未备案', leftFilingOn: null, model: '', vin: '', seats: 5, isTimeShare: false, note: '' });
    let record = (await getCompanyRecord(db, company.id))!;
    const file = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const plain = recognise('行驶证', record, { 号牌号码: '京A12345' });
    await addRecognisedDocument(createRepositories(db), record, plain.recognised, { ...documentOf(company.id, file, { patch: {}, notes: [] }, '车辆行驶证'), number: '' }, file);
    record = (await getCompanyRecord(db, company.id))!;
    const { recognised, fill } = recognise('行驶证', record, { 号牌号码: '京A12345', 品牌型号: '大众朗逸' });
    await updateRecognisedDocument(createRepositories(db), record, recognised, { ...documentOf(company.id, file, fill, '车辆行驶证'), subject: { kind: 'vehicle', id: record.vehicles[0]!.id } });
    const [stored] = await listDocuments(db, company.id);
    expect(stored).toMatchObject({ number: '京A12345', subject: { kind: 'vehicle' }, hasFile: true });
    expect((await getCompanyRecord(db, company.id))!.vehicles[0]?.model).toBe('大众朗逸');
    const vehicleEntry = (await listCompanyHistory(db, company.id)).find((e) => e.table === 'vehicles' && e.action === 'update');
    expect(vehicleEntry?.source?.fields).toContainEqual({ label: '品牌型号', recognised: '大众朗逸', final: null });
  });
});
