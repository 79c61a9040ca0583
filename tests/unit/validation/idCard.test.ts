import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckCharacter, maskIdNumber } from '../../../shared/validation/idCard';

describe('居民身份证号码 (GB 11643-1999)', () => {
  // The two examples printed in GB 11643-1999.
  it.each(['11010519491231002X', '440524188001010014'])('%s is valid', (id) => {
    expect(checkIdNumber(id)).toEqual({ kind: 'valid' });
  });

  it('accepts a lower-case x', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ kind: 'valid' });
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
    expect(idNumberCheckCharacter('4405241880010100')).toBeNull();
  });

  it('warns on a wrong check character', () => {
    const result = checkIdNumber('110105194912310021');
    expect(result.kind).toBe('checkCharacterMismatch');
    if (result.kind === 'checkCharacterMismatch') expect(result.expected).toBe('X');
  });

  it.each([
    ['1101051949123100', '18 位'],
    ['11010519491331002X', '出生日期'],
    ['11010520230229002X', '出生日期'],
    ['1101051949123100AX', '18 位'],
  ])('%s is malformed (%s)', (id, fragment) => {
    const result = checkIdNumber(id);
    expect(result.kind).toBe('malformed');
    if (result.kind === 'malformed') expect(result.message).toContain(fragment);
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
