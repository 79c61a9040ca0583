import { parseIsoDate } from '../domain/isoDate';
import { checkUscc } from '../validation/uscc';

/*
 * Checks on recognised values (issue 18): a value failing its check is never proposed as certain.
 * Each returns the cleaned value and, when it fails, a Chinese reason.
 */

export interface Checked {
  readonly value: string;
  readonly problem: string | null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** 公民身份号码 check character, GB 11643-1999: Σ aᵢ·Wᵢ mod 11 → 1 0 X 9 8 7 6 5 4 3 2. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] ?? null;
}

export function checkIdNumber(raw: string): Checked {
  const value = raw.replace(/[\s·.,，]/g, '').toUpperCase().replace(/[O]/g, '0').replace(/[IL|]/g, '1');
  if (!/^\d{17}[\dX]$/.test(value)) return { value, problem: `公民身份号码应为 18 位（前 17 位为数字），识别结果为“${value}”` };
  const expected = idCheckCharacter(value.slice(0, 17));
  if (expected !== value[17]) return { value, problem: `公民身份号码校验位不符（按 GB 11643 应为“${expected ?? '?'}”），可能识别有误，请核对` };
  const birth = parseIsoDate(`${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`);
  if (birth === null) return { value, problem: `公民身份号码中的出生日期 ${value.slice(6, 14)} 不存在，可能识别有误，请核对` };
  return { value, problem: null };
}

/** USCC after undoing the usual confusions (the code never uses I, O, S, V, Z). */
export function checkUsccValue(raw: string): Checked {
  const value = raw.replace(/[\s:：·.,，-]/g, '').toUpperCase().replace(/O/g, '0').replace(/I/g, '1').replace(/Z/g, '2').replace(/S/g, '5');
  const check = checkUscc(value);
  if (check.kind === 'valid') return { value, problem: null };
  if (check.kind === 'empty') return { value, problem: '未识别出统一社会信用代码' };
  return { value, problem: `${check.message.split('，')[0]}，可能识别有误，请核对` };
}

/** A date in any of the printed forms (2019年03月05日, 2019-03-05, 2019.03.05) → YYYY-MM-DD. */
export function parseDateText(raw: string): string | null {
  // 2019年3月5日 needs its 日; 2019-03-05 and 2019.03.05 need both digits of month and day, so a
  // day cut short by a seal or the edge of the scan (2017-07-2…) is not taken for another day.
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(raw) ?? /(\d{4})[.\-/](\d{2})[.\-/](\d{2})(?!\d)/.exec(raw);
  if (match === null) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return parseIsoDate(iso) === null ? null : iso;
}

export function checkDate(raw: string): Checked {
  const iso = parseDateText(raw);
  if (iso === null) return { value: raw, problem: `日期“${raw}”不是实际存在的日期，可能识别有误，请核对` };
  return { value: iso, problem: null };
}

/** A validity period: start 至 end, end a date or 长期. */
export function checkPeriod(raw: string): Checked {
  const text = raw.replace(/\s/g, '');
  const dates = [...text.matchAll(/\d{4}年\d{1,2}月\d{1,2}日|\d{4}[.\-/]\d{2}[.\-/]\d{2}(?!\d)/g)].map((m) => parseDateText(m[0]));
  const isLong = /长期|永久/.test(text);
  const [start, end] = dates;
  if (start === undefined || start === null) return { value: text, problem: `期限“${text}”中没有识别出有效的起始日期，请核对` };
  if (isLong) return { value: `${start}至长期`, problem: null };
  if (end === undefined || end === null) return { value: text, problem: `期限“${text}”中没有识别出有效的截止日期，请核对` };
  if (end <= start) return { value: `${start}至${end}`, problem: '期限的截止日期早于起始日期，可能识别有误，请核对' };
  return { value: `${start}至${end}`, problem: null };
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';

/**
 * 药品经营许可证 证号: province, two letters (批发 A / 零售连锁 C / 零售 B…, then 法人 A / 非法人 B)
 * and the digits of region and sequence (7 on today's certificates).
 */
export function checkDrugLicenceNumber(raw: string): Checked {
  let value = raw.replace(/[\s·•.:：-]/g, '').toUpperCase();
  if (value.length > 3) value = value.slice(0, 3) + value.slice(3).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!new RegExp(`^[${PROVINCES.slice(0, -2)}][A-D][A-B]\\d{7}$`).test(value)) {
    return { value, problem: `许可证编号“${value}”不符合“省份简称＋两位字母＋7 位数字”的格式，可能识别有误，请核对` };
  }
  return { value, problem: null };
}

/** 号牌号码 (GA 36): province, issuing-office letter, 5 characters (6 for new-energy plates). */
export function checkPlate(raw: string): Checked {
  let value = raw.replace(/[\s·•.-]/g, '').toUpperCase();
  if (value.length > 2) value = value.slice(0, 2) + value.slice(2).replace(/O/g, '0').replace(/I/g, '1');
  const pattern = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$`);
  if (!pattern.test(value)) return { value, problem: `号牌号码“${value}”不符合号牌格式（省份简称＋发牌机关字母＋5 或 6 位），可能识别有误，请核对` };
  return { value, problem: null };
}

/** 使用性质 as printed on 行驶证 (GA 802 list); the longest known term inside the reading wins. */
const VEHICLE_USES = ['非营运', '营运', '公路客运', '公交客运', '出租客运', '旅游客运', '货运', '租赁', '警用', '消防', '救护', '工程救险',
  '营转非', '出租转非', '教练', '幼儿校车', '小学生校车', '初中生校车', '中小学生校车', '危化品运输', '预约出租客运', '预约出租转非', '专用校车', '设区的市公交客运'];

export function checkVehicleUse(raw: string): Checked {
  const text = raw.replace(/\s/g, '');
  const found = [...VEHICLE_USES].sort((a, b) => b.length - a.length).find((term) => text.includes(term));
  if (found === undefined) return { value: text, problem: `使用性质“${text}”不是行驶证上的规定用语，可能识别有误，请核对` };
  // 非营运 contains 营运: the longest match is the right one, but 营运 inside 非营运 must not win.
  return { value: found, problem: null };
}

export function checkSeats(raw: string): Checked {
  const match = /(\d{1,3})\s*人?/.exec(raw);
  if (match === null) return { value: raw, problem: `核定载人数“${raw}”不是人数，可能识别有误，请核对` };
  const n = Number(match[1]);
  if (n < 1 || n > 300) return { value: String(n), problem: `核定载人数 ${n} 不合常理，请核对` };
  return { value: String(n), problem: null };
}
