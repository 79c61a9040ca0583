import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

/*
 * Opens the app's exports in clients nobody here wrote: LibreOffice Calc (headless) and poppler.
 * LibreOffice runs with a private profile per test run, so parallel runs do not share (and lock)
 * one, and with "recalculate on load: always", so every formula is evaluated by LibreOffice
 * itself rather than read back from the values the file carries.
 */

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const hasSoffice = hasCommand('soffice');
export const SKIP_NO_SOFFICE = 'soffice (LibreOffice) is not installed here: these client tests run in CI, where .ci/run installs libreoffice-calc';

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export class OfficeSandbox {
  readonly dir: string;
  private readonly profile: string;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'workbench-clients-'));
    this.profile = path.join(this.dir, 'profile');
    mkdirSync(path.join(this.profile, 'user'), { recursive: true });
    writeFileSync(path.join(this.profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  }

  write(name: string, bytes: Uint8Array | string): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  /** Converts several files in one soffice start (a start costs seconds); returns the output paths. */
  convert(files: readonly string[], format: string, outSubdir: string): string[] {
    const outDir = path.join(this.dir, outSubdir);
    mkdirSync(outDir, { recursive: true });
    execFileSync('soffice', [
      `-env:UserInstallation=file://${this.profile}`, '--headless', '--norestore', '--nolockcheck',
      '--convert-to', format, '--outdir', outDir, ...files,
    ], { stdio: 'pipe', timeout: 180_000 });
    const extension = format.split(':')[0] ?? format;
    return files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${extension}`));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  listing(subdir: string): string[] {
    return readdirSync(path.join(this.dir, subdir));
  }
}

export interface PdfFacts {
  readonly pages: number;
  /** Every page's size in points, rounded. */
  readonly pageSizes: readonly string[];
  readonly text: string;
  /** Height of the smallest word box on any page, in points (≈ its font size). */
  readonly smallestWordHeight: number;
}

export function pdfFacts(file: string): PdfFacts {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  const pageSizes = [...sizes.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  let smallest = Infinity;
  for (const m of bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    // Footers and 剩余天数 digits are real text too; only empty boxes are skipped.
    if ((m[3] ?? '').trim() === '') continue;
    smallest = Math.min(smallest, Number(m[2]) - Number(m[1]));
  }
  return { pages, pageSizes, text, smallestWordHeight: smallest };
}

/**
 * Text with every kind of white space removed, so wrapped lines compare equal to the cell text.
 * Curly quotes and a few symbols are dropped too: LibreOffice draws them from a fallback font in a
 * separate text run, which pdftotext places out of reading order.
 */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000“”‘’"'×÷·•–—…²³°]+/g, '');
}

export interface FormulaComparison {
  readonly total: number;
  readonly mismatches: readonly string[];
}

function cachedResult(value: ExcelJS.CellValue): unknown {
  if (value !== null && typeof value === 'object' && 'formula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result instanceof Date ? result.getTime() : result ?? '';
  }
  return undefined;
}

function equalResults(ours: unknown, theirs: unknown): boolean {
  // exceljs drops a cached 0 or empty string on reading, so an absent result reads as '' here.
  const norm = (v: unknown): unknown => (v === undefined || v === null || v === '' ? 0 : v);
  const a = norm(ours);
  const b = norm(theirs);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (ours === '' && theirs === '') return true;
  return a === b;
}

/** Compares every formula's cached result in `original` with the result LibreOffice computed in `recalculated`. */
export async function compareFormulas(original: Uint8Array, recalculated: Uint8Array): Promise<FormulaComparison> {
  const load = async (bytes: Uint8Array) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return wb;
  };
  const [ours, theirs] = await Promise.all([load(original), load(recalculated)]);
  let total = 0;
  const mismatches: string[] = [];
  for (const sheet of ours.worksheets) {
    const other = theirs.getWorksheet(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => {
      const ourResult = cachedResult(cell.value);
      if (ourResult === undefined) return;
      total++;
      const otherCell = other?.getCell(cell.address);
      const theirResult = otherCell ? cachedResult(otherCell.value) : 'missing sheet';
      if (theirResult === undefined) mismatches.push(`${sheet.name}!${cell.address}: formula lost`);
      else if (!equalResults(ourResult, theirResult)) {
        mismatches.push(`${sheet.name}!${cell.address}: ${JSON.stringify(ourResult)} ≠ LibreOffice ${JSON.stringify(theirResult)}`);
      }
    }));
  }
  return { total, mismatches };
}
