import { z } from 'zod';
import { isoDateSchema } from './isoDate';
import {
  CERTIFICATE_KINDS, DISTRICTS, ENTITY_TYPES, EVENT_KIND_KEYS, LICENCE_KINDS, PERSON_ROLES,
  STORE_KINDS, VEHICLE_FILING_STATUSES, VEHICLE_TYPES, VEHICLE_USAGE_NATURES, type EventKind,
} from './vocabulary';

/*
 * The company workspace. Each entity is a zod schema so that one definition gives the
 * TypeScript type, the validation of imported files and the published JSON Schema.
 * Required-ness here is what a *stored* record must have; what a user must still fill in before
 * a filing is judged by shared/validation, which warns instead of refusing.
 */

const optionalDate = isoDateSchema.nullable().default(null);
const id = z.string().min(1).max(64);
const text = (max = 500) => z.string().max(max);

export const companySchema = z.object({
  id,
  name: text(200).min(1, '请填写企业名称'),
  /** 统一社会信用代码 (GB 32100-2015); kept even when its check character fails, see validation/uscc. */
  uscc: text(32).default(''),
  legalRepresentative: text(50).default(''),
  registeredAddress: text(300).default(''),
  district: z.enum(DISTRICTS).nullable().default(null),
  establishedOn: optionalDate,
  entityType: z.enum(ENTITY_TYPES).nullable().default(null),
  /** 国民经济行业分类 (GB/T 4754-2017) code, e.g. F5251 零售药店 (药品零售). */
  industryCode: text(10).default(''),
  industryName: text(100).default(''),
  businessScope: text(4000).default(''),
  /** null: not known yet; matters for the 自贸试验区 measures. */
  isInFreeTradeZone: z.boolean().nullable().default(null),
  employeeCount: z.number().int().min(0).nullable().default(null),
  /** 营业收入, in 万元, of the last full year. */
  annualRevenueWanYuan: z.number().min(0).nullable().default(null),
  /** 资产总额, in 万元. */
  totalAssetsWanYuan: z.number().min(0).nullable().default(null),
  contactPerson: text(50).default(''),
  contactPhone: text(50).default(''),
  email: text(100).default(''),
  note: text(4000).default(''),
  /**
   * Answers to knowledge-base questions the stored facts cannot decide (fact key -> value),
   * saved where the user answered them.
   */
  answers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()])).default({}),
  /**
   * Presumptions the officer overturned (answer key -> when, ISO timestamp): the app stops presuming
   * that answer and asks the question instead (shared/policy/evaluate, knowledgeBase presumptionSchema).
   */
  overturnedPresumptions: z.record(z.string().max(200), z.string().max(40)).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof companySchema>;

const certificateSchema = z.object({
  kind: z.enum(CERTIFICATE_KINDS),
  number: text(100).default(''),
  issuer: text(100).default(''),
  issuedOn: optionalDate,
  validTo: optionalDate,
});
export type Certificate = z.infer<typeof certificateSchema>;

export const personSchema = z.object({
  id,
  companyId: id,
  name: text(50).min(1, '请填写姓名'),
  /** 居民身份证号码 (GB 11643-1999); sensitive personal information under the PIPL. */
  idNumber: text(32).default(''),
  roles: z.array(z.enum(PERSON_ROLES)).default([]),
  phone: text(50).default(''),
  /** The store or site the person works at, if any. */
  storeId: id.nullable().default(null),
  /** Where a 执业药师's practice is registered (注册地): a store of this company, when it is one. */
  practiceStoreId: id.nullable().default(null),
  certificates: z.array(certificateSchema).default([]),
  contractStart: optionalDate,
  /** null with isContractOpenEnded false means "not recorded". */
  contractEnd: optionalDate,
  /** 无固定期限劳动合同. */
  isContractOpenEnded: z.boolean().default(false),
  note: text(2000).default(''),
});
export type Person = z.infer<typeof personSchema>;

export const licenceSchema = z.object({
  id,
  companyId: id,
  kind: z.enum(LICENCE_KINDS),
  /** Free text for kind 其他. */
  kindOther: text(100).default(''),
  number: text(100).default(''),
  issuer: text(100).default(''),
  validFrom: optionalDate,
  /** null: no expiry (长期). */
  validTo: optionalDate,
  storeId: id.nullable().default(null),
  note: text(2000).default(''),
});
export type Licence = z.infer<typeof licenceSchema>;

export const vehicleSchema = z.object({
  id,
  companyId: id,
  /** 号牌号码, e.g. 京A12345 or a new-energy 京AD12345. */
  plate: text(16).min(1, '请填写号牌号码'),
  usageNature: z.enum(VEHICLE_USAGE_NATURES),
  /** 注册日期 on the 行驶证. */
  registeredOn: optionalDate,
  /** The day the vehicle was put into rental service (投入经营); decides the 2021-04-01 rule. */
  inServiceOn: optionalDate,
  filingStatus: z.enum(VEHICLE_FILING_STATUSES).default('未备案'),
  /** Day the vehicle left the filing (移出备案), when it did. */
  leftFilingOn: optionalDate,
  model: text(100).default(''),
  vin: text(32).default(''),
  /** 车辆类型; null: not recorded (a 9-seat-or-fewer car is then presumed from the seats, see isSmallPassengerCar). */
  vehicleType: z.enum(VEHICLE_TYPES).nullable().optional(),
  /** 核定载客: any size can be recorded; only 9 or fewer make a 小微型客车 (car-rental opinions 三、(一)). */
  seats: z.number().int().min(1, '核定载客人数至少为 1').max(300, '核定载客人数不能超过 300').nullable().default(null),
  isTimeShare: z.boolean().default(false),
  note: text(1000).default(''),
});
export type Vehicle = z.infer<typeof vehicleSchema>;

/**
 * Is the vehicle a 小微型客车, the only vehicles the car-rental opinions govern (三、(一), L2290–2292:
 * "将 9座及以下的小微型客车交付承租人使用")? By 车辆类型 when recorded, else by 核定载客. A vehicle
 * recorded with neither is presumed one: before 车辆类型 existed the app could only record vehicles
 * of 9 seats or fewer, so that is what every such record is.
 */
export function smallPassengerCarStatus(v: Pick<Vehicle, 'vehicleType' | 'seats'>): 'yes' | 'no' | 'presumed' {
  if (v.vehicleType != null) return v.vehicleType === '小型客车' || v.vehicleType === '微型客车' ? (v.seats !== null && v.seats > 9 ? 'no' : 'yes') : 'no';
  if (v.seats !== null) return v.seats <= 9 ? 'yes' : 'no';
  return 'presumed';
}

export const storeSchema = z.object({
  id,
  companyId: id,
  name: text(200).min(1, '请填写名称'),
  kind: z.enum(STORE_KINDS),
  address: text(300).default(''),
  district: z.enum(DISTRICTS).nullable().default(null),
  /** Day the store started operating at this address (在注册地址正式经营). */
  operatingSince: optionalDate,
  floorAreaSqm: z.number().min(0).nullable().default(null),
  note: text(2000).default(''),
});
export type Store = z.infer<typeof storeSchema>;

export const companyEventSchema = z.object({
  id,
  companyId: id,
  kind: z.enum(EVENT_KIND_KEYS as [EventKind, ...EventKind[]]),
  date: isoDateSchema,
  /** The vehicle, store, licence or person the event concerns, if any. */
  subjectId: id.nullable().default(null),
  note: text(2000).default(''),
});
export type CompanyEvent = z.infer<typeof companyEventSchema>;
