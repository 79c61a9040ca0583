import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { AcroFormMapping } from '../../../../shared/pdf/acroForm';
import type { Company, CompanyEvent, Licence, Person, Store, Vehicle } from '../../../../shared/domain/company';
import { asIsoDate } from '../../../../shared/domain/isoDate';
import { emptyDutyTracking, trackingRowId, type DutyHistoryRecord, type DutyScheduleRecord, type DutyTrackingRecord } from '../../../../shared/deadlines/trackingRecords';
import type { DutyTracking } from '../../../../shared/deadlines/tracking';
import { ledgerMonth, type EnergyReading, type EnergyTraining } from '../../../../shared/energy/ledger';
import { buildReading, type ReadingFields } from '../../../../shared/energy/readingConversion';
import type { EnergySubmission } from '../../../../shared/energy/submissions';
import { parseWorkspaceFile } from '../../../../shared/workspace/workspaceFile';
import type { EnergyAttachment, EnergySettingsRecord, SettingRecord } from '../../../../renderer/storage/records';
import type {
  ChecklistStateRecord, DocumentFileRecord, FormDraftRecord, FormMappingRecord, PacketHistoryRecord, StoredDocument,
} from '../../../../renderer/storage/documentRepository';

/*
 * The rows the build scripts of schema versions 2 to 6 put into their fixtures, one function per
 * version that added tables: a version-N fixture holds the rows of every function up to N, as an
 * officer's database that went through those versions would. Companies come from the bundled
 * samples (resources/samples), everything added to them is what an officer would have recorded
 * about those companies by 2026-11-26: fixed ids (UUIDs where the app makes UUIDs) and timestamps,
 * so a rebuild gives the same JSON.
 *
 * Changing this file changes no fixture: only running a build script writes one, and that is
 * never done after its version shipped.
 */

export type TableRows = Record<string, readonly unknown[]>;

/** Concatenates row sets table by table, e.g. settings from several versions. */
export function mergeRows(...parts: readonly TableRows[]): TableRows {
  const out: Record<string, unknown[]> = {};
  for (const part of parts) for (const [table, rows] of Object.entries(part)) (out[table] ??= []).push(...rows);
  return out;
}

export const PHARMACY = 'sample-pharmacy';
export const CAR_RENTAL = 'sample-car-rental';
const DATA_CENTRE = 'sample-data-centre';

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Version 1: the company workspace.

/** Of the car rental sample's 36 vehicles: one awaiting conversion, a 15-year one, a time-share one, one that left the filing. */
const KEPT_VEHICLES = new Set(['sample-car-rental-vehicle-01', 'sample-car-rental-vehicle-06', 'sample-car-rental-vehicle-07', 'sample-car-rental-vehicle-09']);

/** Answers the officers gave to knowledge-base questions, so `answers` is not empty everywhere. */
const ANSWERS: Readonly<Record<string, Company['answers']>> = {
  [CAR_RENTAL]: { 'answer.carRental.filedBefore20210401': true },
  [DATA_CENTRE]: { 'answer.energy.isKeyEnergyUser': true, 'answer.energy.providesThirdPartyDataCentre': true },
};

export function workspaceRows(): TableRows {
  const companies: Company[] = [];
  const people: Person[] = [];
  const licences: Licence[] = [];
  const vehicles: Vehicle[] = [];
  const stores: Store[] = [];
  const events: CompanyEvent[] = [];
  for (const sample of ['retailPharmacy', 'carRental', 'dataCentre']) {
    const parsed = parseWorkspaceFile(readFileSync(path.resolve(import.meta.dirname, `../../../../resources/samples/${sample}.json`), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    for (const record of parsed.value.companies) {
      companies.push({ ...record.company, answers: ANSWERS[record.company.id] ?? record.company.answers });
      people.push(...record.people);
      licences.push(...record.licences);
      vehicles.push(...record.vehicles.filter((v) => KEPT_VEHICLES.has(v.id)));
      stores.push(...record.stores);
      events.push(...record.events);
    }
  }
  const settings: SettingRecord[] = [{ key: 'backup.settings', value: { intervalMinutes: 60, keepLatest: 30, keepDailyForDays: 90 } }];
  return { companies, people, licences, vehicles, stores, events, settings };
}

// ---------------------------------------------------------------------------------------------
// Version 2: the deadline tracker. Keys are those computeDuties gives these companies.

const KEY_CONVERT_01 = 'car-rental-opinions/convert-non-operating-vehicles:conversion-deadline|sample-car-rental-vehicle-01|fixed';
const KEY_FILING_CHANGE = 'car-rental-opinions/filing-change:change|sample-car-rental|event:sample-car-rental-event-timeshare';
export const KEY_NEW_OUTLET = 'car-rental-opinions/opening-filing:after-new-outlet|sample-car-rental|event:sample-car-rental-event-outlet';
const SCHEDULE_MONTHLY = 'energy-saving-plan/monthly-energy-data:monthly-report|sample-data-centre';
const KEY_MONTHLY_2026_10 = `${SCHEDULE_MONTHLY}|2026-10`;

function tracking(fields: Partial<DutyTracking>): DutyTracking {
  return { ...emptyDutyTracking(), ...fields };
}

export function trackingRow(companyId: string, key: string, updatedAt: string, fields: Partial<DutyTracking>): DutyTrackingRecord {
  return { id: trackingRowId(companyId, key), companyId, key, updatedAt, ...tracking(fields) };
}

const CONVERT_DONE = tracking({ isDone: true, doneOn: asIsoDate('2026-11-20'), evidence: '行驶证（使用性质：租赁）变更后复印件', assignee: '周丽', note: '车管所已办结' });
const FILING_CHANGE_DUE = tracking({ userSetDueDate: asIsoDate('2024-05-10'), assignee: '陈志强', note: '区交通运输管理部门电话告知可延至 5 月 10 日' });
const FILING_CHANGE_DONE = { ...FILING_CHANGE_DUE, isDone: true, doneOn: asIsoDate('2024-05-09'), evidence: '备案变更回执（京丰租变 2024017）' };
export const NEW_OUTLET_ASSIGNED = tracking({ assignee: '周丽', note: '需携带网点租赁合同原件' });
const MONTHLY_DONE = tracking({ isDone: true, doneOn: asIsoDate('2026-11-09'), evidence: '节能监测服务平台报送回执截图', assignee: '吴静' });

export function trackingRows(): TableRows {
  const dutyTracking: DutyTrackingRecord[] = [
    trackingRow(CAR_RENTAL, KEY_CONVERT_01, '2026-11-20T07:12:00.000Z', CONVERT_DONE),
    trackingRow(CAR_RENTAL, KEY_FILING_CHANGE, '2024-05-09T06:40:00.000Z', FILING_CHANGE_DONE),
    trackingRow(CAR_RENTAL, KEY_NEW_OUTLET, '2026-10-20T01:05:00.000Z', NEW_OUTLET_ASSIGNED),
    trackingRow(DATA_CENTRE, KEY_MONTHLY_2026_10, '2026-11-09T03:30:00.000Z', MONTHLY_DONE),
  ];
  const dutySchedules: DutyScheduleRecord[] = [{
    id: trackingRowId(DATA_CENTRE, SCHEDULE_MONTHLY), companyId: DATA_CENTRE, key: SCHEDULE_MONTHLY,
    monthsAfterPeriodStart: 1, dayOfMonth: 10, source: '平台通知：每月 10 日前报送上月数据', updatedAt: '2025-01-06T02:00:00.000Z',
  }];
  const history = (row: Omit<DutyHistoryRecord, 'before' | 'after' | 'scheduleBefore' | 'scheduleAfter' | 'note'> & Partial<DutyHistoryRecord>): DutyHistoryRecord => ({
    before: null, after: null, scheduleBefore: null, scheduleAfter: null, note: '', ...row,
  });
  const convertTitle = '将车辆使用性质变更为“租赁”（京N3K218）';
  const dutyHistory: DutyHistoryRecord[] = [
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a01', companyId: CAR_RENTAL, key: KEY_FILING_CHANGE, at: '2024-04-25T02:15:00.000Z', actor: '陈志强',
      action: 'setDueDate', dutyTitle: '备案事项变更：15 日内到原备案机构办理备案变更', before: tracking({}), after: FILING_CHANGE_DUE, note: '区交通运输管理部门电话告知',
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a02', companyId: CAR_RENTAL, key: KEY_FILING_CHANGE, at: '2024-05-09T06:40:00.000Z', actor: '陈志强',
      action: 'markDone', dutyTitle: '备案事项变更：15 日内到原备案机构办理备案变更', before: FILING_CHANGE_DUE, after: FILING_CHANGE_DONE,
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a03', companyId: DATA_CENTRE, key: SCHEDULE_MONTHLY, at: '2025-01-06T02:00:00.000Z', actor: '吴静',
      action: 'setSchedule', dutyTitle: '报送月度能耗数据', scheduleAfter: { monthsAfterPeriodStart: 1, dayOfMonth: 10 }, note: '平台通知：每月 10 日前报送上月数据',
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a04', companyId: CAR_RENTAL, key: KEY_NEW_OUTLET, at: '2026-10-20T01:05:00.000Z', actor: '周丽',
      action: 'setAssignee', dutyTitle: '新设服务机构开展经营活动后 60 日内申请开业备案', before: tracking({}), after: NEW_OUTLET_ASSIGNED,
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a05', companyId: DATA_CENTRE, key: KEY_MONTHLY_2026_10, at: '2026-11-09T03:30:00.000Z', actor: '吴静',
      action: 'markDone', dutyTitle: '报送月度能耗数据', before: tracking({}), after: MONTHLY_DONE,
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a06', companyId: CAR_RENTAL, key: KEY_CONVERT_01, at: '2026-11-18T08:02:00.000Z', actor: '周丽',
      action: 'markDone', dutyTitle: convertTitle, before: tracking({}), after: { ...CONVERT_DONE, doneOn: asIsoDate('2026-11-18'), note: '' },
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a07', companyId: CAR_RENTAL, key: KEY_CONVERT_01, at: '2026-11-18T08:05:00.000Z', actor: '周丽',
      action: 'undoDone', dutyTitle: convertTitle, before: { ...CONVERT_DONE, doneOn: asIsoDate('2026-11-18'), note: '' }, after: tracking({ assignee: '周丽' }),
      note: '误点：车管所尚未办结变更',
    }),
    history({
      id: '0c6f7a52-3f1e-4d8b-a2c4-5b9e1d7f3a08', companyId: CAR_RENTAL, key: KEY_CONVERT_01, at: '2026-11-20T07:12:00.000Z', actor: '周丽',
      action: 'markDone', dutyTitle: convertTitle, before: tracking({ assignee: '周丽' }), after: CONVERT_DONE,
    }),
  ];
  const settings: SettingRecord[] = [
    { key: 'deadlines.reminders', value: { isEnabled: true, leadDays: [30, 7, 1, 0], timeOfDay: '08:30', isOverdueDaily: true } },
    { key: 'deadlines.actorName', value: '周丽' },
  ];
  return { dutyTracking, dutySchedules, dutyHistory, settings };
}

// ---------------------------------------------------------------------------------------------
// Files: small but real PDFs and PNGs, so a stored file is bytes a viewer opens, not a placeholder.

/** A one-page PDF with one line of (ASCII) text, cross-reference offsets computed. */
export function pdfBytes(text: string): Uint8Array {
  const content = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A 4×4 PNG of one colour: a stand-in photo of a certificate or meter, valid for any viewer. */
export function pngBytes(rgb: readonly [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const scanline = [0, ...Array.from({ length: 4 }, () => rgb).flat()];
  const raw = Uint8Array.from(Array.from({ length: 4 }, () => scanline).flat());
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)),
  ]));
}

/**
 * The Blob the app would store. The vault keeps the File the user picked; Node's structured clone
 * (and so fake-indexeddb here) keeps a File only as a Blob, dropping name and lastModified, which
 * the app never reads back (the name is in the metadata row). So the fixtures hold Blobs.
 */
function blobOf(bytes: Uint8Array, type: string): Blob {
  return new Blob([bytes.slice().buffer], { type });
}

// ---------------------------------------------------------------------------------------------
// Version 3: the document vault.

const DOC_BUSINESS_LICENCE = '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b01';
const DOC_DRUG_LICENCE = '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b02';
const DOC_PHARMACIST = '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b03';
const DOC_ID_CARD = '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b04';
const DOC_VEHICLE_01 = '6f0b1c2e-8a4d-4c7e-9b1f-2d3e4f5a6b05';
const DESIGNATION = 'pharmacy-designation/designation-application';

interface FileSpec {
  readonly document: Omit<StoredDocument, 'size' | 'sha256' | 'hasFile' | 'mimeType'>;
  /** null: metadata imported from a workspace file, without the file. */
  readonly bytes: Uint8Array | null;
  readonly mimeType: string;
}

/** A stored document and, when it has one, its file, with size and SHA-256 taken from the bytes. */
export function documentWithFile(spec: FileSpec): { readonly document: StoredDocument; readonly file: DocumentFileRecord | null } {
  const { bytes, mimeType } = spec;
  const document: StoredDocument = {
    ...spec.document, mimeType, size: bytes?.length ?? 184_320, sha256: bytes ? sha256Hex(bytes) : '', hasFile: bytes !== null,
  };
  return { document, file: bytes ? { id: document.id, companyId: document.companyId, blob: blobOf(bytes, mimeType) } : null };
}

export function documentRows(): TableRows {
  const at = (iso: string) => ({ addedAt: iso, updatedAt: iso });
  const stored = [
    documentWithFile({
      document: {
        id: DOC_BUSINESS_LICENCE, companyId: PHARMACY, kind: '营业执照', title: '营业执照（副本）', fileName: '营业执照副本.pdf',
        number: '91110105MA00000012', issuer: '北京市朝阳区市场监督管理局', validFrom: asIsoDate('2026-04-15'), validTo: null, subject: null,
        ...at('2026-06-02T02:10:00.000Z'),
      },
      bytes: pdfBytes('Business licence (copy) - Kangning Pharmacy - sample'), mimeType: 'application/pdf',
    }),
    documentWithFile({
      document: {
        id: DOC_DRUG_LICENCE, companyId: PHARMACY, kind: '药品经营许可证', title: '药品经营许可证（正本）', fileName: '药品经营许可证.pdf',
        number: '京CA1050000', issuer: '北京市朝阳区市场监督管理局', validFrom: asIsoDate('2026-06-10'), validTo: asIsoDate('2031-06-09'),
        subject: { kind: 'licence', id: 'sample-pharmacy-licence-drug' }, addedAt: '2026-06-12T03:00:00.000Z', updatedAt: '2026-06-15T01:20:00.000Z',
      },
      bytes: pdfBytes('Drug trading licence - Kangning Pharmacy - sample'), mimeType: 'application/pdf',
    }),
    documentWithFile({
      document: {
        id: DOC_PHARMACIST, companyId: PHARMACY, kind: '执业药师注册证', title: '李芳执业药师注册证', fileName: '李芳-执业药师注册证.png',
        number: 'ZC11000000', issuer: '北京市药品监督管理局', validFrom: asIsoDate('2026-06-05'), validTo: asIsoDate('2031-06-04'),
        subject: { kind: 'person', id: 'sample-pharmacy-person-li' }, ...at('2026-06-12T03:05:00.000Z'),
      },
      bytes: pngBytes([226, 236, 250]), mimeType: 'image/png',
    }),
    documentWithFile({
      document: {
        id: DOC_ID_CARD, companyId: PHARMACY, kind: '身份证复印件', title: '法定代表人身份证复印件', fileName: '王建国-身份证.jpg',
        number: '', issuer: '', validFrom: null, validTo: asIsoDate('2035-03-01'),
        subject: { kind: 'person', id: 'sample-pharmacy-person-wang' }, ...at('2026-07-01T09:00:00.000Z'),
      },
      bytes: null, mimeType: 'image/jpeg',
    }),
    documentWithFile({
      document: {
        id: DOC_VEHICLE_01, companyId: CAR_RENTAL, kind: '机动车行驶证', title: '京N3K218 行驶证（变更后）', fileName: '京N3K218-行驶证.png',
        number: '', issuer: '北京市公安局公安交通管理局', validFrom: asIsoDate('2026-11-19'), validTo: null,
        subject: { kind: 'vehicle', id: 'sample-car-rental-vehicle-01' }, ...at('2026-11-20T07:10:00.000Z'),
      },
      bytes: pngBytes([240, 244, 232]), mimeType: 'image/png',
    }),
  ];
  const material = (documentIds: readonly string[], fields: Partial<ChecklistStateRecord['materials'][string]> = {}) => ({
    documentIds, isSigned: false, isNotApplicable: false, note: '', ...fields,
  });
  const checklistStates: ChecklistStateRecord[] = [
    {
      id: `${PHARMACY}|${DESIGNATION}`, companyId: PHARMACY, itemId: DESIGNATION, submissionDate: '2026-12-15',
      materials: {
        'application-form': material([], { isSigned: true, note: '已由法定代表人签字并加盖公章' }),
        'licences-and-ids': material([DOC_DRUG_LICENCE, DOC_BUSINESS_LICENCE, DOC_ID_CARD]),
        'pharmacist-certificates': material([DOC_PHARMACIST]),
        'other-required': material([], { isNotApplicable: true, note: '区医保中心未要求其他材料' }),
      },
      updatedAt: '2026-11-24T06:30:00.000Z',
    },
    {
      id: `${CAR_RENTAL}|car-rental-opinions/opening-filing`, companyId: CAR_RENTAL, itemId: 'car-rental-opinions/opening-filing', submissionDate: null,
      materials: {}, updatedAt: '2026-10-20T01:00:00.000Z',
    },
  ];
  const fields: AcroFormMapping['fields'] = {
    企业名称: 'company.name',
    统一社会信用代码: 'company.uscc',
    法定代表人: { fact: 'company.legalRepresentative' },
    经营地址: { fact: 'stores.addresses' },
    申请日期: { text: '2026年12月15日' },
    是否在自贸区: { fact: 'company.isInFreeTradeZone', checkedWhen: '是' },
  };
  const formMappings: FormMappingRecord[] = [{
    // The app's key: SHA-256 of the form's sorted field names (FormsTab.tsx formKey).
    id: `acroform:${sha256Hex(new TextEncoder().encode(Object.keys(fields).sort().join('\n')))}`,
    name: '定点零售药店申请表.pdf',
    mapping: { format: 'compliance-workbench/acroform-mapping', fields },
    updatedAt: '2026-11-24T06:00:00.000Z',
  }];
  const part = (materialTitle: string, title: string, fileName: string, firstPage: number, pageCount: number, isSkipped = false) => ({
    materialTitle, title, fileName, firstPage, pageCount, isSkipped,
  });
  const licencesAndIds = '药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件';
  const applicationForm = part('定点零售药店申请表', '定点零售药店申请表', '定点零售药店申请表.pdf', 1, 1);
  const drugLicence = part(licencesAndIds, '药品经营许可证（正本）', '药品经营许可证.pdf', 2, 1);
  const businessLicence = part(licencesAndIds, '营业执照（副本）', '营业执照副本.pdf', 3, 1);
  const pharmacist = part('执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', '李芳执业药师注册证', '李芳-执业药师注册证.png', 4, 1);
  const contractMissing = '医保专（兼）职管理人员的劳动合同复印件';
  const packetHistory: PacketHistoryRecord[] = [
    {
      seq: 1, companyId: PHARMACY, itemId: DESIGNATION, itemTitle: '申请医疗保障定点', builtAt: '2026-11-24T06:40:00.000Z',
      fileName: '北京康宁大药房有限公司-申请医疗保障定点-材料包.pdf', pageCount: 4, size: 48_213,
      parts: [applicationForm, drugLicence, businessLicence, part(licencesAndIds, '法定代表人身份证复印件', '王建国-身份证.jpg', 0, 0, true), pharmacist],
      skipped: [{ fileName: '王建国-身份证.jpg', message: '只有材料信息，没有文件' }],
      missingMaterials: [contractMissing, '与医疗保障政策对应的内部管理制度和财务制度文本'],
    },
    {
      seq: 2, companyId: PHARMACY, itemId: DESIGNATION, itemTitle: '申请医疗保障定点', builtAt: '2026-11-25T02:15:00.000Z',
      fileName: '北京康宁大药房有限公司-申请医疗保障定点-材料包（2）.pdf', pageCount: 4, size: 48_377,
      parts: [applicationForm, drugLicence, businessLicence, pharmacist],
      skipped: [],
      missingMaterials: [contractMissing],
    },
  ];
  return {
    documents: stored.map((s) => s.document),
    documentFiles: stored.flatMap((s) => (s.file ? [s.file] : [])),
    formMappings,
    checklistStates,
    packetHistory,
  };
}

// ---------------------------------------------------------------------------------------------
// Version 4: the energy ledger, of the data centre.

const SITE = 'sample-data-centre-site-yizhuang';
const OFFICE = 'sample-data-centre-office';
const ATT_BILL_2026_09 = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d01';
const ATT_METER_PHOTO = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d02';
const ATT_RECEIPT_2026_09 = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d03';
const ATT_CERTIFICATE = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d04';
export const ATT_RECEIPT_2026_10 = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d05';

export const ENERGY_SETTINGS: EnergySettingsRecord = {
  companyId: DATA_CENTRE,
  electricityBasis: '当量值',
  coefficients: [{
    energyType: '天然气', perUnit: 'm³', value: 1.2143, basis: null, source: '企业实测',
    reference: '北京燃气 2025 年度热值检测报告（低位发热量 35.59 MJ/m³）',
  }],
  densities: [{ energyType: '柴油', kgPerL: 0.84, reference: '中石化加油站油品检验单（2025-03）' }],
  years: [
    { year: 2025, targetTce: 21_000, revenueWanYuan: 31_860, floorAreaSqm: 26_300, note: '' },
    { year: 2026, targetTce: 20_500, revenueWanYuan: null, floorAreaSqm: 26_300, note: '营业收入待年报' },
  ],
  submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: ledgerMonth(2025, 1), source: '平台通知：每月 10 日前报送上月数据' },
};

function energyReading(fields: Omit<ReadingFields, 'companyId' | 'isItEquipment' | 'documentId' | 'note' | 'confirmedOutlier' | 'entryMethod'> & Partial<ReadingFields>): EnergyReading {
  const built = buildReading({
    companyId: DATA_CENTRE, isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入', ...fields,
  }, ENERGY_SETTINGS);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** An energy evidence row as versions 4 to 6 stored it: the metadata with the file's Blob (version 7 moved the Blob into documentFiles). */
type StoredAttachmentV4 = EnergyAttachment & { readonly blob: Blob };

export function attachment(id: string, fileName: string, mimeType: string, bytes: Uint8Array, addedAt: string): StoredAttachmentV4 {
  return { id, companyId: DATA_CENTRE, fileName, mimeType, size: bytes.length, sha256: sha256Hex(bytes), addedAt, blob: blobOf(bytes, mimeType) };
}

export function energyRows(): TableRows {
  const energyReadings: EnergyReading[] = [
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c01', siteId: SITE, month: ledgerMonth(2026, 9), energyType: '电力', amount: 812.4, unit: '万kWh', documentId: ATT_BILL_2026_09 }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c02', siteId: SITE, month: ledgerMonth(2026, 9), energyType: '电力', amount: 603.7, unit: '万kWh', isItEquipment: true, documentId: ATT_METER_PHOTO, note: 'IT 设备分项计量（UPS 输出侧）' }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c03', siteId: OFFICE, month: ledgerMonth(2026, 9), energyType: '天然气', amount: 1_860, unit: 'm³' }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c04', siteId: SITE, month: ledgerMonth(2026, 9), energyType: '柴油', amount: 2_400, unit: 'L', confirmedOutlier: true, note: '柴油发电机组年度带载测试，用量较往月高' }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c05', siteId: SITE, month: ledgerMonth(2026, 10), energyType: '电力', amount: 835.9, unit: '万kWh', entryMethod: '表格导入' }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c06', siteId: SITE, month: ledgerMonth(2026, 10), energyType: '电力', amount: 618.2, unit: '万kWh', isItEquipment: true, entryMethod: '表格导入' }),
    energyReading({ id: 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c07', siteId: null, month: ledgerMonth(2026, 10), energyType: '热力', amount: 96.5, unit: 'GJ', note: '市政热力（办公区提前供暖）' }),
  ];
  const energyTrainings: EnergyTraining[] = [
    {
      id: 'c2d4f6a8-7e9b-4c1d-8f2a-6b4d8e0a2c01', companyId: DATA_CENTRE, personId: 'sample-data-centre-person-wu', date: asIsoDate('2026-05-21'),
      course: '重点用能单位能源管理负责人培训', hours: 16, organizer: '北京市节能监测服务中心', certificateDocumentId: ATT_CERTIFICATE, note: '',
    },
    {
      id: 'c2d4f6a8-7e9b-4c1d-8f2a-6b4d8e0a2c02', companyId: DATA_CENTRE, personId: 'sample-data-centre-person-he', date: asIsoDate('2026-09-03'),
      course: '数据中心节能运维岗位培训', hours: null, organizer: '企业内部', certificateDocumentId: null, note: '学时未记录',
    },
  ];
  const energySubmissions: EnergySubmission[] = [
    { id: 'e7f9a1b3-2c4d-4e5f-9a6b-7c8d9e0f1a01', companyId: DATA_CENTRE, month: ledgerMonth(2026, 9), submittedOn: asIsoDate('2026-10-09'), receiptDocumentId: ATT_RECEIPT_2026_09, note: '' },
    { id: 'e7f9a1b3-2c4d-4e5f-9a6b-7c8d9e0f1a02', companyId: DATA_CENTRE, month: ledgerMonth(2026, 10), submittedOn: asIsoDate('2026-11-09'), receiptDocumentId: null, note: '回执待下载' },
  ];
  const energyAttachments: StoredAttachmentV4[] = [
    attachment(ATT_BILL_2026_09, '2026年9月电费账单.pdf', 'application/pdf', pdfBytes('Electricity bill 2026-09 - Yunze Yizhuang data centre - sample'), '2026-10-08T02:00:00.000Z'),
    attachment(ATT_METER_PHOTO, 'IT分项电表-2026-09.png', 'image/png', pngBytes([200, 214, 228]), '2026-10-08T02:03:00.000Z'),
    attachment(ATT_RECEIPT_2026_09, '2026-09报送回执.png', 'image/png', pngBytes([236, 246, 236]), '2026-10-09T07:30:00.000Z'),
    attachment(ATT_CERTIFICATE, '吴静-能源管理负责人培训合格证明.pdf', 'application/pdf', pdfBytes('Training certificate - energy manager - sample'), '2026-05-22T01:00:00.000Z'),
  ];
  return { energyReadings, energyTrainings, energySettings: [ENERGY_SETTINGS], energySubmissions, energyAttachments };
}

/**
 * Version 6 (form drafts): what the officer typed into generated forms, one row per company and
 * template: the pharmacy's 医保信息系统情况 and the rental firm's contact line.
 */
export function formDraftRows(): TableRows {
  const at = '2026-11-27T02:10:00.000Z';
  const formDrafts: FormDraftRecord[] = [
    {
      id: `${PHARMACY}|pharmacy-designation-application`, companyId: PHARMACY, templateId: 'pharmacy-designation-application', updatedAt: at,
      values: { informationSystem: '已安装医保结算系统，进销存与医保接口联调完成', floorArea: '186' },
    },
    {
      id: `${CAR_RENTAL}|car-rental-filing-application`, companyId: CAR_RENTAL, templateId: 'car-rental-filing-application', updatedAt: at,
      values: { contactPerson: '周丽' },
    },
  ];
  return { formDrafts };
}
