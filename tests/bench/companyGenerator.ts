import type { Company, Person, Store, Vehicle } from '../../shared/domain/company';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { addDays, asIsoDate, fromParts, type IsoDate } from '../../shared/domain/isoDate';
import { DISTRICTS, type District } from '../../shared/domain/vocabulary';
import { idNumberCheckCharacter } from '../../shared/validation/idCard';
import { usccCheckCharacter } from '../../shared/validation/uscc';
import { SeededRandom } from './seededRandom';

/*
 * Realistic, fictitious Beijing company data for benchmarks and large-input tests. Codes carry
 * correct check characters; names, people and plates are made up.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国', '志强', '晓东', '海燕', '子涵'];
const NAME_WORDS = ['华康', '同仁', '安泰', '瑞丰', '嘉禾', '恒信', '京北', '金桥', '永安', '仁和', '德润', '天衡', '鼎盛', '博远', '益民', '康宁'];
const STREETS = ['建国路', '朝阳北路', '中关村大街', '西直门外大街', '丰台北路', '石景山路', '通州北苑', '天竺路', '回龙观西大街', '亦庄经海路'];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PLATE_SERIAL = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function generateUscc(rng: SeededRandom): string {
  let body = '911101';
  for (let i = 0; i < 11; i++) body += rng.pick([...USCC_CHARS.slice(0, 10), ...USCC_CHARS.slice(10)]);
  return body + (usccCheckCharacter(body) ?? '0');
}

function generateIdNumber(rng: SeededRandom, birth: IsoDate): string {
  const body = `110105${birth.replaceAll('-', '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
  return body + (idNumberCheckCharacter(body) ?? '0');
}

/** Unique per index within a company: the five serial characters encode the index in base 34. */
function generatePlate(rng: SeededRandom, index: number): string {
  let serial = '';
  let rest = index;
  for (let i = 0; i < 5; i++) {
    serial = PLATE_SERIAL.charAt(rest % PLATE_SERIAL.length) + serial;
    rest = Math.floor(rest / PLATE_SERIAL.length);
  }
  return `京${rng.pick(['A', 'B', 'C', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q'])}${serial}`;
}

function randomDate(rng: SeededRandom, fromYear: number, toYear: number): IsoDate {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  return fromParts(year, month, rng.int(1, 28));
}

function personName(rng: SeededRandom): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

const NOW = '2026-11-26T00:00:00.000Z';

export interface GeneratedCompanyOptions {
  readonly kind: 'pharmacy' | 'carRental' | 'energy' | 'general';
  readonly vehicles?: number;
}

export function generateCompany(rng: SeededRandom, index: number, options: GeneratedCompanyOptions): CompanyRecord {
  const id = `gen-${options.kind}-${index}`;
  const district: District = rng.pick(DISTRICTS);
  const established = randomDate(rng, 2005, 2025);
  const industry = {
    pharmacy: ['F5251', '药品零售'], carRental: ['L7111', '汽车租赁'], energy: ['I6540', '数据处理和存储支持服务'], general: ['I6510', '软件开发'],
  }[options.kind] as [string, string];
  const suffix = { pharmacy: '大药房有限公司', carRental: '汽车租赁有限公司', energy: '数据科技有限公司', general: '科技有限公司' }[options.kind];
  const company: Company = {
    id,
    name: `北京${rng.pick(NAME_WORDS)}${rng.pick(NAME_WORDS)}${suffix}${index}`,
    uscc: generateUscc(rng),
    legalRepresentative: personName(rng),
    registeredAddress: `北京市${district}${rng.pick(STREETS)}${rng.int(1, 300)}号`,
    district,
    establishedOn: established,
    entityType: '有限责任公司',
    industryCode: industry[0],
    industryName: industry[1],
    businessScope: options.kind === 'pharmacy' ? '药品零售；医疗器械经营' : '技术开发；技术服务',
    isInFreeTradeZone: rng.chance(0.2),
    employeeCount: rng.int(3, 400),
    annualRevenueWanYuan: rng.int(50, 90_000),
    totalAssetsWanYuan: rng.int(50, 120_000),
    contactPerson: personName(rng),
    contactPhone: `1${rng.int(30, 99)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    email: '',
    note: '',
    answers: {},
    createdAt: NOW,
    updatedAt: NOW,
  };
  const stores: Store[] = [{
    id: `${id}-s1`, companyId: id, name: options.kind === 'energy' ? '亦庄数据中心' : '总店', kind: options.kind === 'energy' ? '数据中心' : '门店',
    address: company.registeredAddress, district, operatingSince: addDays(established, rng.int(10, 120)), floorAreaSqm: rng.int(60, 20_000), note: '',
  }];
  const people: Person[] = Array.from({ length: rng.int(2, 6) }, (_, i) => {
    const start = randomDate(rng, 2019, 2026);
    return {
      id: `${id}-p${i}`, companyId: id, name: personName(rng), idNumber: generateIdNumber(rng, randomDate(rng, 1965, 2000)),
      roles: i === 0 ? ['法定代表人'] : options.kind === 'pharmacy' ? [i === 1 ? '执业药师' : '医保管理人员'] : ['其他'],
      phone: '', storeId: stores[0]?.id ?? null, practiceStoreId: i === 1 && options.kind === 'pharmacy' ? (stores[0]?.id ?? null) : null,
      certificates: [], contractStart: start, contractEnd: addDays(start, rng.pick([180, 365 * 2, 365 * 3])), isContractOpenEnded: false, note: '',
    };
  });
  const vehicles: Vehicle[] = Array.from({ length: options.vehicles ?? 0 }, (_, i) => generateVehicle(rng, id, i));
  return {
    company,
    people,
    licences: [{
      id: `${id}-l1`, companyId: id, kind: '营业执照', kindOther: '', number: company.uscc, issuer: `北京市${district}市场监督管理局`,
      validFrom: established, validTo: null, storeId: null, note: '',
    }],
    vehicles,
    stores,
    events: [{ id: `${id}-e1`, companyId: id, kind: 'marketRegistration', date: established, subjectId: null, note: '' }],
  };
}

export function generateVehicle(rng: SeededRandom, companyId: string, index: number): Vehicle {
  const registered = randomDate(rng, 2011, 2026);
  const isOld = registered < asIsoDate('2021-04-01');
  return {
    id: `${companyId}-v${index}`, companyId, plate: generatePlate(rng, index),
    usageNature: isOld && rng.chance(0.3) ? '非营运' : '租赁',
    registeredOn: registered, inServiceOn: addDays(registered, rng.int(0, 60)),
    filingStatus: rng.chance(0.9) ? '已备案' : '未备案', leftFilingOn: null,
    model: rng.pick(['大众朗逸', '丰田卡罗拉', '别克英朗', '比亚迪秦', '日产轩逸', '本田思域']), vin: '', seats: 5,
    isTimeShare: rng.chance(0.05), note: '',
  };
}

/** The same workspace every time for a given seed. */
export function generateWorkspace(seed: number, counts: { readonly companies: number; readonly vehiclesPerRentalCompany?: number }): CompanyRecord[] {
  const rng = new SeededRandom(seed);
  const kinds: GeneratedCompanyOptions['kind'][] = ['pharmacy', 'carRental', 'energy', 'general'];
  return Array.from({ length: counts.companies }, (_, i) => {
    const kind = kinds[i % kinds.length] ?? 'general';
    return generateCompany(rng, i, { kind, vehicles: kind === 'carRental' ? (counts.vehiclesPerRentalCompany ?? 20) : 0 });
  });
}
