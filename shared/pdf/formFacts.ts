import type { Licence, Person, Store } from '../domain/company';
import type { CompanyRecord } from '../domain/companyRecord';
import { CERTIFICATE_FIELD_LABELS, DOMAIN_FIELD_LABELS } from '../domain/fieldLabels';
import { toParts, type IsoDate } from '../domain/isoDate';
import { LICENCE_KINDS, PERSON_ROLES, STORE_KINDS, type PersonRole } from '../domain/vocabulary';

/*
 * The company facts a form can be filled from, as display strings under stable keys
 * ("company.uscc", "person.执业药师.name", "licence.药品经营许可证.number"). Form templates
 * (resources/forms) and the user's AcroForm mappings name these keys; the catalogue gives each a
 * Chinese label for the mapping screen. A fact with no value is absent, never an empty string, so
 * "unfilled" is one test.
 */

export interface FactDefinition {
  readonly key: string;
  readonly label: string;
  readonly group: string;
}

interface ListDefinition {
  readonly key: string;
  readonly label: string;
  readonly columns: readonly FactDefinition[];
}

type ListItem = Readonly<Record<string, string>>;

export interface FormFacts {
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly ListItem[]>;
}

export interface FormFactContext {
  /** The generation date (a platform input): date.today and friends. */
  readonly today: IsoDate;
  /** The store the application is for; default: the company's first 门店, else its first store. */
  readonly storeId?: string | null | undefined;
  /** The application's title, e.g. "定点零售药店医疗保障定点申请". */
  readonly applicationTitle?: string | undefined;
  /** The authority the application goes to, as the knowledge base names it. */
  readonly authority?: string | undefined;
}

/** 2021-04-01 -> 2021年4月1日, the way Chinese forms write dates. */
export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${year}年${month}月${day}日`;
}

const COMPANY_LABELS = DOMAIN_FIELD_LABELS.companies;
const PERSON_LABELS = DOMAIN_FIELD_LABELS.people;
const LICENCE_LABELS = DOMAIN_FIELD_LABELS.licences;
const VEHICLE_LABELS = DOMAIN_FIELD_LABELS.vehicles;
const STORE_LABELS = DOMAIN_FIELD_LABELS.stores;

/** Each fact of a stored field is named as the forms name the field (shared/domain/fieldLabels.ts). */
const labelled = <K extends string>(labels: Readonly<Record<K, string>>, keys: readonly K[]): ReadonlyArray<readonly [K, string]> =>
  keys.map((key) => [key, labels[key]] as const);

const COMPANY_FACTS = labelled(COMPANY_LABELS, [
  'name', 'uscc', 'legalRepresentative', 'registeredAddress', 'district', 'establishedOn', 'entityType', 'industryCode', 'industryName',
  'businessScope', 'employeeCount', 'annualRevenueWanYuan', 'totalAssetsWanYuan', 'contactPerson', 'contactPhone', 'email',
  'isInFreeTradeZone',
]);
const PERSON_FACTS = labelled(PERSON_LABELS, ['name', 'idNumber', 'phone']);
const LICENCE_FACTS = labelled(LICENCE_LABELS, ['number', 'issuer', 'validFrom', 'validTo']);
const STORE_FACTS = labelled(STORE_LABELS, ['name', 'address', 'district', 'kind', 'operatingSince', 'floorAreaSqm']);

const PERSON_COLUMNS: readonly FactDefinition[] = [
  ...labelled(PERSON_LABELS, ['name', 'idNumber', 'roles', 'phone']).map(([key, label]) => ({ key, label, group: '人员' })),
  // Columns of values derived from a stored field (a person's first certificate, a store's name).
  // A form asks for the certificate's name (证书名称), where the person form picks its type.
  { key: 'certificateKind', label: '证书名称', group: '人员' },
  { key: 'certificateNumber', label: CERTIFICATE_FIELD_LABELS.number, group: '人员' },
  { key: 'certificateValidTo', label: `证书${CERTIFICATE_FIELD_LABELS.validTo}`, group: '人员' },
  { key: 'contractStart', label: PERSON_LABELS.contractStart, group: '人员' },
  { key: 'contractEnd', label: PERSON_LABELS.contractEnd, group: '人员' },
  { key: 'contractPeriod', label: '劳动合同期限', group: '人员' },
  { key: 'store', label: PERSON_LABELS.storeId, group: '人员' },
  { key: 'practiceStore', label: PERSON_LABELS.practiceStoreId, group: '人员' },
];
const VEHICLE_COLUMNS: readonly FactDefinition[] = labelled(VEHICLE_LABELS, [
  'plate', 'model', 'vin', 'usageNature', 'registeredOn', 'inServiceOn', 'seats', 'filingStatus', 'isTimeShare',
]).map(([key, label]) => ({ key, label, group: '车辆' }));
const STORE_COLUMNS: readonly FactDefinition[] = STORE_FACTS.map(([key, label]) => ({ key, label, group: '门店与场所' }));
const LICENCE_COLUMNS: readonly FactDefinition[] = [
  // kindOther for 其他, else kind: the licence's name rather than its stored type.
  { key: 'kind', label: '证照名称', group: '证照' },
  ...LICENCE_FACTS.map(([key, label]) => ({ key, label, group: '证照' })),
];

/** Every scalar fact, in the order the mapping screen lists them. */
export const FORM_FACTS: readonly FactDefinition[] = [
  ...COMPANY_FACTS.map(([key, label]) => ({ key: `company.${key}`, label, group: '企业基本信息' })),
  { key: 'legalRepresentative.idNumber', label: `法定代表人${PERSON_LABELS.idNumber}`, group: '企业基本信息' },
  { key: 'legalRepresentative.phone', label: `法定代表人${PERSON_LABELS.phone}`, group: '企业基本信息' },
  { key: 'stores.addresses', label: '全部经营场所地址', group: '门店与场所' },
  { key: 'stores.count', label: '门店与场所数', group: '门店与场所' },
  ...STORE_FACTS.map(([key, label]) => ({ key: `store.${key}`, label: `申请门店${label}`, group: '门店与场所' })),
  ...PERSON_ROLES.filter((role) => role !== '其他').flatMap((role) => [
    ...PERSON_FACTS.map(([key, label]) => ({ key: `person.${role}.${key}`, label: `${role}${label}`, group: '人员' })),
    { key: `person.${role}.count`, label: `${role}人数`, group: '人员' },
  ]),
  { key: 'people.count', label: '人员总数', group: '人员' },
  ...LICENCE_KINDS.filter((kind) => kind !== '其他').flatMap((kind) =>
    LICENCE_FACTS.map(([key, label]) => ({ key: `licence.${kind}.${key}`, label: `${kind}${label}`, group: '证照' })),
  ),
  { key: 'vehicles.count', label: '车辆总数', group: '车辆' },
  { key: 'vehicles.rentalCount', label: '使用性质为“租赁”的车辆数', group: '车辆' },
  { key: 'vehicles.activeCount', label: '未移出备案的车辆数', group: '车辆' },
  { key: 'vehicles.hasTimeShare', label: '有分时租赁车辆（是）', group: '车辆' },
  { key: 'application.title', label: '申请事项', group: '申请' },
  { key: 'application.authority', label: '受理机关', group: '申请' },
  { key: 'date.today', label: '今天的日期', group: '日期' },
  { key: 'date.year', label: '今年（年份）', group: '日期' },
  { key: 'date.month', label: '本月（月份）', group: '日期' },
  { key: 'date.day', label: '今天（日）', group: '日期' },
];

/** Every list a form table can repeat rows of. "people:<岗位>" holds the people with that role. */
const FORM_LISTS: readonly ListDefinition[] = [
  { key: 'people', label: '全部人员', columns: PERSON_COLUMNS },
  ...PERSON_ROLES.filter((role) => role !== '其他').map((role) => ({ key: `people:${role}`, label: `${role}名单`, columns: PERSON_COLUMNS })),
  { key: 'people:药学人员', label: '执业药师与药学技术人员名单', columns: PERSON_COLUMNS },
  { key: 'vehicles', label: '全部车辆', columns: VEHICLE_COLUMNS },
  { key: 'vehicles:租赁', label: '使用性质为“租赁”的车辆', columns: VEHICLE_COLUMNS },
  { key: 'vehicles:未移出备案', label: '未移出备案的车辆', columns: VEHICLE_COLUMNS },
  { key: 'stores', label: '全部门店与场所', columns: STORE_COLUMNS },
  ...STORE_KINDS.filter((kind) => kind !== '其他').map((kind) => ({ key: `stores:${kind}`, label: `${kind}名单`, columns: STORE_COLUMNS })),
  { key: 'licences', label: '全部证照', columns: LICENCE_COLUMNS },
];

export function isKnownFact(key: string): boolean {
  return FORM_FACTS.some((f) => f.key === key);
}

export function isKnownList(key: string): boolean {
  return FORM_LISTS.some((l) => l.key === key);
}

function personFirstWithRole(people: readonly Person[], role: PersonRole): Person | undefined {
  return people.find((p) => p.roles.includes(role));
}

/** The licence of a kind that matters now: the selected store's, else the one valid longest. */
function currentLicence(licences: readonly Licence[], kind: string, storeId: string | null): Licence | undefined {
  const ofKind = licences.filter((l) => l.kind === kind);
  const forStore = storeId ? ofKind.filter((l) => l.storeId === storeId) : [];
  const pool = forStore.length > 0 ? forStore : ofKind;
  return [...pool].sort((a, b) => (b.validTo ?? '9999-12-31').localeCompare(a.validTo ?? '9999-12-31'))[0];
}

function selectedStore(stores: readonly Store[], storeId: string | null | undefined): Store | undefined {
  if (storeId) return stores.find((s) => s.id === storeId);
  return stores.find((s) => s.kind === '门店') ?? stores[0];
}

function dateText(date: IsoDate | null): string {
  return date ? formatChineseDate(date) : '';
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}

function personItem(person: Person, stores: readonly Store[]): ListItem {
  const certificate = person.certificates[0];
  const contractEnd = person.isContractOpenEnded ? '无固定期限' : dateText(person.contractEnd);
  const contractStart = dateText(person.contractStart);
  return {
    name: person.name,
    idNumber: person.idNumber,
    roles: person.roles.join('、'),
    phone: person.phone,
    certificateKind: certificate?.kind ?? '',
    certificateNumber: certificate?.number ?? '',
    certificateValidTo: dateText(certificate?.validTo ?? null),
    contractStart,
    contractEnd,
    contractPeriod: contractStart && contractEnd ? (person.isContractOpenEnded ? `${contractStart}起，无固定期限` : `${contractStart}至${contractEnd}`) : '',
    store: stores.find((s) => s.id === person.storeId)?.name ?? '',
    practiceStore: stores.find((s) => s.id === person.practiceStoreId)?.name ?? '',
  };
}

function storeItem(store: Store): ListItem {
  return {
    name: store.name,
    kind: store.kind,
    address: store.address,
    district: store.district ?? '',
    operatingSince: dateText(store.operatingSince),
    floorAreaSqm: numberText(store.floorAreaSqm),
  };
}

/** Every fact of one company as display strings; see the file comment for the keys. */
export function collectFormFacts(record: CompanyRecord, context: FormFactContext): FormFacts {
  const values = new Map<string, string>();
  const set = (key: string, value: string): void => {
    const trimmed = value.trim();
    if (trimmed !== '') values.set(key, trimmed);
  };
  const { company, people, licences, vehicles, stores } = record;

  set('company.name', company.name);
  set('company.uscc', company.uscc);
  set('company.legalRepresentative', company.legalRepresentative);
  set('company.registeredAddress', company.registeredAddress);
  set('company.district', company.district ?? '');
  set('company.establishedOn', dateText(company.establishedOn));
  set('company.entityType', company.entityType ?? '');
  set('company.industryCode', company.industryCode);
  set('company.industryName', company.industryName);
  set('company.businessScope', company.businessScope);
  set('company.employeeCount', numberText(company.employeeCount));
  set('company.annualRevenueWanYuan', numberText(company.annualRevenueWanYuan));
  set('company.totalAssetsWanYuan', numberText(company.totalAssetsWanYuan));
  set('company.contactPerson', company.contactPerson);
  set('company.contactPhone', company.contactPhone);
  set('company.email', company.email);
  set('company.isInFreeTradeZone', company.isInFreeTradeZone === null ? '' : company.isInFreeTradeZone ? '是' : '否');

  const legalRepresentative =
    people.find((p) => p.roles.includes('法定代表人') && (company.legalRepresentative === '' || p.name === company.legalRepresentative)) ??
    people.find((p) => p.name !== '' && p.name === company.legalRepresentative);
  if (legalRepresentative) {
    set('legalRepresentative.idNumber', legalRepresentative.idNumber);
    set('legalRepresentative.phone', legalRepresentative.phone);
  }

  const store = selectedStore(stores, context.storeId);
  if (store) {
    for (const [key, text] of Object.entries(storeItem(store))) set(`store.${key}`, text);
  }
  const sites = stores.filter((s) => s.kind === '门店' || s.kind === '经营场所');
  set('stores.addresses', sites.map((s) => s.address).filter((a) => a !== '').join('；'));
  set('stores.count', String(stores.length));

  for (const role of PERSON_ROLES) {
    if (role === '其他') continue;
    const holders = people.filter((p) => p.roles.includes(role));
    set(`person.${role}.count`, String(holders.length));
    const first = personFirstWithRole(people, role);
    if (first) {
      set(`person.${role}.name`, first.name);
      set(`person.${role}.idNumber`, first.idNumber);
      set(`person.${role}.phone`, first.phone);
    }
  }
  set('people.count', String(people.length));

  for (const kind of LICENCE_KINDS) {
    if (kind === '其他') continue;
    const licence = currentLicence(licences, kind, store?.id ?? null);
    if (!licence) continue;
    set(`licence.${kind}.number`, licence.number);
    set(`licence.${kind}.issuer`, licence.issuer);
    set(`licence.${kind}.validFrom`, dateText(licence.validFrom));
    set(`licence.${kind}.validTo`, licence.validTo ? formatChineseDate(licence.validTo) : licence.validFrom ? '长期' : '');
  }

  set('vehicles.count', String(vehicles.length));
  set('vehicles.rentalCount', String(vehicles.filter((v) => v.usageNature === '租赁').length));
  set('vehicles.activeCount', String(vehicles.filter((v) => v.filingStatus !== '已移出备案').length));
  // Only a yes is a fact: no time-share vehicle on record does not prove the company runs none.
  if (vehicles.some((v) => v.isTimeShare)) set('vehicles.hasTimeShare', '是');
  set('application.title', context.applicationTitle ?? '');
  set('application.authority', context.authority ?? '');
  const today = toParts(context.today);
  set('date.today', formatChineseDate(context.today));
  set('date.year', String(today.year));
  set('date.month', String(today.month));
  set('date.day', String(today.day));

  const lists = new Map<string, readonly ListItem[]>();
  lists.set('people', people.map((p) => personItem(p, stores)));
  for (const role of PERSON_ROLES) {
    if (role !== '其他') lists.set(`people:${role}`, people.filter((p) => p.roles.includes(role)).map((p) => personItem(p, stores)));
  }
  // 第五条(二) of the pharmacy designation measures accepts either kind of pharmacist.
  lists.set('people:药学人员', people.filter((p) => p.roles.includes('执业药师') || p.roles.includes('药学技术人员')).map((p) => personItem(p, stores)));
  const vehicleItem = (v: CompanyRecord['vehicles'][number]): ListItem => ({
    plate: v.plate,
    model: v.model,
    vin: v.vin,
    usageNature: v.usageNature,
    registeredOn: dateText(v.registeredOn),
    inServiceOn: dateText(v.inServiceOn),
    seats: numberText(v.seats),
    filingStatus: v.filingStatus,
    isTimeShare: v.isTimeShare ? '是' : '否',
  });
  lists.set('vehicles', vehicles.map(vehicleItem));
  lists.set('vehicles:租赁', vehicles.filter((v) => v.usageNature === '租赁').map(vehicleItem));
  lists.set('vehicles:未移出备案', vehicles.filter((v) => v.filingStatus !== '已移出备案').map(vehicleItem));
  lists.set('stores', stores.map(storeItem));
  for (const kind of STORE_KINDS) {
    if (kind !== '其他') lists.set(`stores:${kind}`, stores.filter((s) => s.kind === kind).map(storeItem));
  }
  lists.set(
    'licences',
    licences.map((l) => ({
      kind: l.kind === '其他' ? l.kindOther || '其他' : l.kind,
      number: l.number,
      issuer: l.issuer,
      validFrom: dateText(l.validFrom),
      validTo: l.validTo ? formatChineseDate(l.validTo) : l.validFrom ? '长期' : '',
    })),
  );
  return { values, lists };
}

const LIST_REFERENCE = /^(.+)\[(\d+)\]\.([A-Za-z]+)$/;

/**
 * The value of a fact key, or of a list cell written `<list>[<n>].<column>` (1-based), e.g.
 * "people:执业药师[2].name" for an official form's second pharmacist row. Undefined when empty.
 */
export function resolveFact(facts: FormFacts, key: string): string | undefined {
  const direct = facts.values.get(key);
  if (direct !== undefined) return direct;
  const match = LIST_REFERENCE.exec(key);
  if (!match) return undefined;
  const [, list = '', index = '0', column = ''] = match;
  const value = facts.lists.get(list)?.[Number(index) - 1]?.[column];
  return value === undefined || value === '' ? undefined : value;
}

/** True for a scalar fact key or a well-formed list cell reference of a known list and column. */
export function isResolvableFactKey(key: string): boolean {
  if (isKnownFact(key)) return true;
  const match = LIST_REFERENCE.exec(key);
  if (!match) return false;
  const list = FORM_LISTS.find((l) => l.key === match[1]);
  return list !== undefined && Number(match[2]) >= 1 && list.columns.some((c) => c.key === match[3]);
}

/** Prefix of the fact keys that name a field of a form draft: `form:<templateId>.<fieldId>`. */
const FORM_DRAFT_FACT_PREFIX = 'form:';

const FORM_DRAFT_REFERENCE = /^form:([^.]+)\.(.+)$/;

export function formDraftFactKey(templateId: string, fieldId: string): string {
  return `${FORM_DRAFT_FACT_PREFIX}${templateId}.${fieldId}`;
}

/** True for a well-formed `form:<templateId>.<fieldId>` key (whether or not that draft has the field). */
export function isFormDraftFactKey(key: string): boolean {
  return FORM_DRAFT_REFERENCE.test(key);
}

/**
 * The facts plus what the officer typed into the company's form drafts (by template id), so an
 * official fillable PDF can take a value typed once on the 表单 tab, e.g. 医保信息系统情况.
 */
export function withFormDrafts(facts: FormFacts, drafts: Readonly<Record<string, Readonly<Record<string, string>>>>): FormFacts {
  const values = new Map(facts.values);
  for (const [templateId, fields] of Object.entries(drafts)) {
    for (const [fieldId, value] of Object.entries(fields)) {
      if (value.trim() !== '') values.set(formDraftFactKey(templateId, fieldId), value.trim());
    }
  }
  return { values, lists: facts.lists };
}
