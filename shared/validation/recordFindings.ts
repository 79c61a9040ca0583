import type { CompanyRecord } from '../domain/companyRecord';
import { compareIsoDate } from '../domain/isoDate';
import { checkIdNumber } from './idCard';
import { checkUscc } from './uscc';

/**
 * Checks a stored company beyond its schema: check characters, date order, duplicates. Each
 * finding names the field it belongs to so the UI can show it beside that field and the
 * command line can print where it is. Warnings never block saving; errors are data that cannot
 * be right (a contract that ends before it starts).
 */
export interface Finding {
  readonly severity: 'error' | 'warning';
  /** Dotted path in the workspace, e.g. "people[2].contractEnd". */
  readonly path: string;
  /** Which form field (entity id + field name) to show it beside. */
  readonly entityId: string;
  readonly field: string;
  readonly message: string;
}

export function findRecordIssues(record: CompanyRecord): Finding[] {
  const findings: Finding[] = [];
  const { company } = record;
  const add = (severity: Finding['severity'], path: string, entityId: string, field: string, message: string) =>
    findings.push({ severity, path, entityId, field, message });

  const uscc = checkUscc(company.uscc);
  if (uscc.kind === 'empty') add('warning', 'company.uscc', company.id, 'uscc', '尚未填写统一社会信用代码');
  else if (uscc.kind === 'malformed') add('error', 'company.uscc', company.id, 'uscc', uscc.message);
  else if (uscc.kind === 'checkCharacterMismatch') add('warning', 'company.uscc', company.id, 'uscc', uscc.message);

  record.people.forEach((person, i) => {
    const at = `people[${i}]`;
    const id = checkIdNumber(person.idNumber);
    if (id.kind === 'malformed') add('error', `${at}.idNumber`, person.id, 'idNumber', `${person.name}：${id.message}`);
    else if (id.kind === 'checkCharacterMismatch') add('warning', `${at}.idNumber`, person.id, 'idNumber', `${person.name}：${id.message}`);
    if (person.contractStart && person.contractEnd && compareIsoDate(person.contractEnd, person.contractStart) <= 0) {
      add('error', `${at}.contractEnd`, person.id, 'contractEnd', `${person.name}：劳动合同终止日期应晚于起始日期`);
    }
    if (person.isContractOpenEnded && person.contractEnd) {
      add('error', `${at}.contractEnd`, person.id, 'contractEnd', `${person.name}：无固定期限劳动合同不应填写终止日期`);
    }
    person.certificates.forEach((cert, j) => {
      if (cert.issuedOn && cert.validTo && compareIsoDate(cert.validTo, cert.issuedOn) <= 0) {
        add('error', `${at}.certificates[${j}].validTo`, person.id, 'certificates', `${person.name}：${cert.kind}的有效期应晚于发证日期`);
      }
    });
  });

  record.licences.forEach((licence, i) => {
    if (licence.validFrom && licence.validTo && compareIsoDate(licence.validTo, licence.validFrom) <= 0) {
      add('error', `licences[${i}].validTo`, licence.id, 'validTo', `${licence.kind}：有效期止应晚于有效期起`);
    }
  });

  const platesSeen = new Map<string, number>();
  record.vehicles.forEach((vehicle, i) => {
    const plate = normalizePlate(vehicle.plate);
    if (!isPlausiblePlate(plate)) add('warning', `vehicles[${i}].plate`, vehicle.id, 'plate', `号牌“${vehicle.plate}”格式不符合常见的机动车号牌格式`);
    const first = platesSeen.get(plate);
    if (first !== undefined) add('error', `vehicles[${i}].plate`, vehicle.id, 'plate', `号牌“${vehicle.plate}”与第 ${first + 1} 辆车重复`);
    else platesSeen.set(plate, i);
    if (vehicle.registeredOn && vehicle.inServiceOn && compareIsoDate(vehicle.inServiceOn, vehicle.registeredOn) < 0) {
      add('error', `vehicles[${i}].inServiceOn`, vehicle.id, 'inServiceOn', `${vehicle.plate}：投入经营日期不应早于注册日期`);
    }
  });

  const ids = new Set<string>();
  for (const entity of [...record.people, ...record.licences, ...record.vehicles, ...record.stores, ...record.events]) {
    if (entity.companyId !== company.id) add('error', 'company.id', entity.id, 'companyId', `记录 ${entity.id} 不属于企业 ${company.name}`);
    if (ids.has(entity.id)) add('error', 'company.id', entity.id, 'id', `记录编号 ${entity.id} 重复`);
    ids.add(entity.id);
  }
  return findings;
}

export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·.-]/g, '').toUpperCase();
}

/** Ordinary (7) and new-energy (8) plates: province character, letter, then 5 or 6 letters/digits. */
export function isPlausiblePlate(plate: string): boolean {
  return /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}$/.test(normalizePlate(plate));
}
