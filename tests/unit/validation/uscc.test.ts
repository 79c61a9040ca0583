import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckCharacter } from '../../../shared/validation/uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of real companies, and the example in the standard's explanatory material.
  it.each(['914403001922038216', '9144030071526726XG', '91110108551385082Q', '91350100M000100Y43'])('%s is valid', (code) => {
    expect(checkUscc(code)).toEqual({ kind: 'valid' });
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(checkUscc(' 9144030071526726xg ')).toEqual({ kind: 'valid' });
  });

  it('computes the check character (31 maps to 0)', () => {
    expect(usccCheckCharacter('91110108551385082')).toBe('Q');
    expect(usccCheckCharacter('9111010855138508')).toBeNull();
    expect(usccCheckCharacter('9111010855138508I')).toBeNull();
  });

  it('warns on a wrong check character and names the expected one', () => {
    const result = checkUscc('91110108551385082A');
    expect(result.kind).toBe('checkCharacterMismatch');
    if (result.kind === 'checkCharacterMismatch') {
      expect(result.expected).toBe('Q');
      expect(result.message).toContain('校验位不符');
      expect(result.message).toContain('仍可保存');
    }
  });

  it.each([
    ['9111010855138508', '18 位'],
    ['91110108551385082QQ', '18 位'],
    ['9111010855138508IQ', '“I”'],
    ['91110108551385082O', '“O”'],
  ])('%s is malformed (%s)', (code, fragment) => {
    const result = checkUscc(code);
    expect(result.kind).toBe('malformed');
    if (result.kind === 'malformed') expect(result.message).toContain(fragment);
  });

  it('reports empty input as empty', () => {
    expect(checkUscc('  ')).toEqual({ kind: 'empty' });
  });
});
