import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readBackupArchive } from '../../../shared/backup/backupArchive';
import { toHex } from '../../../shared/crypto/cryptoPort';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { readXlsxRows } from '../../../shared/energy/meterImport';
import { createFontSubsetter, type FontSubsetter } from '../../../shared/pdf/fontSubset';
import { buildPacket } from '../../../shared/pdf/packet';
import { parseKnowledgeBasePack } from '../../../shared/policy/loadKnowledgeBase';
import { err, ok, type Result } from '../../../shared/util/result';
import { decodePolicyPack } from '../../../shared/policy/packText';
import { checkMapping, detectHeaderRow, headerTexts, suggestMapping, validateRoster, type RosterValidation } from '../../../shared/fleet/rosterImport';
import { readRosterWorkbook } from '../../../shared/fleet/rosterWorkbook';
import { readWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { decodeWorkspaceBytes } from '../../../renderer/features/workspace/workspaceCodec';
import {
  crypto, meterWorkbook, rosterWorkbook, sampleBackup, samplePack, samplePackage, sampleWorkspaceText, SOURCE_TEXT, TINY_JPEG, TINY_PNG, tinyPdf,
} from './fixtures';

/*
 * Every importer of the app, as the app calls it on the bytes of a file the user picked. The
 * generic hostile suite (hostileSuite.ts) runs each entry through random bytes, truncations,
 * byte flips and the other importers' files. Adding an importer is one entry here.
 */

/**
 * The 车辆花名册 import as the dialog runs it: read the workbook (FleetImportDialog's worker),
 * find the header, map the columns, validate every row into the report.
 */
export async function importRoster(bytes: Uint8Array): Promise<Result<RosterValidation>> {
  const read = await readRosterWorkbook(bytes);
  if (!read.ok) return read;
  const sheet = read.value.sheets[0];
  if (sheet === undefined) return err('roster.noSheet', '文件中没有工作表');
  const headerRowIndex = detectHeaderRow(sheet.rows);
  if (headerRowIndex === null) return err('roster.empty', '工作表是空的，没有车辆');
  const mapping = suggestMapping(headerTexts(sheet.rows, headerRowIndex, sheet.columnCount));
  const problems = checkMapping(mapping);
  if (problems.length > 0) return err('roster.mapping', problems.join('；'));
  return ok(validateRoster({ rows: sheet.rows, headerRowIndex, mapping, existingPlates: [], today: asIsoDate('2026-11-26') }));
}

/**
 * A policy pack as the app reads it (the browser build's import button and `cli validate` use
 * shared/policy/packText.ts; the desktop data folder the same strict decoder): strict UTF-8, then the pack parser.
 */
export function importPolicyPack(bytes: Uint8Array): Result<unknown> {
  const text = decodePolicyPack(bytes);
  return text.ok ? parseKnowledgeBasePack(text.value, SOURCE_TEXT) : text;
}

export interface ImporterUnderTest {
  /** Names the importer in test titles. */
  readonly name: string;
  /** What the app does with the picked file's bytes; never writes anything. */
  readonly importBytes: (bytes: Uint8Array) => Promise<Result<unknown>>;
  readonly validSample: () => Promise<Uint8Array>;
  /** Fewer generated inputs for importers that cost more than a few milliseconds per call. */
  readonly runs?: number;
  /** Text formats where cutting trailing whitespace leaves a valid file. */
  readonly isText?: boolean;
}

let subsetter: Promise<FontSubsetter> | undefined;
function testSubsetter(): Promise<FontSubsetter> {
  const require = createRequire(import.meta.url);
  subsetter ??= createFontSubsetter({
    harfBuzzWasm: readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')),
    fontBytes: readFileSync(new URL('../../../resources/fonts/NotoSansCJKsc-Regular.otf', import.meta.url)),
  });
  return subsetter;
}

/** The 申报材料包 builder given one attachment, as the page's worker runs it. */
export async function packetWithAttachment(fileName: string, bytes: Uint8Array): Promise<Result<unknown>> {
  return buildPacket({
    cover: { companyName: '北京测试药房有限公司', applicationTitle: '医保定点申请', date: asIsoDate('2026-11-26') },
    materials: [{ id: 'm-1', title: '营业执照', parts: [{ title: '营业执照（副本）', fileName, source: bytes }] }],
    subsetter: await testSubsetter(),
    options: { hasPageNumbers: false },
  });
}

const sha256Hex = async (bytes: Uint8Array) => toHex(await crypto.sha256(bytes));

export const IMPORTERS: readonly ImporterUnderTest[] = [
  {
    name: 'workspace file (.json)',
    importBytes: (bytes) => Promise.resolve(decodeWorkspaceBytes(bytes)),
    validSample: () => Promise.resolve(new TextEncoder().encode(sampleWorkspaceText())),
    isText: true,
  },
  {
    name: 'workspace package (.zip)',
    importBytes: (bytes) => readWorkspacePackage(bytes, { sha256Hex }),
    validSample: () => Promise.resolve(samplePackage()),
  },
  {
    name: 'backup archive',
    importBytes: (bytes) => readBackupArchive(bytes, {}, crypto),
    validSample: () => sampleBackup(),
  },
  {
    name: 'policy data pack (.json)',
    importBytes: (bytes) => Promise.resolve(importPolicyPack(bytes)),
    validSample: () => Promise.resolve(new TextEncoder().encode(JSON.stringify(samplePack()))),
    isText: true,
    runs: 200,
  },
  {
    name: 'meter workbook (.xlsx)',
    importBytes: (bytes) => readXlsxRows(bytes),
    validSample: () => meterWorkbook(),
    runs: 200,
  },
  {
    name: 'vehicle roster (.xlsx)',
    importBytes: (bytes) => importRoster(bytes),
    validSample: () => rosterWorkbook(),
    runs: 300,
  },
  {
    name: 'PDF attachment in a packet',
    importBytes: (bytes) => packetWithAttachment('营业执照.pdf', bytes),
    validSample: () => tinyPdf(),
    runs: 200,
  },
  {
    name: 'JPEG attachment in a packet',
    importBytes: (bytes) => packetWithAttachment('营业执照.jpg', bytes),
    validSample: () => Promise.resolve(TINY_JPEG),
    runs: 200,
  },
  {
    name: 'PNG attachment in a packet',
    importBytes: (bytes) => packetWithAttachment('身份证.png', bytes),
    validSample: () => Promise.resolve(TINY_PNG),
    runs: 200,
  },
];
