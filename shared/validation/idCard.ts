import { isIsoDate } from '../domain/isoDate';

/**
 * 居民身份证号码 check, GB 11643-1999: 17 digits, then a check character from ISO 7064 MOD 11-2
 * (weights 2^(17−i) mod 11; result 10 is written X). Digits 7-14 are the birth date.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberCheck =
  | { readonly kind: 'valid' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'checkCharacterMismatch'; readonly expected: string; readonly message: string };

export function idNumberCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export function checkIdNumber(raw: string): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  if (id === '') return { kind: 'empty' };
  if (!/^\d{17}[\dX]$/.test(id)) return { kind: 'malformed', message: '居民身份证号码应为 18 位：17 位数字加 1 位数字或 X' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) return { kind: 'malformed', message: `居民身份证号码中的出生日期 ${birth} 无效` };
  const expected = idNumberCheckCharacter(id.slice(0, 17));
  if (expected !== id.charAt(17)) {
    return { kind: 'checkCharacterMismatch', expected: expected ?? '', message: `居民身份证号码校验位不符（应为“${expected ?? ''}”），请核对` };
  }
  return { kind: 'valid' };
}

/** Shows only the first 3 and last 4 characters: 110***********123X. */
export function maskIdNumber(raw: string): string {
  const id = raw.trim();
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}
