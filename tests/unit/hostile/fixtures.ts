import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { PDFDocument, rgb } from 'pdf-lib';
import { createBackupArchive, type BackupSnapshot } from '../../../shared/backup/backupArchive';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { assembleKnowledgeBase } from '../../../shared/policy/loadKnowledgeBase';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { buildWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { parseWorkspaceFile, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';

/*
 * Valid files of every kind the app imports, small enough that a fuzz run can parse each mutation
 * hundreds of times: the shipped sample workspace, a package with one scan, a backup, a one-document
 * policy pack, a meter workbook, a PDF, a JPEG and a PNG.
 */

const ROOT = new URL('../../../', import.meta.url);
export const crypto = webCryptoPort(globalThis.crypto);

export const SOURCE_TEXT = readFileSync(new URL('resources/policies/source.txt', ROOT), 'utf8');

/** resources/samples/retailPharmacy.json: a real workspace file as the app ships it. */
export function sampleWorkspaceText(): string {
  return readFileSync(new URL('resources/samples/retailPharmacy.json', ROOT), 'utf8');
}

export function sampleWorkspace(): WorkspaceFile {
  const parsed = parseWorkspaceFile(sampleWorkspaceText());
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** A 20×14 px JPEG rendered by poppler (pdftoppm), kept inline so the tests need no tools. */
export const TINY_JPEG = Uint8Array.from(Buffer.from('/9j/4AAQSkZJRgABAQEAGAAYAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAOABQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDq9U1610u4WCeOZmZA4KAEYyR3I9KNL1611S4aCCOZWVC5LgAYyB2J9anvdIsb+YS3UHmOF2g72HH4H3ostIsbCYy2sHluV2k72PH4n2ra9Lk2dyfeuXqKKKxKP//Z', 'base64'));

/** resources/icons/tray.png: a real PNG of a few hundred bytes. */
export const TINY_PNG = new Uint8Array(readFileSync(new URL('resources/icons/tray.png', ROOT)));

export async function tinyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Fixed dates: the same bytes on every run, so a failing mutation can be replayed.
  doc.setCreationDate(new Date(Date.UTC(2026, 10, 26)));
  doc.setModificationDate(new Date(Date.UTC(2026, 10, 26)));
  const page = doc.addPage([200, 120]);
  page.drawRectangle({ x: 20, y: 20, width: 120, height: 60, color: rgb(0.2, 0.3, 0.8) });
  return doc.save({ useObjectStreams: false });
}

/** The sample workspace with one company document, packaged with its (JPEG) file. */
export function samplePackage(): Uint8Array {
  const workspace = sampleWorkspace();
  const first = workspace.companies[0];
  if (first === undefined) throw new Error('sample has no company');
  const document = {
    id: 'doc-1', companyId: first.company.id, kind: '营业执照', title: '营业执照（副本）', fileName: '营业执照.jpg', mimeType: 'image/jpeg',
    size: TINY_JPEG.length, sha256: createHash('sha256').update(TINY_JPEG).digest('hex'), number: '', issuer: '', validFrom: null, validTo: null, subject: null,
  };
  const withDocument: WorkspaceFile = { ...workspace, companies: [{ ...first, documents: [document] }, ...workspace.companies.slice(1)] };
  const built = buildWorkspacePackage(withDocument, new Map([['doc-1', TINY_JPEG]]));
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

export function backupSnapshot(): BackupSnapshot {
  const workspace = sampleWorkspace();
  return {
    schemaVersion: 5,
    tables: {
      companies: workspace.companies.map((c) => c.company),
      people: workspace.companies.flatMap((c) => c.people),
      licences: workspace.companies.flatMap((c) => c.licences),
      settings: [{ key: 'theme', value: '默认' }],
    },
    files: [{ id: 'doc-1', bytes: TINY_JPEG }],
  };
}

export function sampleBackup(passphrase?: string): Promise<Uint8Array> {
  return createBackupArchive(backupSnapshot(), { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0', passphrase }, crypto);
}

function readPolicyFile(relative: string): string | undefined {
  try {
    return readFileSync(new URL(`resources/policies/${relative}`, ROOT), 'utf8');
  } catch {
    return undefined;
  }
}

let bundled: KnowledgeBase | undefined;
export function bundledKnowledgeBase(): KnowledgeBase {
  if (bundled === undefined) {
    const assembled = assembleKnowledgeBase(readFileSync(new URL('resources/policies/manifest.json', ROOT), 'utf8'), readPolicyFile, SOURCE_TEXT);
    if (!assembled.ok) throw new Error(assembled.error.message);
    bundled = assembled.value;
  }
  return bundled;
}

/** A valid override pack of one bundled document (the smallest with conditions), newer than any bundle. */
export function samplePack(): KnowledgeBase {
  const kb = bundledKnowledgeBase();
  const withConditions = kb.documents.filter((d) => d.items.some((i) => i.appliesWhen !== undefined));
  const smallest = [...withConditions].sort((a, b) => JSON.stringify(a).length - JSON.stringify(b).length)[0];
  if (smallest === undefined) throw new Error('no document with conditions');
  return { ...kb, dataVersion: '2099.01.01-1', documents: [smallest] };
}

export const METER_HEADER = ['抄表月份', '表计位置', '起码', '止码', '倍率', '用电量', '单位', '备注'] as const;

/** A meter export: a title, a header on row 3 and a few monthly readings. */
export async function meterWorkbook(rows: readonly (readonly ExcelJS.CellValue[])[] = defaultMeterRows()): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // Fixed dates: deterministic bytes.
  workbook.created = new Date(Date.UTC(2026, 10, 26));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('抄表记录');
  sheet.addRow(['亦庄数据中心 电能表月度抄表记录']);
  sheet.addRow([]);
  sheet.addRow([...METER_HEADER]);
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function defaultMeterRows(): ExcelJS.CellValue[][] {
  return [1, 2, 3].map((month) => [new Date(Date.UTC(2021, month - 1, 1)), '亦庄数据中心', 1000 * month, 1000 * month + 500, 100, 50_000, '千瓦时', '']);
}

/** A 车辆花名册 as a small rental company keeps it: a title, a header, vehicles with Excel dates. */
export async function rosterWorkbook(rows: readonly (readonly ExcelJS.CellValue[])[] = defaultRosterRows()): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 10, 26));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('车辆花名册');
  sheet.addRow(['北京测试汽车租赁有限公司 车辆花名册']);
  sheet.addRow(['号牌号码', '使用性质', '注册日期', '投入经营日期', '备案状态', '品牌型号', '车辆识别代号', '分时租赁']);
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function defaultRosterRows(): ExcelJS.CellValue[][] {
  return [1, 2, 3].map((i) => [`京A1234${i}`, '租赁', new Date(Date.UTC(2020, i, 10)), '2021-05-01', '已备案', '大众朗逸', `LSVAA4180E20${String(i).padStart(5, '0')}`, '否']);
}
