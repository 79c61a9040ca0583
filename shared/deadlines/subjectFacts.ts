import { smallPassengerCarStatus, type Licence, type Person, type Store, type Vehicle } from '../domain/company';
import type { CompanyRecord } from '../domain/companyRecord';
import { DOMAIN_FIELD_LABELS } from '../domain/fieldLabels';
import { isIsoDate, type IsoDate } from '../domain/isoDate';
import type { FactReading } from '../policy/facts';

/*
 * Facts of one subject of a per-subject deadline rule (`per: 'vehicle' | 'licence' | 'person' |
 * 'store'`): the dates a rule can start from (`trigger: { kind: 'factDate', fact: 'vehicle.registeredOn' }`)
 * and the values its `when` can test for that subject ("2021年4月1日前已备案的非营运性质的租赁车辆":
 * vehicle.usageNature eq 非营运 and vehicle.inServiceOn lt 2021-04-01). Company-wide facts stay in
 * the registry of shared/policy/facts.ts; a subject fact is only meaningful with its subject.
 */

export type SubjectKind = 'company' | 'vehicle' | 'licence' | 'person' | 'store';
export type PerSubjectKind = Exclude<SubjectKind, 'company'>;

export type Subject =
  | { readonly kind: 'company'; readonly id: string; readonly label: string }
  | { readonly kind: 'vehicle'; readonly id: string; readonly label: string; readonly vehicle: Vehicle }
  | { readonly kind: 'licence'; readonly id: string; readonly label: string; readonly licence: Licence }
  | { readonly kind: 'person'; readonly id: string; readonly label: string; readonly person: Person }
  | { readonly kind: 'store'; readonly id: string; readonly label: string; readonly store: Store };

/** What a missing value means: not recorded yet (ask for it), or nothing to track (长期, not left). */
type WhenNull = 'missing' | 'none';
type RawValue = string | number | boolean | readonly string[] | null;

interface SubjectFactDefinition {
  readonly kind: PerSubjectKind;
  readonly label: string;
  readonly type: 'date' | 'string' | 'number' | 'boolean' | 'stringList';
  /** What the parameter selects (licence kind, role, certificate kind, store kind), when the fact takes one. */
  readonly paramLabel?: string;
  readonly whenNull: WhenNull;
  /** Chinese: why no date is tracked when the value is null and whenNull is none ("证照长期有效"). */
  readonly noneReason?: string;
  /** undefined: the subject is of another kind. */
  readonly read: (subject: Subject, param: string | undefined) => RawValue | undefined;
}

type Def = Omit<SubjectFactDefinition, 'kind' | 'read'>;
const onVehicle = (d: Def, read: (v: Vehicle) => RawValue): SubjectFactDefinition =>
  ({ ...d, kind: 'vehicle', read: (s) => (s.kind === 'vehicle' ? read(s.vehicle) : undefined) });
const onLicence = (d: Def, read: (l: Licence) => RawValue): SubjectFactDefinition =>
  ({ ...d, kind: 'licence', read: (s) => (s.kind === 'licence' ? read(s.licence) : undefined) });
const onPerson = (d: Def, read: (p: Person, param: string | undefined) => RawValue): SubjectFactDefinition =>
  ({ ...d, kind: 'person', read: (s, param) => (s.kind === 'person' ? read(s.person, param) : undefined) });
const onStore = (d: Def, read: (s: Store) => RawValue): SubjectFactDefinition =>
  ({ ...d, kind: 'store', read: (s) => (s.kind === 'store' ? read(s.store) : undefined) });

/*
 * A stored field's fact is named as the forms name the field (shared/domain/fieldLabels.ts). A rule's
 * explanation reads it without the form around it ("京A00002：未填写行驶证注册日期"), so a label that
 * only the form's context makes clear says whose it is: 行驶证, 证照, 劳动(合同), 场所.
 */
const { vehicles: VEHICLE, licences: LICENCE, people: PERSON, stores: STORE } = DOMAIN_FIELD_LABELS;

const VEHICLE_FACTS = {
  'vehicle.plate': onVehicle({ label: VEHICLE.plate, type: 'string', whenNull: 'missing' }, (v) => v.plate),
  'vehicle.usageNature': onVehicle({ label: VEHICLE.usageNature, type: 'string', whenNull: 'missing' }, (v) => v.usageNature),
  'vehicle.registeredOn': onVehicle({ label: `行驶证${VEHICLE.registeredOn}`, type: 'date', whenNull: 'missing' }, (v) => v.registeredOn),
  'vehicle.inServiceOn': onVehicle({ label: VEHICLE.inServiceOn, type: 'date', whenNull: 'missing' }, (v) => v.inServiceOn),
  'vehicle.filingStatus': onVehicle({ label: VEHICLE.filingStatus, type: 'string', whenNull: 'missing' }, (v) => v.filingStatus),
  'vehicle.leftFilingOn': onVehicle({ label: VEHICLE.leftFilingOn, type: 'date', whenNull: 'none', noneReason: '车辆未移出备案' }, (v) => v.leftFilingOn),
  'vehicle.isTimeShare': onVehicle({ label: VEHICLE.isTimeShare, type: 'boolean', whenNull: 'missing' }, (v) => v.isTimeShare),
  'vehicle.seats': onVehicle({ label: VEHICLE.seats, type: 'number', whenNull: 'missing' }, (v) => v.seats),
  'vehicle.vehicleType': onVehicle({ label: VEHICLE.vehicleType, type: 'string', whenNull: 'missing' }, (v) => v.vehicleType ?? null),
  // A vehicle with neither type nor seats is presumed small (see smallPassengerCarStatus).
  'vehicle.isSmallPassengerCar': onVehicle({ label: '小微型客车（9 座及以下）', type: 'boolean', whenNull: 'missing' }, (v) => smallPassengerCarStatus(v) !== 'no'),
} as const;

const LICENCE_FACTS = {
  'licence.kind': onLicence({ label: LICENCE.kind, type: 'string', whenNull: 'missing' }, (l) => l.kind),
  'licence.validFrom': onLicence({ label: `证照${LICENCE.validFrom}`, type: 'date', paramLabel: '证照种类', whenNull: 'missing' }, (l) => l.validFrom),
  'licence.validTo': onLicence(
    { label: `证照${LICENCE.validTo}`, type: 'date', paramLabel: '证照种类', whenNull: 'none', noneReason: '证照长期有效（未填有效期止）' },
    (l) => l.validTo,
  ),
} as const;

const PERSON_FACTS = {
  'person.roles': onPerson({ label: PERSON.roles, type: 'stringList', whenNull: 'missing' }, (p) => p.roles),
  'person.contractStart': onPerson({ label: `劳动${PERSON.contractStart}`, type: 'date', paramLabel: '岗位', whenNull: 'missing' }, (p) => p.contractStart),
  // An open-ended contract has no end to track (see readSubjectDate); a fixed-term one without an end date is incomplete.
  'person.contractEnd': onPerson({ label: `劳动${PERSON.contractEnd}`, type: 'date', paramLabel: '岗位', whenNull: 'missing' }, (p) => p.contractEnd),
  'person.isContractOpenEnded': onPerson({ label: PERSON.isContractOpenEnded, type: 'boolean', whenNull: 'missing' }, (p) => p.isContractOpenEnded),
  'person.certificateValidTo': onPerson(
    { label: '资格证书有效期止', type: 'date', paramLabel: '证书种类', whenNull: 'none', noneReason: '证书长期有效或未录入该证书' },
    (p, param) => {
      const ends = p.certificates.filter((c) => param === undefined || c.kind === param).map((c) => c.validTo);
      if (ends.length === 0 || ends.includes(null)) return null;
      return [...ends].sort().at(-1) ?? null;
    },
  ),
} as const;

const STORE_FACTS = {
  'store.kind': onStore({ label: `场所${STORE.kind}`, type: 'string', whenNull: 'missing' }, (s) => s.kind),
  'store.district': onStore({ label: STORE.district, type: 'string', whenNull: 'missing' }, (s) => s.district),
  'store.operatingSince': onStore({ label: STORE.operatingSince, type: 'date', paramLabel: '场所类型', whenNull: 'missing' }, (s) => s.operatingSince),
  'store.floorAreaSqm': onStore({ label: STORE.floorAreaSqm, type: 'number', whenNull: 'missing' }, (s) => s.floorAreaSqm),
} as const;

const SUBJECT_FACTS = { ...VEHICLE_FACTS, ...LICENCE_FACTS, ...PERSON_FACTS, ...STORE_FACTS } as const;
export type SubjectFactKey = keyof typeof SUBJECT_FACTS;

export function isSubjectFact(fact: string): fact is SubjectFactKey {
  return Object.hasOwn(SUBJECT_FACTS, fact);
}

export function subjectFactKind(fact: SubjectFactKey): PerSubjectKind {
  return SUBJECT_FACTS[fact].kind;
}

export function subjectFactLabel(fact: SubjectFactKey): string {
  return SUBJECT_FACTS[fact].label;
}

/** Reads a subject fact; unknown when the fact belongs to another kind of subject or is not recorded. */
export function readSubjectFact(subject: Subject, fact: SubjectFactKey, param: string | undefined): FactReading {
  const value = SUBJECT_FACTS[fact].read(subject, param);
  return value === undefined || value === null ? { value: undefined } : { value };
}

export type SubjectDate =
  | { readonly state: 'known'; readonly date: IsoDate }
  | { readonly state: 'missing'; readonly reason: string }
  | { readonly state: 'none'; readonly reason: string };

/** The trigger date a per-subject rule starts from, or why there is none. */
export function readSubjectDate(subject: Subject, fact: SubjectFactKey, param: string | undefined): SubjectDate {
  const def: SubjectFactDefinition = SUBJECT_FACTS[fact];
  if (def.type !== 'date') return { state: 'missing', reason: `${def.label}不是日期` };
  if (fact === 'person.contractEnd' && subject.kind === 'person' && subject.person.isContractOpenEnded) {
    return { state: 'none', reason: '无固定期限劳动合同' };
  }
  const value = def.read(subject, param);
  if (typeof value === 'string' && isIsoDate(value)) return { state: 'known', date: value };
  if (def.whenNull === 'none' && (value === null || value === undefined)) return { state: 'none', reason: def.noneReason ?? `未填写${def.label}` };
  return { state: 'missing', reason: `未填写${def.label}` };
}

/**
 * The subjects of a rule: every vehicle, licence, person or store of the company, narrowed by the
 * trigger's parameter where the fact takes one (a licence kind, a person's role, a store kind).
 */
export function subjectsOf(record: CompanyRecord, kind: SubjectKind, param?: string, fact?: SubjectFactKey): Subject[] {
  switch (kind) {
    case 'company':
      return [{ kind: 'company', id: record.company.id, label: record.company.name }];
    case 'vehicle':
      return record.vehicles.map((v) => ({ kind: 'vehicle', id: v.id, label: v.plate, vehicle: v }));
    case 'licence':
      return record.licences
        .filter((l) => param === undefined || l.kind === param)
        .map((l) => ({ kind: 'licence', id: l.id, label: licenceLabel(l), licence: l }));
    case 'person':
      return record.people
        .filter((p) => param === undefined || fact === 'person.certificateValidTo' || p.roles.some((r) => r === param))
        .map((p) => ({ kind: 'person', id: p.id, label: p.name, person: p }));
    case 'store':
      return record.stores
        .filter((s) => param === undefined || s.kind === param)
        .map((s) => ({ kind: 'store', id: s.id, label: s.name, store: s }));
  }
}

function licenceLabel(l: Licence): string {
  const kind = l.kind === '其他' && l.kindOther.trim() !== '' ? l.kindOther.trim() : l.kind;
  return l.number.trim() === '' ? kind : `${kind}（${l.number.trim()}）`;
}
