import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { readWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { decodeWorkspaceBytes } from '../../../renderer/features/workspace/workspaceCodec';
import { zipSync, strToU8 } from 'fflate';
import {
  allPaths, deepArrayJson, deepObjectJson, encodeUtf8, expectChineseError, expectOkOrChineseError, expectPrototypesIntact, expectRefused,
  HOSTILE_KEYS, objectPaths, withHostileKey, withRawJsonAt, WRONG_TYPED_JSON,
} from './hostileKit';
import { sampleWorkspaceText } from './fixtures';

/*
 * The workspace exchange file (parseWorkspaceFile, and decodeWorkspaceBytes as the page calls it):
 * prototype keys at every level, nesting 10,000 deep anywhere, every field deleted or of the wrong
 * type, and files over the size limit.
 */

const SAMPLE_TEXT = sampleWorkspaceText();
const SAMPLE = JSON.parse(SAMPLE_TEXT) as unknown;
const OBJECT_PATHS = objectPaths(SAMPLE);
const ALL_PATHS = allPaths(SAMPLE);

afterEach(() => {
  expectPrototypesIntact();
});

/** Every object reachable in a parsed value keeps the ordinary prototype and has no own __proto__. */
function expectPlainObjects(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (!Array.isArray(item)) {
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
      expect(Object.hasOwn(item, '__proto__')).toBe(false);
    }
    stack.push(...(Object.values(item) as unknown[]));
  }
}

describe('workspace file: hostile keys', () => {
  it('has objects at many levels to attack', () => {
    expect(OBJECT_PATHS.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...OBJECT_PATHS.map((p) => p.length))).toBeGreaterThanOrEqual(4);
  });

  it.each(HOSTILE_KEYS.map((k) => [k]))('%s at every object of the file: refused or dropped, never polluting', (key) => {
    for (const path of OBJECT_PATHS) {
      const result = parseWorkspaceFile(withHostileKey(SAMPLE, path, key));
      if (result.ok) expectPlainObjects(result.value);
      else expectChineseError(result.error);
      expectPrototypesIntact();
    }
  });

  it('survives 300 random hostile keys with random values at random levels', () => {
    const hostileValue = fc.constantFrom('null', '1', '"x"', '[]', '{"isPolluted":true}', deepObjectJson(50, '__proto__'));
    fc.assert(
      fc.property(fc.nat(OBJECT_PATHS.length - 1), fc.constantFrom(...HOSTILE_KEYS), hostileValue, (i, key, value) => {
        const result = parseWorkspaceFile(withHostileKey(SAMPLE, OBJECT_PATHS[i] ?? [], key, value));
        if (result.ok) expectPlainObjects(result.value);
        else expectChineseError(result.error);
        expectPrototypesIntact();
      }),
      { numRuns: 300 },
    );
  });
});

describe('workspace file: deep nesting', () => {
  it.each([
    ['10,000 nested arrays as the whole file', deepArrayJson(10_000)],
    ['10,000 nested objects as the whole file', deepObjectJson(10_000)],
    ['100,000 nested arrays', deepArrayJson(100_000)],
    ['10,000 nested __proto__ objects', deepObjectJson(10_000, '__proto__')],
  ])('refuses %s with a Chinese error, not a stack overflow', (_label, text) => {
    expect(expectRefused(parseWorkspaceFile(text)).code).toBe('workspace.tooDeep');
  });

  it('refuses 10,000 levels placed at any field of the file', () => {
    const paths = [...ALL_PATHS.filter((_, i) => i % 3 === 0), ['extraTopLevelKey'], ['companies', 0, 'company', 'answers', 'q']];
    for (const [i, path] of paths.entries()) {
      const nested = i % 2 === 0 ? deepArrayJson(10_000) : deepObjectJson(10_000);
      const result = parseWorkspaceFile(withRawJsonAt(SAMPLE, path, nested));
      expect(expectRefused(result, path.join('.')).code).toBe('workspace.tooDeep');
    }
  });

  it('still reads a file nested as deep as real files are', () => {
    expect(parseWorkspaceFile(SAMPLE_TEXT).ok).toBe(true);
  });
});

describe('workspace file: missing and wrong-typed fields', () => {
  it('never crashes when any field is deleted', () => {
    for (const path of ALL_PATHS) {
      const text = withRawJsonAt(SAMPLE, path, '"__DELETE__"').replace(/,?"[^"]*":"__DELETE__"|"__DELETE__",?/, '');
      expectOkOrChineseError(parseWorkspaceFile(text));
    }
  });

  it('refuses a wrong type at any required field, naming where in the file', () => {
    const required = ['format', 'formatVersion', 'companies'];
    const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    for (const key of required) {
      const original = jsonType((SAMPLE as Record<string, unknown>)[key]);
      for (const wrong of WRONG_TYPED_JSON.filter((w) => jsonType(JSON.parse(w)) !== original)) {
        const result = parseWorkspaceFile(withRawJsonAt(SAMPLE, [key], wrong));
        expectRefused(result, `${key} = ${wrong}`);
      }
    }
  });

  it(`handles ${300} random wrong-typed values at random fields`, () => {
    fc.assert(
      fc.property(fc.nat(ALL_PATHS.length - 1), fc.constantFrom(...WRONG_TYPED_JSON), (i, wrong) => {
        const result = parseWorkspaceFile(withRawJsonAt(SAMPLE, ALL_PATHS[i] ?? [], wrong));
        expectOkOrChineseError(result);
        if (!result.ok) expect(result.error.message.length).toBeLessThan(4000);
      }),
      { numRuns: 300 },
    );
  });

  it('lists at most ten problems for a file wrong everywhere, so the message stays readable', () => {
    const broken = SAMPLE_TEXT.replace(/"id":\s*"[^"]*"/g, '"id": 12');
    const error = expectRefused(parseWorkspaceFile(broken));
    expect(error.message.split('\n').length).toBeLessThanOrEqual(12);
  });
});

describe('workspace file: size, encoding and wrong type', () => {
  it('refuses a file over 200 MB before decoding it', () => {
    const huge = new Uint8Array(MAX_WORKSPACE_FILE_BYTES + 1);
    expect(expectRefused(decodeWorkspaceBytes(huge)).code).toBe('workspace.tooLarge');
  });

  it('refuses text over 200 MB before parsing it', () => {
    const huge = ' '.repeat(MAX_WORKSPACE_FILE_BYTES + 1);
    expect(expectRefused(parseWorkspaceFile(huge)).code).toBe('workspace.tooLarge');
  });

  it.each([
    ['UTF-16 text', Uint8Array.from([0xff, 0xfe, ...Array.from(SAMPLE_TEXT.slice(0, 200), (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()])],
    ['GBK bytes', Uint8Array.from([0xc6, 0xf3, 0xd2, 0xb5, 0xba, 0xcf, 0xb9, 0xe6])],
    ['a lone continuation byte', Uint8Array.from([0x7b, 0x80, 0x7d])],
    ['JSON null', encodeUtf8('null')],
    ['a JSON string', encodeUtf8('"compliance-workbench/workspace"')],
    ['a JSON array of companies', encodeUtf8(JSON.stringify((SAMPLE as { companies: unknown[] }).companies))],
    ['a newer format version', encodeUtf8(SAMPLE_TEXT.replace('"formatVersion": 1', '"formatVersion": 99').replace('"formatVersion":1', '"formatVersion":99'))],
  ])('refuses %s with a Chinese message', (_label, bytes) => {
    expectRefused(decodeWorkspaceBytes(bytes));
  });

  it('accepts the file with a UTF-8 byte order mark, as Windows Notepad saves it', () => {
    expect(decodeWorkspaceBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...encodeUtf8(SAMPLE_TEXT)])).ok).toBe(true);
  });
});

describe('workspace package: hostile zips', () => {
  const zipOf = (entries: Record<string, Uint8Array>) => zipSync(entries, { level: 0 });

  it.each([
    ['a zip without workspace.json', () => zipOf({ 'readme.txt': strToU8('你好') })],
    ['a zip whose workspace.json is 10,000 levels deep', () => zipOf({ 'workspace.json': strToU8(deepArrayJson(10_000)) })],
    ['a zip whose workspace.json is a PDF', () => zipOf({ 'workspace.json': strToU8('%PDF-1.7\n%%EOF') })],
    ['a zip with __proto__ as workspace.json', () => zipOf({ 'workspace.json': strToU8('{"__proto__":{"isPolluted":true}}') })],
    ['a zip with traversal entry names', () => zipOf({ '../workspace.json': strToU8(SAMPLE_TEXT), 'files/../../x': new Uint8Array(1) })],
  ])('refuses %s', async (_label, build) => {
    expectRefused(await readWorkspacePackage(build()));
    expectPrototypesIntact();
  });

  it('refuses a package claiming to inflate past 2 GB (a zip bomb) without inflating it', async () => {
    const bytes = zipOf({ 'workspace.json': strToU8(SAMPLE_TEXT) });
    // Patch the uncompressed size in the central directory to 3 GB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let central = -1;
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        central = i;
        break;
      }
    }
    expect(central).toBeGreaterThan(0);
    view.setUint32(central + 24, 3 * 1024 * 1024 * 1024, true);
    expectRefused(await readWorkspacePackage(bytes));
  });
});
