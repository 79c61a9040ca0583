import { smallPassengerCarStatus, type Person, type Store } from '../domain/company';
import type { CompanyRecord } from '../domain/companyRecord';
import { classifyEnterpriseSize } from './enterpriseSize';
import type { PresumptionRule } from './knowledgeBase';
import { compareIsoDate, daysInMonth, fromParts, toParts, addDays, type IsoDate } from '../domain/isoDate';
import {
  EVENT_KIND_KEYS, LICENCE_KINDS, PERSON_ROLES, STORE_KINDS, VEHICLE_USAGE_NATURES,
  type CertificateKind, type LicenceKind, type PersonRole,
} from '../domain/vocabulary';

/*
 * The fact registry: every company fact a knowledge-base condition may name. A fact is read from
 * a CompanyRecord on a date; `undefined` means unknown, which turns into a question for the user.
 * Derived facts (months operating at the registered address, qualified pharmacists...) are computed
 * here once per record and date, never stored.
 */

export type FactScalar = string | number | boolean;
type FactValueType = 'string' | 'number' | 'boolean' | 'date' | 'stringList';

export interface FactReading {
  /** undefined: unknown on this record. */
  readonly value: FactScalar | readonly string[] | undefined;
  /** For counts that are only partly known: the value lies in [min, max]. */
  readonly min?: number;
  readonly max?: number;
  /** Chinese, how the value was obtained (who was counted, what is missing). */
  readonly detail?: string;
}

type AnswerType = 'boolean' | 'number' | 'text' | 'choice' | 'date';
type AnswerValue = boolean | number | string | null;

export interface FactDefinition {
  readonly key: string;
  /** Chinese label as shown beside a value: 从业人员数. */
  readonly label: string;
  readonly type: FactValueType;
  readonly unit?: string;
  /** Allowed parameter values (e.g. licence kinds) and what the parameter means. */
  readonly param?: { readonly label: string; readonly values: readonly string[] };
  /** Chinese: how the value is derived, for the "why" panel. */
  readonly description: string;
  /** Where the user records the underlying data. */
  readonly recordField?: string;
  readonly read: (record: CompanyRecord, date: IsoDate, param: string | undefined) => FactReading;
  /**
   * When stored data cannot decide, the user may answer directly; the answer is saved in
   * company.answers under factAnswerKey(key) and converted to the fact's value here.
   * Facts with a parameter are always decidable from the records, so they take no answer.
   */
  readonly answer?: {
    readonly type: AnswerType;
    readonly text: string;
    readonly options?: readonly string[];
    readonly unit?: string;
    readonly help?: string;
    readonly toValue?: (answer: AnswerValue, date: IsoDate) => FactScalar | undefined;
  };
  /** While unknown and unanswered, the value presumed from other records (shown as 推定, overturnable). */
  readonly presume?: PresumptionRule;
}

const known = (value: FactScalar | readonly string[]): FactReading => ({ value });
const unknown = (detail?: string): FactReading => (detail === undefined ? { value: undefined } : { value: undefined, detail });

// ---------------------------------------------------------------------------------------------
// Calendar helpers (month arithmetic clamps to the month's last day: 01-31 + 1 month = 02-28/29).

export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = toParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return fromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole months completed from `from` to `to`: the largest n with from + n months ≤ to (0 if to < from). */
export function completedMonths(from: IsoDate, to: IsoDate): number {
  if (compareIsoDate(to, from) < 0) return 0;
  const a = toParts(from);
  const b = toParts(to);
  let n = (b.year - a.year) * 12 + (b.month - a.month);
  while (n > 0 && compareIsoDate(addMonthsClamped(from, n), to) > 0) n--;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Shared derivations

function normalizeAddress(address: string): string {
  return address.replace(/\s+/g, '').replace(/^北京市/, '').replace(/[()（）]/g, '');
}

/**
 * The store a pharmacy's designation concerns: the 门店 at the registered address, or the only
 * 门店 when there is just one (a 零售药店 is licensed per store, so its store is its address).
 */
export function registeredStore(record: CompanyRecord): Store | undefined {
  const shops = record.stores.filter((s) => s.kind === '门店');
  const address = normalizeAddress(record.company.registeredAddress);
  if (address !== '') {
    const matching = shops.filter((s) => normalizeAddress(s.address) === address);
    if (matching.length > 0) return [...matching].sort((x, y) => (x.operatingSince ?? '9999').localeCompare(y.operatingSince ?? '9999'))[0];
  }
  return shops.length === 1 ? shops[0] : undefined;
}

/**
 * The stores 第五条 judges. A 零售药店 is licensed per store, so a single pharmacy is its store at
 * the registered address; a chain (several 门店) is judged per store, each at its own address with
 * its own registered pharmacist (issue: 第五条(一)(二) speak of "该零售药店").
 */
function pharmacyStoresToJudge(record: CompanyRecord): { readonly stores: readonly Store[]; readonly isChain: boolean } {
  const shops = record.stores.filter((s) => s.kind === '门店');
  if (shops.length >= 2) return { stores: shops, isChain: true };
  const store = registeredStore(record);
  return { stores: store === undefined ? [] : [store], isChain: false };
}

/**
 * The smallest of per-store numbers, as a reading: a chain meets a "至少" condition only when every
 * store does. Unknown stores widen the range downwards (the value lies in [0, smallest known]).
 */
function smallestPerStore(perStore: readonly { readonly store: Store; readonly reading: FactReading }[]): FactReading {
  const detail = perStore.map(({ store, reading }) => `门店“${store.name}”：${reading.detail ?? (typeof reading.value === 'number' ? String(reading.value) : '未知')}`).join('；');
  const knownValues = perStore.map(({ reading }) => reading.value).filter((v): v is number => typeof v === 'number');
  const lowerBounds = perStore.map(({ reading }) => (typeof reading.value === 'number' ? reading.value : reading.min ?? 0));
  const upperBounds = perStore.map(({ reading }) => (typeof reading.value === 'number' ? reading.value : reading.max ?? Number.POSITIVE_INFINITY));
  const min = Math.min(...lowerBounds);
  const max = Math.min(...upperBounds);
  if (knownValues.length === perStore.length) return { value: min, min, max, detail: `按门店分别判断，取最少者。${detail}` };
  return Number.isFinite(max) ? { value: undefined, min, max, detail: `按门店分别判断，取最少者。${detail}` } : { value: undefined, detail: `按门店分别判断。${detail}` };
}

type PersonStatus = { readonly status: 'yes' } | { readonly status: 'no' | 'undetermined'; readonly why: string };

/** 签订 1 年以上劳动合同且在合同期内 on `date`. An open-ended contract qualifies. */
export function contractStatus(person: Person, date: IsoDate): PersonStatus {
  if (person.contractStart === null) return { status: 'undetermined', why: '未填写劳动合同起始日期' };
  if (compareIsoDate(person.contractStart, date) > 0) return { status: 'no', why: `劳动合同自 ${person.contractStart} 起才生效` };
  if (person.isContractOpenEnded) return { status: 'yes' };
  if (person.contractEnd === null) return { status: 'undetermined', why: '未填写劳动合同终止日期' };
  if (compareIsoDate(person.contractEnd, date) < 0) return { status: 'no', why: `劳动合同已于 ${person.contractEnd} 到期` };
  // A one-year contract runs from its start to the day before the anniversary (2022-01-01 to 2022-12-31).
  const oneYearEnd = addDays(addMonthsClamped(person.contractStart, 12), -1);
  if (compareIsoDate(person.contractEnd, oneYearEnd) < 0) {
    return { status: 'no', why: `劳动合同期限不足 1 年（${person.contractStart} 至 ${person.contractEnd}）` };
  }
  return { status: 'yes' };
}

const PHARMACIST_CERTIFICATES: readonly CertificateKind[] = ['执业药师资格证书', '药学专业技术资格证书', '临床药学专业技术资格证书', '中药学专业技术资格证书'];

function pharmacistStatus(person: Person, store: Store | undefined, date: IsoDate): PersonStatus {
  const certificates = person.certificates.filter((c) => PHARMACIST_CERTIFICATES.includes(c.kind));
  if (certificates.length === 0) return { status: 'undetermined', why: '未录入执业药师资格证书或药学类专业技术资格证书' };
  if (!certificates.some((c) => c.validTo === null || compareIsoDate(c.validTo, date) >= 0)) return { status: 'no', why: '资格证书已过有效期' };
  if (person.practiceStoreId === null) return { status: 'undetermined', why: '未填写注册地（执业注册的门店）' };
  if (store === undefined) return { status: 'undetermined', why: '无法确定注册地址对应的门店' };
  if (person.practiceStoreId !== store.id) return { status: 'no', why: '注册地不在本药店' };
  return contractStatus(person, date);
}

function countPeople(people: readonly Person[], judge: (p: Person) => PersonStatus): FactReading {
  let yes = 0;
  let undetermined = 0;
  const notes: string[] = [];
  const counted: string[] = [];
  for (const person of people) {
    const s = judge(person);
    if (s.status === 'yes') {
      yes++;
      counted.push(person.name);
    } else {
      if (s.status === 'undetermined') undetermined++;
      notes.push(`${person.name}：${s.why}${s.status === 'undetermined' ? '（待补充）' : ''}`);
    }
  }
  const detail = [counted.length > 0 ? `符合：${counted.join('、')}` : '符合：无', ...notes].join('；');
  return undetermined === 0 ? { value: yes, min: yes, max: yes, detail } : { value: undefined, min: yes, max: yes + undetermined, detail };
}

function hasRoleOrCertificate(person: Person, roles: readonly PersonRole[], certificates: readonly CertificateKind[]): boolean {
  return person.roles.some((r) => roles.includes(r)) || person.certificates.some((c) => certificates.includes(c.kind));
}

function isLicenceValidOn(licence: { validFrom: IsoDate | null; validTo: IsoDate | null }, date: IsoDate): boolean {
  return (licence.validFrom === null || compareIsoDate(licence.validFrom, date) <= 0) && (licence.validTo === null || compareIsoDate(licence.validTo, date) >= 0);
}

/** Vehicles still in the fleet on `date` (not moved out of the filing by then). */
function wholeFleetOn(record: CompanyRecord, date: IsoDate) {
  return record.vehicles.filter((v) => {
    if (v.leftFilingOn !== null) return compareIsoDate(v.leftFilingOn, date) > 0;
    return v.filingStatus !== '已移出备案';
  });
}

/**
 * The 小微型客车 of the fleet: the car-rental opinions govern 9 座及以下的小微型客车 only (三、(一),
 * L2290–2292), so buses and trucks a company also rents out count for none of the vehicle facts.
 */
function fleetOn(record: CompanyRecord, date: IsoDate) {
  return wholeFleetOn(record, date).filter((v) => smallPassengerCarStatus(v) !== 'no');
}

const CAR_RENTAL_FILING: LicenceKind = '小微型客车租赁经营备案';
/** 三、(四)1.(1): from this day vehicles newly put into rental service must be registered 租赁. */
const RENTAL_USAGE_RULE_START = '2021-04-01' as IsoDate;

/** 三、(七): 租赁小微型客车使用年限为 15 年. */
const RENTAL_SERVICE_LIFE_YEARS = 15;

function latestEventDate(record: CompanyRecord, kind: string, date: IsoDate): IsoDate | undefined {
  let latest: IsoDate | undefined;
  for (const e of record.events) {
    if (e.kind === kind && compareIsoDate(e.date, date) <= 0 && (latest === undefined || compareIsoDate(e.date, latest) > 0)) latest = e.date;
  }
  return latest;
}

function optionalNumber(value: number | null): FactReading {
  return value === null ? unknown() : known(value);
}

function optionalText(value: string): FactReading {
  return value.trim() === '' ? unknown() : known(value.trim());
}

function asDateAnswer(answer: AnswerValue): IsoDate | undefined {
  return typeof answer === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answer) ? (answer as IsoDate) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The registry

const definitions: readonly FactDefinition[] = [
  {
    key: 'company.industryCode', label: '国民经济行业分类代码', type: 'string', recordField: 'company.industryCode',
    description: '企业信息中的行业代码（GB/T 4754-2017，如 F5251）',
    read: (r) => optionalText(r.company.industryCode.toUpperCase()),
    answer: { type: 'text', text: '企业的国民经济行业分类代码（GB/T 4754-2017，如 F5251）是什么？' },
  },
  {
    key: 'company.industryName', label: '所属行业', type: 'string', recordField: 'company.industryName',
    description: '企业信息中的行业名称', read: (r) => optionalText(r.company.industryName),
    answer: { type: 'text', text: '企业所属行业（国民经济行业分类名称）是什么？' },
  },
  {
    key: 'company.district', label: '所在区', type: 'string', recordField: 'company.district',
    description: '企业信息中的所在区', read: (r) => (r.company.district === null ? unknown() : known(r.company.district)),
  },
  {
    key: 'company.entityType', label: '企业类型', type: 'string', recordField: 'company.entityType',
    description: '营业执照上的企业类型', read: (r) => (r.company.entityType === null ? unknown() : known(r.company.entityType)),
  },
  {
    key: 'company.isInFreeTradeZone', label: '位于自贸试验区内', type: 'boolean', recordField: 'company.isInFreeTradeZone',
    description: '企业信息中“是否位于中国（北京）自由贸易试验区”', read: (r) => (r.company.isInFreeTradeZone === null ? unknown() : known(r.company.isInFreeTradeZone)),
    answer: { type: 'boolean', text: '企业是否位于中国（北京）自由贸易试验区内？' },
  },
  {
    key: 'company.employeeCount', label: '从业人员数', type: 'number', unit: '人', recordField: 'company.employeeCount',
    description: '企业信息中的从业人员数', read: (r) => optionalNumber(r.company.employeeCount),
  },
  {
    key: 'company.annualRevenueWanYuan', label: '上年度营业收入', type: 'number', unit: '万元', recordField: 'company.annualRevenueWanYuan',
    description: '企业信息中上一完整年度的营业收入', read: (r) => optionalNumber(r.company.annualRevenueWanYuan),
  },
  {
    key: 'company.totalAssetsWanYuan', label: '资产总额', type: 'number', unit: '万元', recordField: 'company.totalAssetsWanYuan',
    description: '企业信息中的资产总额', read: (r) => optionalNumber(r.company.totalAssetsWanYuan),
  },
  {
    key: 'company.businessScope', label: '经营范围', type: 'string', recordField: 'company.businessScope',
    description: '营业执照上的经营范围', read: (r) => optionalText(r.company.businessScope),
  },
  {
    // Lets an item state the period a measure runs for (“执行至 2021 年底”) as a condition with its
    // citation, so a lapsed measure stops applying instead of being listed forever.
    key: 'evaluation.date', label: '判断日', type: 'date',
    description: '对企业进行判断的日期',
    read: (_r, date) => known(date),
  },
  {
    key: 'company.monthsSinceEstablished', label: '成立月数', type: 'number', unit: '个月', recordField: 'company.establishedOn',
    description: '自成立日期至判断日已满的整月数',
    read: (r, date) => (r.company.establishedOn === null ? unknown('未填写成立日期') : known(completedMonths(r.company.establishedOn, date))),
  },
  {
    key: 'company.sizeClass', label: '企业规模', type: 'string',
    description: '按《中小企业划型标准规定》（工信部联企业〔2011〕300号），由行业、从业人员、营业收入、资产总额划分',
    read: (r) => {
      const result = classifyEnterpriseSize({
        industryCode: r.company.industryCode, employeeCount: r.company.employeeCount,
        annualRevenueWanYuan: r.company.annualRevenueWanYuan, totalAssetsWanYuan: r.company.totalAssetsWanYuan,
      });
      return result.sizeClass === null ? unknown(result.reason) : { value: result.sizeClass, detail: result.reason };
    },
    answer: { type: 'choice', text: '按工信部联企业〔2011〕300号划型，企业属于哪一类？', options: ['大型', '中型', '小型', '微型'] },
  },
  {
    key: 'licence.hasValid', label: '持有有效证照', type: 'boolean', recordField: 'licences',
    param: { label: '证照种类', values: LICENCE_KINDS },
    description: '证照列表中有该种类的证照，且判断日在其有效期内（未填有效期止视为长期）',
    read: (r, date, param) => known(r.licences.some((l) => l.kind === param && isLicenceValidOn(l, date))),
  },
  {
    key: 'licence.validTo', label: '证照有效期止', type: 'date', recordField: 'licences',
    param: { label: '证照种类', values: LICENCE_KINDS },
    description: '该种类证照中最晚的有效期止日期',
    read: (r, _date, param) => {
      const ends = r.licences.filter((l) => l.kind === param && l.validTo !== null).map((l) => l.validTo as IsoDate).sort();
      const last = ends[ends.length - 1];
      return last === undefined ? unknown('未录入该证照的有效期止日期') : known(last);
    },
  },
  {
    key: 'people.countWithRole', label: '人员数', type: 'number', unit: '名', recordField: 'people',
    param: { label: '岗位', values: PERSON_ROLES },
    description: '人员列表中担任该岗位的人数',
    read: (r, _date, param) => known(r.people.filter((p) => p.roles.some((role) => role === param)).length),
  },
  {
    key: 'pharmacy.monthsOperatingAtRegisteredAddress', label: '在注册地址正式经营月数', type: 'number', unit: '个月', recordField: 'stores.operatingSince',
    description: '注册地址对应门店（地址与注册地址一致的门店；只有一家门店时即该门店）自“开始在此经营日期”至判断日已满的整月数；连锁药店（多家门店）按每家门店在其地址的经营月数分别判断，取最少者',
    read: (r, date) => {
      const { stores, isChain } = pharmacyStoresToJudge(r);
      if (stores.length === 0) return unknown(r.stores.some((s) => s.kind === '门店') ? '无法确定哪家门店位于注册地址' : '未录入门店');
      const monthsAt = (store: Store): FactReading =>
        store.operatingSince === null ? unknown('未填写开始经营日期') : { value: completedMonths(store.operatingSince, date), detail: `自 ${store.operatingSince} 起经营` };
      if (!isChain) {
        const [store] = stores as [Store];
        const reading = monthsAt(store);
        return { ...reading, detail: `门店“${store.name}”${reading.detail ?? ''}` };
      }
      return smallestPerStore(stores.map((store) => ({ store, reading: monthsAt(store) })));
    },
    answer: {
      type: 'date', text: '药店自哪一天起在注册地址正式经营？',
      toValue: (answer, date) => {
        const since = asDateAnswer(answer);
        return since === undefined ? undefined : completedMonths(since, date);
      },
    },
  },
  {
    key: 'pharmacy.qualifiedPharmacistCount', label: '符合条件的药师人数', type: 'number', unit: '名', recordField: 'people',
    description: '取得执业药师资格证书或药学、临床药学、中药学专业技术资格证书，注册地在本药店，且签订 1 年以上劳动合同并在合同期内的人数；连锁药店按每家门店分别计算注册在该店的药师，取最少者',
    read: (r, date) => {
      const candidates = r.people.filter((p) => hasRoleOrCertificate(p, ['执业药师', '药学技术人员'], PHARMACIST_CERTIFICATES));
      const { stores, isChain } = pharmacyStoresToJudge(r);
      if (!isChain) return countPeople(candidates, (p) => pharmacistStatus(p, stores[0], date));
      // Each store needs its own pharmacist registered there; one registered elsewhere is not counted.
      return smallestPerStore(stores.map((store) => ({ store, reading: countPeople(candidates.filter((p) => p.practiceStoreId === null || p.practiceStoreId === store.id), (p) => pharmacistStatus(p, store, date)) })));
    },
  },
  {
    key: 'pharmacy.qualifiedInsuranceManagerCount', label: '符合条件的医保管理人员人数', type: 'number', unit: '名', recordField: 'people',
    description: '岗位为医保管理人员（专职或兼职），签订 1 年以上劳动合同且在合同期内的人数',
    read: (r, date) => countPeople(r.people.filter((p) => p.roles.includes('医保管理人员')), (p) => contractStatus(p, date)),
  },
  {
    key: 'pharmacy.isDesignated', label: '医保定点零售药店', type: 'boolean',
    description: '已签订医保协议（有“医保协议签订”事件）且其后未解除',
    read: (r, date) => {
      const signed = latestEventDate(r, 'agreementSigned', date);
      if (signed === undefined) return unknown('未记录医保协议签订');
      const terminated = latestEventDate(r, 'agreementTerminated', date);
      if (terminated !== undefined && compareIsoDate(terminated, signed) >= 0) return { value: false, detail: `医保协议已于 ${terminated} 解除` };
      return { value: true, detail: `医保协议签订于 ${signed}` };
    },
    answer: { type: 'boolean', text: '本药店是否已与医保经办机构签订医保协议（医保定点零售药店）？' },
    // Signing the agreement is an event the app records; without one the pharmacy is presumed not yet designated.
    presume: {
      value: false,
      when: { op: 'fact', id: 'no-agreement-event', label: '未记录医保协议签订', fact: 'events.hasKind', param: 'agreementSigned', comparator: 'isFalse' },
      audience: '面向已签订医保协议的定点零售药店',
      because: '企业资料中没有“医保协议签订”记录，推定尚未成为定点药店',
    },
  },
  {
    key: 'pharmacy.insuranceAgreementEndsOn', label: '医保协议期满日', type: 'date',
    description: '最近一次“医保协议签订”之日起 1 年期满（第九条：医保协议期限一般为 1 年；按民法典第二百零一条，签订当日不计入），以协议载明的期限为准',
    read: (r, date) => {
      const signed = latestEventDate(r, 'agreementSigned', date);
      if (signed === undefined) return unknown('未记录医保协议签订');
      // The same count as the agreement-term deadline rule (民法典 第二百零一条), so the two never disagree.
      return { value: addMonthsClamped(signed, 12), detail: `按 ${signed} 签订、期限 1 年推算` };
    },
    answer: { type: 'date', text: '现行医保协议载明的期满日期是哪一天？', toValue: (a) => asDateAnswer(a) },
  },
  {
    key: 'vehicles.count', label: '小微型客车数', type: 'number', unit: '辆', recordField: 'vehicles',
    description: '车辆列表中判断日仍在册（未移出备案）的小微型客车（9 座及以下客车）数',
    read: (r, date) => known(fleetOn(r, date).length),
  },
  {
    key: 'vehicles.countByUsage', label: '按使用性质的车辆数', type: 'number', unit: '辆', recordField: 'vehicles',
    param: { label: '使用性质', values: VEHICLE_USAGE_NATURES },
    description: '判断日仍在册、行驶证使用性质为该性质的小微型客车数',
    read: (r, date, param) => known(fleetOn(r, date).filter((v) => v.usageNature === param).length),
  },
  {
    key: 'vehicles.countNewInServiceNotRental', label: '2021 年 4 月 1 日起投入经营但使用性质不是“租赁”的车辆数', type: 'number', unit: '辆', recordField: 'vehicles',
    description: '在册车辆中，投入经营日期在 2021-04-01 或之后、使用性质不是“租赁”的车辆数',
    read: (r, date) => {
      let count = 0;
      let undetermined = 0;
      const names: string[] = [];
      for (const v of fleetOn(r, date)) {
        if (v.usageNature === '租赁') continue;
        if (v.inServiceOn === null) {
          undetermined++;
          names.push(`${v.plate}（未填写投入经营日期）`);
        } else if (compareIsoDate(v.inServiceOn, RENTAL_USAGE_RULE_START) >= 0) {
          count++;
          names.push(v.plate);
        }
      }
      const detail = names.length > 0 ? names.join('、') : '无';
      return undetermined === 0 ? { value: count, min: count, max: count, detail } : { value: undefined, min: count, max: count + undetermined, detail };
    },
  },
  {
    key: 'vehicles.onlyOutsideCarRentalScope', label: '名下车辆均不是小微型客车', type: 'boolean', recordField: 'vehicles',
    description: '车辆列表中判断日仍在册的车辆都是 9 座以上的客车、货车或其他车辆（实施意见三、(一)只适用于 9 座及以下的小微型客车）；没有在册车辆时为“否”',
    read: (r, date) => {
      const fleet = wholeFleetOn(r, date);
      const outside = fleet.filter((v) => smallPassengerCarStatus(v) === 'no');
      return fleet.length > 0 && outside.length === fleet.length
        ? { value: true, detail: `在册 ${fleet.length} 辆均不是小微型客车` }
        : { value: false, detail: fleet.length === 0 ? '未录入在册车辆' : `在册小微型客车 ${fleet.length - outside.length} 辆` };
    },
  },
  {
    key: 'vehicles.countNonOperatingFiledBefore20210401', label: '2021 年 4 月 1 日前已备案、仍为“非营运”性质的车辆数', type: 'number', unit: '辆', recordField: 'vehicles',
    description: '在册小微型客车中，投入经营日期早于 2021-04-01、使用性质仍为“非营运”的车辆数（实施意见三、(四)1.(2)；此后投入经营的车辆适用(1)，使用性质应当为“租赁”）',
    read: (r, date) => {
      let count = 0;
      let undetermined = 0;
      const names: string[] = [];
      for (const v of fleetOn(r, date)) {
        if (v.usageNature !== '非营运') continue;
        if (v.inServiceOn === null) {
          undetermined++;
          names.push(`${v.plate}（未填写投入经营日期）`);
        } else if (compareIsoDate(v.inServiceOn, RENTAL_USAGE_RULE_START) < 0) {
          count++;
          names.push(v.plate);
        }
      }
      const detail = names.length > 0 ? names.join('、') : '无';
      return undetermined === 0 ? { value: count, min: count, max: count, detail } : { value: undefined, min: count, max: count + undetermined, detail };
    },
  },
  {
    key: 'vehicles.countRentalOverServiceLife', label: '已达 15 年使用年限的租赁车辆数', type: 'number', unit: '辆', recordField: 'vehicles.registeredOn',
    description: '在册、使用性质为“租赁”的车辆中，自行驶证注册日期起已满 15 年的车辆数（实施意见三、(七)“租赁小微型客车使用年限为 15 年”；起算日原文未写明，按注册日期计）',
    read: (r, date) => {
      let count = 0;
      let undetermined = 0;
      const names: string[] = [];
      for (const v of fleetOn(r, date)) {
        if (v.usageNature !== '租赁') continue;
        if (v.registeredOn === null) {
          undetermined++;
          names.push(`${v.plate}（未填写注册日期）`);
        } else if (compareIsoDate(addMonthsClamped(v.registeredOn, RENTAL_SERVICE_LIFE_YEARS * 12), date) <= 0) {
          count++;
          names.push(`${v.plate}（${v.registeredOn} 注册）`);
        }
      }
      const detail = names.length > 0 ? names.join('、') : '无';
      return undetermined === 0 ? { value: count, min: count, max: count, detail } : { value: undefined, min: count, max: count + undetermined, detail };
    },
  },
  {
    key: 'vehicles.hasTimeShare', label: '从事分时租赁', type: 'boolean', recordField: 'vehicles.isTimeShare',
    description: '车辆列表中有标记为分时租赁的车辆',
    read: (r, date) => {
      const fleet = fleetOn(r, date);
      if (fleet.some((v) => v.isTimeShare)) return known(true);
      return fleet.length > 0 ? known(false) : unknown('未录入车辆');
    },
    answer: { type: 'boolean', text: '企业是否从事（或拟从事）分时租赁经营？' },
  },
  {
    key: 'carRental.filingExpiresOn', label: '小微型客车租赁经营备案有效期届满日', type: 'date', recordField: 'licences',
    description: '“小微型客车租赁经营备案”证照的有效期止；未填时按有效期起算三年（实施意见三、(三)4.“备案有效期三年”）',
    read: (r) => {
      const filings = r.licences.filter((l) => l.kind === CAR_RENTAL_FILING);
      const ends = filings.filter((l) => l.validTo !== null).map((l) => l.validTo as IsoDate).sort();
      const last = ends[ends.length - 1];
      if (last !== undefined) return known(last);
      const starts = filings.filter((l) => l.validFrom !== null).map((l) => l.validFrom as IsoDate).sort();
      const first = starts[starts.length - 1];
      if (first === undefined) return unknown('未录入小微型客车租赁经营备案的有效期');
      return { value: addDays(addMonthsClamped(first, 36), -1), detail: `按 ${first} 起三年推算` };
    },
    answer: { type: 'date', text: '小微型客车租赁经营备案证明的有效期截止日期是哪一天？', toValue: (a) => asDateAnswer(a) },
  },
  {
    key: 'events.hasKind', label: '已记录事件', type: 'boolean', recordField: 'events',
    param: { label: '事件类型', values: EVENT_KIND_KEYS },
    description: '事件列表中有该类型的事件（含已登记的拟发生日期）',
    read: (r, _date, param) => known(r.events.some((e) => e.kind === param)),
  },
  {
    key: 'company.hasEnded', label: '已终止经营', type: 'boolean', recordField: 'events',
    description: '事件列表中有判断日或之前的“终止经营”事件',
    read: (r, date) => {
      const ended = latestEventDate(r, 'termination', date);
      return ended === undefined ? known(false) : { value: true, detail: `${ended} 终止经营` };
    },
  },
  {
    key: 'company.terminationDate', label: '终止经营日期', type: 'date', recordField: 'events',
    description: '事件列表中最早的“终止经营”事件的日期（含已登记的拟终止日期）',
    read: (r) => {
      const dates = r.events.filter((e) => e.kind === 'termination').map((e) => e.date).sort();
      return dates[0] === undefined ? unknown('未记录终止经营') : known(dates[0]);
    },
  },
  {
    key: 'stores.countRentalOutlets', label: '经营门店数', type: 'number', unit: '处', recordField: 'stores',
    description: '类型为“门店”的场所数；类型为“经营场所”的，按企业回答是否用作经营门店计入',
    read: (r, _date) => {
      const shops = r.stores.filter((s) => s.kind === '门店').length;
      const premises = r.stores.filter((s) => s.kind === '经营场所');
      const names = premises.map((s) => s.name).join('、');
      if (premises.length === 0) return known(shops);
      const answer = r.company.answers[factAnswerKey('stores.countRentalOutlets')];
      if (answer === true) return { value: shops + premises.length, detail: `门店 ${shops} 处，另有经营场所 ${names}（企业确认用作经营门店）` };
      if (answer === false) return { value: shops, detail: `门店 ${shops} 处；经营场所 ${names} 不用作经营门店（企业回答）` };
      return { value: undefined, min: shops, max: shops + premises.length, detail: `门店 ${shops} 处；经营场所 ${names} 是否用作经营门店未确认` };
    },
    answer: { type: 'boolean', text: '企业登记的“经营场所”是否用作租赁经营门店？', toValue: () => undefined },
  },
  {
    key: 'stores.countByKind', label: '场所数', type: 'number', unit: '处', recordField: 'stores',
    param: { label: '场所类型', values: STORE_KINDS },
    description: '门店与场所列表中该类型的数量',
    read: (r, _date, param) => known(r.stores.filter((s) => s.kind === param).length),
  },
];

export const FACTS: ReadonlyMap<string, FactDefinition> = new Map(definitions.map((d) => [d.key, d]));

export const ANSWER_PREFIX = 'answer.';

/** Where a user's answer for a registry fact is kept in company.answers. */
export function factAnswerKey(fact: string, param?: string): string {
  return `${ANSWER_PREFIX}fact.${fact}${param === undefined ? '' : `:${param}`}`;
}

function defaultAnswerValue(type: FactValueType, answer: AnswerValue): FactScalar | undefined {
  switch (type) {
    case 'number':
      return typeof answer === 'number' && Number.isFinite(answer) ? answer : undefined;
    case 'boolean':
      return typeof answer === 'boolean' ? answer : undefined;
    case 'date':
      return asDateAnswer(answer);
    case 'string':
    case 'stringList':
      return typeof answer === 'string' && answer.trim() !== '' ? answer.trim() : undefined;
  }
}

/**
 * Reads one fact. `answer.*` facts come from company.answers; registry facts from the records,
 * and when those cannot decide, from the user's answer to the fact's question.
 */
export function readFact(record: CompanyRecord, date: IsoDate, fact: string, param: string | undefined): FactReading {
  if (isAnswerFact(fact)) {
    const answer = record.company.answers[fact];
    return answer === undefined || answer === null ? unknown() : { value: answer, detail: '用户回答' };
  }
  const def = FACTS.get(fact);
  if (def === undefined) return unknown(`未登记的事实 ${fact}`);
  const reading = def.read(record, date, param);
  if (reading.value !== undefined) return reading;
  const answer = record.company.answers[factAnswerKey(fact, param)];
  if (answer === undefined || answer === null) return reading;
  const value = def.answer?.toValue ? def.answer.toValue(answer, date) : defaultAnswerValue(def.type, answer);
  return value === undefined ? reading : { value, detail: '用户回答' };
}

/**
 * readFact for one fact and parameter, with what depends on them alone (the registry entry, the
 * answer key) looked up once: for reading the same fact of many companies.
 */
export function factReader(fact: string, param: string | undefined): (record: CompanyRecord, date: IsoDate) => FactReading {
  if (isAnswerFact(fact)) {
    return (record) => {
      const answer = record.company.answers[fact];
      return answer === undefined || answer === null ? unknown() : { value: answer, detail: '用户回答' };
    };
  }
  const def = FACTS.get(fact);
  if (def === undefined) return () => unknown(`未登记的事实 ${fact}`);
  const answerKey = factAnswerKey(fact, param);
  return (record, date) => {
    const reading = def.read(record, date, param);
    if (reading.value !== undefined) return reading;
    const answer = record.company.answers[answerKey];
    if (answer === undefined || answer === null) return reading;
    const value = def.answer?.toValue ? def.answer.toValue(answer, date) : defaultAnswerValue(def.type, answer);
    return value === undefined ? reading : { value, detail: '用户回答' };
  };
}

export interface FactQuestion {
  readonly key: string;
  readonly text: string;
  readonly type: AnswerType;
  readonly options?: readonly string[];
  readonly unit?: string;
  readonly help?: string;
}

/** The question that settles an unknown registry fact; the answer goes to company.answers[key]. */
export function factQuestion(fact: string, param?: string): FactQuestion {
  const def = FACTS.get(fact);
  const key = factAnswerKey(fact, param);
  if (def === undefined) return { key, text: `请补充：${fact}`, type: 'text' };
  const where = def.recordField === undefined ? undefined : '也可在企业资料中补充相应记录';
  if (def.answer !== undefined) {
    return {
      key, text: def.answer.text, type: def.answer.type,
      ...(def.answer.options === undefined ? {} : { options: def.answer.options }),
      ...(def.answer.unit ?? def.unit ? { unit: def.answer.unit ?? def.unit } : {}),
      ...(def.answer.help ?? where ? { help: def.answer.help ?? where } : {}),
    };
  }
  const type: AnswerType = def.type === 'number' ? 'number' : def.type === 'boolean' ? 'boolean' : def.type === 'date' ? 'date' : 'text';
  return {
    key, text: `请补充：${factLabel(fact, param)}`, type,
    ...(def.unit === undefined ? {} : { unit: def.unit }),
    ...(where === undefined ? {} : { help: where }),
  };
}

export function isAnswerFact(fact: string): boolean {
  return fact.startsWith(ANSWER_PREFIX);
}

/** Checks a fact reference used by the knowledge base; returns a Chinese problem or null. */
export function checkFactReference(fact: string, param: string | undefined): string | null {
  if (isAnswerFact(fact)) {
    if (!/^answer\.[A-Za-z0-9_.]+$/.test(fact)) return `问题键“${fact}”格式不正确`;
    return param === undefined ? null : `问题键“${fact}”不接受参数`;
  }
  const def = FACTS.get(fact);
  if (def === undefined) return `事实“${fact}”不在事实登记表中`;
  if (def.param === undefined) return param === undefined ? null : `事实“${fact}”不接受参数（给了“${param}”）`;
  if (param === undefined) return `事实“${fact}”需要参数：${def.param.label}`;
  return def.param.values.includes(param) ? null : `事实“${fact}”的参数“${param}”不是有效的${def.param.label}`;
}

/** The label of a fact with its parameter, for reasons: 持有有效证照（药品经营许可证）. */
export function factLabel(fact: string, param?: string): string {
  const def = FACTS.get(fact);
  if (def === undefined) return fact;
  return param === undefined ? def.label : `${def.label}（${param}）`;
}

