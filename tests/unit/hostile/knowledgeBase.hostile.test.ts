import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseKnowledgeBase, parseKnowledgeBasePack } from '../../../shared/policy/loadKnowledgeBase';
import {
  allPaths, deepArrayJson, deepObjectJson, expectChineseError, expectOkOrChineseError, expectPrototypesIntact, expectRefused, HOSTILE_KEYS,
  objectPaths, withHostileKey, withRawJsonAt, WRONG_TYPED_JSON,
} from './hostileKit';
import { bundledKnowledgeBase, samplePack, SOURCE_TEXT } from './fixtures';

/*
 * The policy data pack a user may drop in to override the bundled knowledge base. Conditions nest
 * (all/any/not), so a hostile pack can nest them thousands deep: before the fix a pack 1,000
 * groups deep overflowed the stack inside zod and took the page's knowledge-base loading down.
 */

const PACK = samplePack();
const PACK_TEXT = JSON.stringify(PACK);
const OBJECT_PATHS = objectPaths(PACK);
const ALL_PATHS = allPaths(PACK);
const bundled = { kb: bundledKnowledgeBase(), sourceText: SOURCE_TEXT };

afterEach(() => {
  expectPrototypesIntact();
});

/** The first item condition of the pack, as a path. */
function conditionPath(): (string | number)[] {
  for (const [d, doc] of PACK.documents.entries()) {
    for (const [i, item] of doc.items.entries()) {
      if (item.appliesWhen !== undefined) return ['documents', d, 'items', i, 'appliesWhen'];
    }
  }
  throw new Error('sample pack has no condition');
}

/** `inner` wrapped in `depth` condition groups with unique ids (duplicate ids are refused on their own). */
function nestedConditions(op: 'all' | 'any' | 'not', depth: number, inner: string): string {
  const open = (i: number) => (op === 'not' ? `{"op":"not","id":"nested-${i}","label":"嵌套","of":` : `{"op":"${op}","id":"nested-${i}","label":"嵌套","of":[`);
  const close = op === 'not' ? '}' : ']}';
  return `${Array.from({ length: depth }, (_, i) => open(i)).join('')}${inner}${close.repeat(depth)}`;
}

describe('policy data pack: deep nesting', () => {
  const path = conditionPath();
  const inner = JSON.stringify(PACK.documents.flatMap((d) => d.items).find((i) => i.appliesWhen !== undefined)?.appliesWhen);

  it.each([
    ['not', 1_000], ['all', 1_000], ['any', 10_000], ['not', 10_000],
  ] as const)('refuses conditions nested %s × %i with a Chinese error, not a stack overflow', (op, depth) => {
    const text = withRawJsonAt(PACK, path, nestedConditions(op, depth, inner));
    const result = parseKnowledgeBasePack(text, SOURCE_TEXT);
    const error = expectRefused(result);
    expect(error.code).toBe('kb.packNotJson');
    expect(error.message).toContain('嵌套超过');
  });

  it('keeps the bundled base, with the reason, when the override pack is nested 10,000 deep', () => {
    const choice = chooseKnowledgeBase(bundled, withRawJsonAt(PACK, path, nestedConditions('all', 10_000, inner)));
    expect(choice.origin).toBe('bundled');
    expect(choice.message).toContain('政策数据包无效');
  });

  it.each([
    ['10,000 nested arrays', deepArrayJson(10_000)],
    ['10,000 nested objects', deepObjectJson(10_000)],
    ['10,000 nested __proto__ objects', deepObjectJson(10_000, '__proto__')],
  ])('refuses %s as the whole pack or as any of its fields', (_label, nested) => {
    expectRefused(parseKnowledgeBasePack(nested, SOURCE_TEXT));
    for (const target of ALL_PATHS.filter((_, i) => i % 25 === 0)) {
      expectRefused(parseKnowledgeBasePack(withRawJsonAt(PACK, target, nested), SOURCE_TEXT), target.join('.'));
    }
  });

  it('still accepts conditions nested a realistic few levels deep', () => {
    const result = parseKnowledgeBasePack(withRawJsonAt(PACK, path, nestedConditions('all', 5, inner)), SOURCE_TEXT);
    if (!result.ok) throw new Error(result.error.message);
  });
});

describe('policy data pack: hostile keys and wrong types', () => {
  it.each(HOSTILE_KEYS.map((k) => [k]))('%s at a spread of object levels: refused or ignored, never polluting', (key) => {
    const sampled = OBJECT_PATHS.filter((_, i) => i % Math.max(1, Math.floor(OBJECT_PATHS.length / 60)) === 0);
    expect(sampled.length).toBeGreaterThan(20);
    for (const target of sampled) {
      const result = parseKnowledgeBasePack(withHostileKey(PACK, target, key), SOURCE_TEXT);
      if (!result.ok) expectChineseError(result.error);
      expectPrototypesIntact();
    }
  });

  it('refuses or reports 300 random wrong-typed fields with a readable Chinese message', () => {
    fc.assert(
      fc.property(fc.nat(ALL_PATHS.length - 1), fc.constantFrom(...WRONG_TYPED_JSON), (i, wrong) => {
        const result = parseKnowledgeBasePack(withRawJsonAt(PACK, ALL_PATHS[i] ?? [], wrong), SOURCE_TEXT);
        expectOkOrChineseError(result);
        // At most 20 problems are listed; a hostile file must not produce a wall of text.
        if (!result.ok) expect(result.error.message.split('\n').length).toBeLessThanOrEqual(22);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a pack whose own compilation text is 10,000 nested brackets', () => {
    const result = parseKnowledgeBasePack(JSON.stringify({ ...PACK, sourceText: deepArrayJson(10_000) }), SOURCE_TEXT);
    // The text is a string, not JSON structure: it is read as text and fails the quote checks.
    expectRefused(result);
  });

  it('parses the sample pack (baseline)', () => {
    expect(parseKnowledgeBasePack(PACK_TEXT, SOURCE_TEXT).ok).toBe(true);
  });
});
