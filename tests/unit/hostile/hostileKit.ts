import fc from 'fast-check';
import { expect } from 'vitest';
import type { AppError, Result } from '../../../shared/util/result';
import { LIBRARY_TEXT } from './libraryText';

import { configureChineseValidationMessages } from '../../../shared/util/zodLocale';

// As every entry point of the app does (the page, main, the command line) before any schema runs.
configureChineseValidationMessages();

/*
 * Shared pieces of the hostile-input tests: what a good refusal looks like, generators of hostile
 * variants of a valid file (truncations, byte flips, __proto__ keys, deep nesting), and a check
 * that nothing leaked into the built-in prototypes.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;
// "    at fn (file.ts:12:3)" or "at file:///x.js:1:2": a stack frame pasted into a message.
const STACK_FRAME = /\n\s*at\s|\bat\s[^\s()]+\s\([^)]*:\d+:\d+\)|\bat\s(?:file|node):/;

/** A refusal the user can read: a stable code and a Chinese message with no stack trace and no library text. */
export function expectChineseError(error: Pick<AppError, 'code' | 'message'>): void {
  expect(typeof error.code).toBe('string');
  expect(error.code).not.toBe('');
  expect(error.message, `message of ${error.code} should be Chinese: ${error.message}`).toMatch(CJK);
  expect(error.message, `message of ${error.code} contains a stack trace`).not.toMatch(STACK_FRAME);
  expect(error.message, `message of ${error.code} contains library text: ${error.message}`).not.toMatch(LIBRARY_TEXT);
}

/** Asserts the Result is an error with a Chinese message; returns the error for further checks. */
export function expectRefused<T>(result: Result<T>, label = ''): AppError {
  if (result.ok) throw new Error(`expected a refusal${label === '' ? '' : ` (${label})`}, got ok`);
  expectChineseError(result.error);
  return result.error;
}

/** Either a refusal with a Chinese message or an accepted value: never a throw. */
export function expectOkOrChineseError<T>(result: Result<T>): void {
  if (!result.ok) expectChineseError(result.error);
}

const PROTOTYPES: readonly (readonly [string, object])[] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];
const BASELINE = new Map(PROTOTYPES.map(([name, proto]) => [name, Object.getOwnPropertyNames(proto).sort().join(',')]));

/** Nothing was added to or changed on the built-in prototypes (prototype pollution). */
export function expectPrototypesIntact(): void {
  for (const [name, proto] of PROTOTYPES) {
    expect(Object.getOwnPropertyNames(proto).sort().join(','), `${name} was polluted`).toBe(BASELINE.get(name));
  }
  const probe: Record<string, unknown> = {};
  for (const key of ['isPolluted', 'polluted', 'isAdmin', 'toString2']) expect(probe[key], `Object.prototype.${key}`).toBeUndefined();
}

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A JSON payload that would pollute Object.prototype if merged naively. */
const POLLUTING_VALUE = '{"isPolluted":true,"prototype":{"isPolluted":true},"toString":"x"}';

type JsonPath = readonly (string | number)[];

/** Paths of every object (not array) in a JSON value, the root included. */
export function objectPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, [...path, i]));
  return [path, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key]))];
}

const MARKER = '__hostile_key_marker__';

/**
 * The JSON text of `value` with `"<key>": <POLLUTING_VALUE>` added to the object at `path`. Built
 * as text, because assigning `__proto__` on a JS object sets its prototype instead of a key.
 */
export function withHostileKey(value: unknown, path: JsonPath, key: string, keyValue = POLLUTING_VALUE): string {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path) target = target[step] as Record<string | number, unknown>;
  target[MARKER] = 0;
  return JSON.stringify(copy).replace(`"${MARKER}":0`, `${JSON.stringify(key)}:${keyValue}`);
}

/** `[[[...]]]` nested `depth` deep. */
export function deepArrayJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** `{"a":{"a":...1}}` nested `depth` deep. */
export function deepObjectJson(depth: number, key = 'a'): string {
  return `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The JSON text of `value` with the value at `path` replaced by raw JSON text. */
export function withRawJsonAt(value: unknown, path: JsonPath, rawJson: string): string {
  if (path.length === 0) return rawJson;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  target[last] = MARKER;
  return JSON.stringify(copy).replace(`"${MARKER}"`, rawJson);
}

/** Every path (objects, arrays and leaves) of a JSON value, the root excluded. */
export function allPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...path, key], ...allPaths(item, [...path, key])]);
}

/** Values of the wrong JSON type for most fields, as raw JSON. */
export const WRONG_TYPED_JSON = ['null', '0', '-1', '1e308', '"文本"', '""', 'true', '[]', '{}', '[{}]', '"=cmd|\' /C calc\'!A0"'];

/** Cut points for truncating `length` bytes: every one when few, else an even spread plus the ends. */
export function cutPoints(length: number, maxCuts = 400): number[] {
  if (length <= maxCuts) return Array.from({ length }, (_, i) => i);
  const step = length / maxCuts;
  const points = new Set<number>([0, 1, 2, 3, length - 3, length - 2, length - 1]);
  for (let i = 0; i < maxCuts; i++) points.add(Math.floor(i * step));
  return [...points].filter((p) => p >= 0 && p < length).sort((a, b) => a - b);
}

/** A copy of `bytes` with the given (index, xor mask) flips applied. */
export function flipBytes(bytes: Uint8Array, flips: readonly (readonly [number, number])[]): Uint8Array {
  const copy = bytes.slice();
  for (const [index, mask] of flips) {
    const at = index % copy.length;
    copy[at] = (copy[at] ?? 0) ^ (mask === 0 ? 0xff : mask);
  }
  return copy;
}

/** Arbitrary byte flips for a file of `length` bytes. */
export function byteFlipsArbitrary(length: number, maxFlips = 8): fc.Arbitrary<[number, number][]> {
  return fc.array(fc.tuple(fc.nat({ max: Math.max(0, length - 1) }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: maxFlips });
}

/** Random bytes, including ones that start with the magic numbers importers sniff for. */
export function hostileBytesArbitrary(maxLength = 2048): fc.Arbitrary<Uint8Array> {
  const prefixes = [
    [], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    [0x7b], [0x5b], [0xef, 0xbb, 0xbf, 0x7b], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  ];
  return fc.tuple(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength })).map(([prefix, rest]) => {
    const out = new Uint8Array(prefix.length + rest.length);
    out.set(prefix);
    out.set(rest, prefix.length);
    return out;
  });
}

export const encodeUtf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
