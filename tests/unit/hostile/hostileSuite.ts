import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/util/result';
import { byteFlipsArbitrary, cutPoints, expectOkOrChineseError, expectPrototypesIntact, expectRefused, flipBytes, hostileBytesArbitrary } from './hostileKit';
import { IMPORTERS, type ImporterUnderTest } from './importers';

/*
 * The generic hostile suite, run for every importer in IMPORTERS (split over two test files to keep
 * each under ~20 s): empty, random, truncated and byte-flipped files, and each other importer's
 * valid file (a PDF given as a workspace, a zip as a PDF ...). Every call must resolve to a Result;
 * a refusal carries a Chinese message without a stack trace. Importers are pure (bytes in, Result
 * out), so "nothing written" holds by construction here; storage.hostile.test.ts checks the store
 * around the parse.
 */

const DEFAULT_RUNS = 300;

/** Some importers legitimately accept another kind's file: the package reader takes a plain workspace.json. */
const ACCEPTS_OTHER: Readonly<Record<string, readonly string[]>> = {
  'workspace package (.zip)': ['workspace file (.json)'],
  // Reading rows is all the meter reader does with any .xlsx; the column mapping comes after.
  'meter workbook (.xlsx)': ['vehicle roster (.xlsx)'],
};

async function importSafely(importer: ImporterUnderTest, bytes: Uint8Array, label: string): Promise<Result<unknown>> {
  try {
    return await importer.importBytes(bytes);
  } catch (error) {
    const head = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new Error(`${importer.name} threw on ${label} (${bytes.length} bytes, starts ${head}): ${error instanceof Error ? error.stack : String(error)}`, { cause: error });
  }
}

function isWhitespaceTail(bytes: Uint8Array, cut: number): boolean {
  return bytes.subarray(cut).every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09);
}

/** Defines the suite for `importers`; the files of all IMPORTERS serve as wrong-type inputs. */
export function describeHostileSuite(importers: readonly ImporterUnderTest[]): void {
  const samples = new Map<string, Uint8Array>();
  const sampleOf = (importer: ImporterUnderTest): Uint8Array => {
    const sample = samples.get(importer.name);
    if (sample === undefined) throw new Error(`no sample for ${importer.name}`);
    return sample;
  };

  beforeAll(async () => {
    // pdf-lib reports every object it skips on console.warn/log; thousands of lines would bury failures.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const importer of IMPORTERS) samples.set(importer.name, await importer.validSample());
  });

  afterAll(() => {
    vi.restoreAllMocks();
    expectPrototypesIntact();
  });

  describe.each(importers.map((importer) => [importer.name, importer] as const))('%s', (_name, importer) => {
    const runs = importer.runs ?? DEFAULT_RUNS;

    it('accepts its valid sample (the baseline every mutation starts from)', async () => {
      const result = await importSafely(importer, sampleOf(importer), 'the valid sample');
      if (!result.ok) throw new Error(`valid sample refused: ${result.error.message}`);
    });

    it('refuses an empty file with a Chinese message', async () => {
      expectRefused(await importSafely(importer, new Uint8Array(), 'an empty file'));
    });

    it(`refuses ${runs} random byte strings (some with the magic numbers importers look for)`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytesArbitrary(), async (bytes) => {
          expectRefused(await importSafely(importer, bytes, 'random bytes'));
        }),
        { numRuns: runs },
      );
    });

    it('refuses the valid file cut short anywhere', async () => {
      const sample = sampleOf(importer);
      const cuts = cutPoints(sample.length, runs);
      expect(cuts.length).toBeGreaterThanOrEqual(Math.min(sample.length, runs));
      for (const cut of cuts) {
        const result = await importSafely(importer, sample.slice(0, cut), `a cut at ${cut}`);
        if (importer.isText === true && isWhitespaceTail(sample, cut)) continue;
        expectRefused(result, `cut at ${cut} of ${sample.length}`);
      }
    });

    it(`never crashes on ${runs} byte-flipped copies of the valid file`, async () => {
      const sample = sampleOf(importer);
      await fc.assert(
        fc.asyncProperty(byteFlipsArbitrary(sample.length), async (flips) => {
          expectOkOrChineseError(await importSafely(importer, flipBytes(sample, flips), 'flipped bytes'));
        }),
        { numRuns: runs },
      );
    });

    it("refuses every other importer's file (wrong type)", async () => {
      for (const other of IMPORTERS) {
        if (other.name === importer.name || (ACCEPTS_OTHER[importer.name] ?? []).includes(other.name)) continue;
        expectRefused(await importSafely(importer, sampleOf(other), `a ${other.name}`), `${other.name} given as ${importer.name}`);
      }
    });
  });
}
