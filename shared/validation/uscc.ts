/**
 * 统一社会信用代码 check character, GB 32100-2015 §4 and Appendix A: 18 characters from the
 * 31-character set 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z); the 18th is
 * 31 − (Σ Ci·Wi mod 31), with 31 mapping to 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccCheck =
  | { readonly kind: 'valid' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'checkCharacterMismatch'; readonly expected: string; readonly message: string };

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET.charAt(check);
}

export function checkUscc(raw: string): UsccCheck {
  const code = raw.trim().toUpperCase();
  if (code === '') return { kind: 'empty' };
  if (code.length !== 18) return { kind: 'malformed', message: `统一社会信用代码应为 18 位，当前为 ${code.length} 位` };
  const bad = [...code].find((c) => !CHARSET.includes(c));
  if (bad !== undefined) return { kind: 'malformed', message: `统一社会信用代码含有不允许的字符“${bad}”（不使用 I、O、S、V、Z）` };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (expected === null) return { kind: 'malformed', message: '统一社会信用代码格式不正确' };
  if (expected !== code.charAt(17)) {
    return {
      kind: 'checkCharacterMismatch',
      expected,
      message: `统一社会信用代码校验位不符（按 GB 32100-2015 应为“${expected}”），请核对营业执照；部分早期代码可能不符合校验规则，仍可保存`,
    };
  }
  return { kind: 'valid' };
}
