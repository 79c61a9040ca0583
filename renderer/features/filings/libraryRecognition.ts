import type { ChangeSource } from '../../../shared/history/changeLog';
import type { Company, Licence, Person, Vehicle } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { isIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { VEHICLE_USAGE_NATURES } from '../../../shared/domain/vocabulary';
import { parseDateText } from '../../../shared/ocr/checks';
import type { DocumentKind } from '../../../shared/ocr/fields';
import { maskIdNumber } from '../../../shared/validation/idCard';
import { normalizePlate } from '../../../shared/validation/recordFindings';
import { companyFormPatch } from '../companies/companyRecognition';
import { vehicleTypeOf } from '../deadlines/fleetImport/scanRoster';
import { CERTIFICATE_VALID_TO, PERSON_TARGETS, personFormPatch, personSourceView } from '../recognition/personRecognition';
import { changeSourceFor, COMPANY_TARGETS, VEHICLE_TARGETS, type SourceNote, type TargetMap } from '../recognition/recognitionReview';

/*
 * 识别并核对 in the document library (issue 18): a scan uploaded (or stored) as a document of a
 * recognisable kind is read, reviewed, and its confirmed values fill (a) the document's own
 * metadata in the 登记材料 form and (b) the differences from the company's stored facts — the
 * company, its licence, the vehicle of that plate or the person — each shown with the stored and
 * the recognised value, to be ticked 更新. Plain functions only: DocumentLibraryTab shows them and writes
 * the document and the ticked updates in one transaction.
 */

/** The document library's kinds that are a scan the recogniser reads (执业药师资格证书 is another paper). */
const RECOGNISABLE: Readonly<Record<string, DocumentKind>> = {
  营业执照: '营业执照',
  药品经营许可证: '药品经营许可证',
  车辆行驶证: '行驶证',
  身份证复印件: '身份证',
  执业药师注册证: '执业药师注册证',
};

const SCAN_MIME_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/** The recogniser's kind for a document of `documentKind` in a file of `mimeType`; null: not a scan it reads. */
export function recognitionKindOf(documentKind: string | undefined, mimeType: string): DocumentKind | null {
  if (documentKind === undefined || !SCAN_MIME_TYPES.has(mimeType)) return null;
  return Object.hasOwn(RECOGNISABLE, documentKind) ? RECOGNISABLE[documentKind] ?? null : null;
}

/** Keys that only the document takes (a validity period), not a fact of the company. */
const BUSINESS_TERM = 'document.businessTerm';
const ID_CARD_TERM = 'document.idCardTerm';
const DOCUMENT_ONLY_KEYS: ReadonlySet<string> = new Set([BUSINESS_TERM, ID_CARD_TERM]);

const to = (key: string) => ({ kind: 'field', key }) as const;
const none = (reason: string) => ({ kind: 'none', reason }) as const;

/** Where each recognised field goes in the document library: the fact's key (or a document-only key). */
export const LIBRARY_TARGETS: Readonly<Record<DocumentKind, TargetMap>> = {
  营业执照: { ...COMPANY_TARGETS, 营业期限: to(BUSINESS_TERM) },
  药品经营许可证: {
    证号: to('number'),
    企业名称: none('许可证上的企业名称不单独保存，请核对是否为本企业的许可证'),
    注册地址: none('注册地址不单独保存'),
    经营方式: none('经营方式不单独保存'),
    有效期至: to('validTo'),
  },
  行驶证: VEHICLE_TARGETS,
  身份证: { ...PERSON_TARGETS.身份证, 有效期限: to(ID_CARD_TERM) },
  执业药师注册证: PERSON_TARGETS.执业药师注册证,
};

/** What the review puts into the 登记材料 form; a key left out is left as it is. */
interface DocumentFormPatch {
  number?: string;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  /** `${kind}:${id}` of the matched subject. */
  subject?: string;
}

export interface DocumentFill {
  readonly patch: DocumentFormPatch;
  /** Said under the form (what was filled, what was left as is and why). */
  readonly notes: readonly string[];
}

const compact = (s: string) => s.toUpperCase().replace(/\s/g, '');
const dateOf = (text: string): IsoDate | null => (isIsoDate(text) ? text : parseDateText(text) as IsoDate | null);

/** 2015-03-01至长期 / 2015-03-01至2035-02-28 → from and to (长期: to null); null when the start is not a date. */
export function periodOf(text: string): { from: IsoDate; to: IsoDate | null } | null {
  const [start = '', end] = text.replace(/\s/g, '').split(/至|-(?=\d{4}[年.\-/])|—/);
  const from = dateOf(start);
  if (from === null) return null;
  if (end === undefined || end === '') return null;
  if (/长期|永久/.test(end)) return { from, to: null };
  const until = dateOf(end);
  return until === null ? null : { from, to: until };
}

/** The person who carries this ID number, else the one person of this name. */
function matchPerson(record: CompanyRecord, name: string | undefined, idNumber: string | undefined): { person: Person | null; note: string | null } {
  if (idNumber !== undefined) {
    const byId = record.people.find((p) => p.idNumber !== '' && compact(p.idNumber) === compact(idNumber));
    if (byId !== undefined) return { person: byId, note: null };
  }
  if (name === undefined) return { person: null, note: '未识别出姓名，无法对应到本企业人员' };
  const byName = record.people.filter((p) => p.name.trim() === name.trim());
  if (byName.length === 1) return { person: byName[0] ?? null, note: null };
  if (byName.length > 1) return { person: null, note: `本企业有 ${byName.length} 名人员叫“${name}”，无法确定是哪一位，请在“人员”页核对` };
  return { person: null, note: `人员 ${name} 不在本企业人员中，请在“人员”页添加` };
}

function matchVehicle(record: CompanyRecord, plate: string | undefined): { vehicle: Vehicle | null; note: string | null } {
  if (plate === undefined) return { vehicle: null, note: '未识别出号牌号码，无法对应到本企业车辆' };
  const vehicle = record.vehicles.find((v) => normalizePlate(v.plate) === normalizePlate(plate)) ?? null;
  return { vehicle, note: vehicle === null ? `车辆 ${plate} 不在本企业车辆中，请在“车辆”页识别行驶证添加` : null };
}

function licenceByNumber(record: CompanyRecord, kind: Licence['kind'], number: string | undefined): Licence | null {
  if (number === undefined) return null;
  return record.licences.find((l) => l.kind === kind && l.number !== '' && compact(l.number) === compact(number)) ?? null;
}

/**
 * The 登记材料 form's values from a confirmed review: 证号/编号 (never an ID number), 有效期 where
 * the paper prints one, and 归属 when a subject of the company matches. `values` are by key of
 * LIBRARY_TARGETS[kind], blank ones already left out.
 */
export function documentFill(kind: DocumentKind, values: Readonly<Record<string, string>>, record: CompanyRecord): DocumentFill {
  const patch: DocumentFormPatch = {};
  const notes: string[] = [];
  const setPeriod = (text: string | undefined, label: string) => {
    if (text === undefined) return;
    const period = periodOf(text);
    if (period === null) {
      notes.push(`${label}“${text}”不是“起始日期至截止日期（或长期）”，有效期未填，请手动填写。`);
      return;
    }
    patch.validFrom = period.from;
    patch.validTo = period.to;
  };
  const setValidTo = (text: string | undefined, label: string) => {
    if (text === undefined) return;
    const date = dateOf(text);
    if (date === null) notes.push(`${label}“${text}”不是有效日期，有效期至未填，请手动填写。`);
    else patch.validTo = date;
  };
  switch (kind) {
    case '营业执照': {
      if (values.uscc !== undefined) patch.number = compact(values.uscc);
      setPeriod(values[BUSINESS_TERM], '营业期限');
      const licence = licenceByNumber(record, '营业执照', values.uscc);
      if (licence !== null) patch.subject = `licence:${licence.id}`;
      break;
    }
    case '药品经营许可证': {
      if (values.number !== undefined) patch.number = compact(values.number);
      setValidTo(values.validTo, '有效期至');
      const licence = licenceByNumber(record, '药品经营许可证', values.number);
      if (licence !== null) patch.subject = `licence:${licence.id}`;
      else if (values.number !== undefined) notes.push(`证照中没有证号为 ${compact(values.number)} 的药品经营许可证，归属未改。`);
      break;
    }
    case '行驶证': {
      if (values.plate !== undefined) patch.number = normalizePlate(values.plate);
      const { vehicle, note } = matchVehicle(record, values.plate);
      if (vehicle !== null) patch.subject = `vehicle:${vehicle.id}`;
      else if (note !== null) notes.push(`${note}；归属未改。`);
      break;
    }
    case '身份证': {
      // The ID number is personal data: it goes to the person record only, never into a document field.
      setPeriod(values[ID_CARD_TERM], '有效期限');
      const { person, note } = matchPerson(record, values.name, values.idNumber);
      if (person !== null) patch.subject = `person:${person.id}`;
      else if (note !== null) notes.push(`${note}；归属未改。`);
      break;
    }
    case '执业药师注册证': {
      setValidTo(values[CERTIFICATE_VALID_TO], '有效期');
      const { person, note } = matchPerson(record, values.name, undefined);
      if (person !== null) patch.subject = `person:${person.id}`;
      else if (note !== null) notes.push(`${note}；归属未改。`);
      break;
    }
  }
  return { patch, notes };
}

export type FactTable = 'companies' | 'licences' | 'vehicles' | 'people';

/** One stored fact that differs from the confirmed value. */
export interface FactDiff {
  /** The record's field. */
  readonly key: string;
  readonly label: string;
  /** As shown: the stored value ('' when none) and the confirmed one. */
  readonly stored: string;
  readonly confirmed: string;
  /** What the field becomes when ticked. */
  readonly value: unknown;
}

export interface FactPlan {
  /** The record the scan is about; null: none matches (nothing is updated, `notes` say why). */
  readonly target: { readonly table: FactTable; readonly id: string; readonly label: string } | null;
  readonly diffs: readonly FactDiff[];
  readonly notes: readonly string[];
}

/**
 * A difference is shown beside the scan, so a field the paper prints under another name keeps the
 * paper's word: the 营业执照 says 住所, the 药品经营许可证 证号 and 有效期至. Every other field is
 * named as the forms name it (shared/domain/fieldLabels.ts).
 */
const COMPANY_LABELS: Readonly<Record<string, string>> = { ...DOMAIN_FIELD_LABELS.companies, registeredAddress: '住所' };
const LICENCE_LABELS: Readonly<Record<string, string>> = { ...DOMAIN_FIELD_LABELS.licences, number: '证号', validTo: '有效期至' };

const shown = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value === null || value === undefined ? '' : JSON.stringify(value));

function diffsOf(row: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): FactDiff[] {
  const out: FactDiff[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || shown(row[key]) === shown(value)) continue;
    out.push({ key, label: labels[key] ?? key, stored: shown(row[key]), confirmed: shown(value), value });
  }
  return out;
}

function companyPlan(record: CompanyRecord, values: Readonly<Record<string, string>>): FactPlan {
  const { patch, notes } = companyFormPatch(values);
  const company = record.company;
  const extra: string[] = [...notes];
  if (patch.uscc !== undefined && company.uscc !== '' && compact(company.uscc) !== patch.uscc) {
    extra.unshift(`识别出的统一社会信用代码 ${patch.uscc} 与本企业登记的 ${company.uscc} 不同，请确认这是本企业的营业执照。`);
  }
  return { target: { table: 'companies', id: company.id, label: `企业“${company.name}”` }, diffs: diffsOf(company, patch, COMPANY_LABELS), notes: extra };
}

function licencePlan(record: CompanyRecord, values: Readonly<Record<string, string>>): FactPlan {
  const kind = '药品经营许可证';
  const ofKind = record.licences.filter((l) => l.kind === kind);
  const licence = licenceByNumber(record, kind, values.number) ?? (ofKind.length === 1 ? ofKind[0] ?? null : null);
  if (licence === null) {
    const note = ofKind.length === 0
      ? '本企业证照中没有药品经营许可证，请在“证照”页添加；未更新任何证照。'
      : `本企业有 ${ofKind.length} 份药品经营许可证，证号都不是 ${compact(values.number ?? '')}，无法确定是哪一份，未更新任何证照。`;
    return { target: null, diffs: [], notes: [note] };
  }
  const patch: Record<string, unknown> = {};
  const notes: string[] = [];
  if (values.number !== undefined) patch.number = compact(values.number);
  if (values.validTo !== undefined) {
    const date = dateOf(values.validTo);
    if (date === null) notes.push(`有效期至“${values.validTo}”不是有效日期，不更新证照的有效期。`);
    else patch.validTo = date;
  }
  const label = `药品经营许可证${licence.number === '' ? '' : ` ${licence.number}`}`;
  return { target: { table: 'licences', id: licence.id, label }, diffs: diffsOf(licence, patch, LICENCE_LABELS), notes };
}

function vehiclePlan(record: CompanyRecord, values: Readonly<Record<string, string>>): FactPlan {
  const { vehicle, note } = matchVehicle(record, values.plate);
  if (vehicle === null) return { target: null, diffs: [], notes: [`${note ?? ''}；未更新任何车辆。`] };
  const patch: Record<string, unknown> = {};
  const notes: string[] = [];
  if (values.usageNature !== undefined) {
    const usage = VEHICLE_USAGE_NATURES.find((u) => u === values.usageNature?.trim());
    if (usage === undefined) notes.push(`使用性质“${values.usageNature}”不在车辆信息的选项（${VEHICLE_USAGE_NATURES.join('、')}）中，未更新。`);
    else patch.usageNature = usage;
  }
  if (values.model !== undefined) patch.model = values.model;
  if (values.registeredOn !== undefined) {
    const date = dateOf(values.registeredOn);
    if (date === null) notes.push(`注册日期“${values.registeredOn}”不是有效日期，未更新。`);
    else patch.registeredOn = date;
  }
  if (values.vehicleType !== undefined) {
    const type = vehicleTypeOf(values.vehicleType);
    if (type !== null) patch.vehicleType = type;
  }
  if (values.seats !== undefined) {
    const seats = Number(/\d+/.exec(values.seats)?.[0]);
    if (Number.isInteger(seats) && seats >= 1 && seats <= 300) patch.seats = seats;
    else notes.push(`核定载人数“${values.seats}”不是 1 至 300 的整数，未更新。`);
  }
  return { target: { table: 'vehicles', id: vehicle.id, label: `车辆 ${vehicle.plate}` }, diffs: diffsOf(vehicle, patch, DOMAIN_FIELD_LABELS.vehicles), notes };
}

function personPlan(kind: '身份证' | '执业药师注册证', record: CompanyRecord, values: Readonly<Record<string, string>>): FactPlan {
  const { person, note } = matchPerson(record, values.name, kind === '身份证' ? values.idNumber : undefined);
  if (person === null) return { target: null, diffs: [], notes: [`${note ?? ''}；未更新任何人员。`] };
  const { patch, notes } = personFormPatch(values, person.certificates);
  const diffs: FactDiff[] = [];
  if (patch.name !== undefined && patch.name !== person.name) diffs.push({ key: 'name', label: DOMAIN_FIELD_LABELS.people.name, stored: person.name, confirmed: patch.name, value: patch.name });
  if (patch.idNumber !== undefined && compact(person.idNumber) !== patch.idNumber) {
    diffs.push({ key: 'idNumber', label: DOMAIN_FIELD_LABELS.people.idNumber, stored: person.idNumber === '' ? '' : maskIdNumber(person.idNumber), confirmed: maskIdNumber(patch.idNumber), value: patch.idNumber });
  }
  if (patch.certificates !== undefined) {
    const before = person.certificates.find((c) => c.kind === '执业药师注册证')?.validTo ?? null;
    const after = patch.certificates.find((c) => c.kind === '执业药师注册证')?.validTo ?? null;
    if (before !== after) diffs.push({ key: 'certificates', label: '执业药师注册证有效期', stored: shown(before), confirmed: shown(after), value: patch.certificates });
  }
  // personFormPatch says what it did to the form; here nothing is done before 保存.
  const said = notes.filter((n) => !n.startsWith('已'));
  if (patch.certificates !== undefined && !person.certificates.some((c) => c.kind === '执业药师注册证')) said.push('此人尚无“执业药师注册证”，更新将添加一份（证书编号请在“人员”页补充）。');
  return { target: { table: 'people', id: person.id, label: `人员 ${person.name}` }, diffs, notes: said };
}

/** The stored facts the confirmed review differs from. */
export function factPlan(kind: DocumentKind, values: Readonly<Record<string, string>>, record: CompanyRecord): FactPlan {
  switch (kind) {
    case '营业执照': return companyPlan(record, values);
    case '药品经营许可证': return licencePlan(record, values);
    case '行驶证': return vehiclePlan(record, values);
    case '身份证':
    case '执业药师注册证': return personPlan(kind, record, values);
  }
}

export type FactUpdate =
  | { readonly table: 'companies'; readonly row: Company }
  | { readonly table: 'licences'; readonly row: Licence }
  | { readonly table: 'vehicles'; readonly row: Vehicle }
  | { readonly table: 'people'; readonly row: Person };

/** The record to write with the ticked differences applied; null when none is ticked (or nothing matched). */
export function factUpdate(record: CompanyRecord, plan: FactPlan, ticked: ReadonlySet<string>): FactUpdate | null {
  if (plan.target === null) return null;
  const chosen = plan.diffs.filter((d) => ticked.has(d.key));
  if (chosen.length === 0) return null;
  const patch = Object.fromEntries(chosen.map((d) => [d.key, d.value]));
  const { table, id } = plan.target;
  const find = <T extends { readonly id: string }>(rows: readonly T[]): T => {
    const row = rows.find((r) => r.id === id);
    if (row === undefined) throw new Error('要更新的记录已不存在，可能已被删除，请重新识别');
    return row;
  };
  switch (table) {
    case 'companies': return { table, row: { ...record.company, ...patch } };
    case 'licences': return { table, row: { ...find(record.licences), ...patch } };
    case 'vehicles': return { table, row: { ...find(record.vehicles), ...patch } };
    case 'people': return { table, row: { ...find(record.people), ...patch } };
  }
}

/** The document's metadata as the review's keys name them, for its change-history source. */
function documentView(kind: DocumentKind, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  switch (kind) {
    case '营业执照': return { uscc: row.number };
    case '药品经营许可证': return { number: row.number, validTo: row.validTo };
    case '行驶证': return { plate: row.number };
    case '身份证': return {};
    case '执业药师注册证': return { [CERTIFICATE_VALID_TO]: row.validTo };
  }
}

/**
 * The change-history source of each row written on 保存: the fact row lists the fields of the
 * fact (not the document-only period), the document row the fields it holds; other rows none.
 */
export function librarySource(kind: DocumentKind, note: SourceNote, table: string, row: Readonly<Record<string, unknown>>, factTable: FactTable | null): ChangeSource | null {
  if (table === 'documents') {
    const view = documentView(kind, row);
    return changeSourceFor({ text: note.text, fields: note.fields.filter((f) => f.key !== null && Object.hasOwn(view, f.key)) }, view);
  }
  if (table !== factTable) return null;
  const fields = note.fields.filter((f) => f.key === null || !DOCUMENT_ONLY_KEYS.has(f.key));
  return changeSourceFor({ text: note.text, fields }, table === 'people' ? personSourceView(row) : row);
}
