import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { createBackupArchive } from '../../../shared/backup/backupArchive';
import { STORE_SCHEMA_VERSION } from '../../../shared/workspace/storedTables';
import {
  backupSnapshot, crypto, meterWorkbook, rosterWorkbook, samplePack, samplePackage, sampleWorkspaceText, TINY_JPEG, TINY_PNG, tinyPdf,
} from '../hostile/fixtures';

/*
 * One valid and at least one hostile file of every kind the app imports, written to a folder for
 * the command line to read. Hostile files are crafted to hit the checks issue 13 asks for: a zip
 * whose directory promises gigabytes, invalid UTF-8, a backup record of the wrong type, dates no
 * calendar has, a truncated PDF and JPEG, a PNG claiming ten billion pixels.
 */

export const BACKUP_PASSPHRASE = '正确的备份密码-2026';

/** Sets every central-directory entry's uncompressed size to `size`: a zip bomb as its directory tells it. */
function inflateDirectorySizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

/** Replaces the first occurrence of `needle` (ASCII) in `bytes` with bytes that are not UTF-8. */
function breakUtf8(bytes: Uint8Array, needle: string): Uint8Array {
  const text = Buffer.from(bytes);
  const at = text.indexOf(needle, 0, 'utf8');
  if (at < 0) throw new Error(`${needle} not found`);
  const out = Uint8Array.from(text);
  out[at] = 0xc3;
  out[at + 1] = 0x28;
  return out;
}

function currentSnapshot(tables?: Record<string, unknown[]>) {
  const base = backupSnapshot();
  return { ...base, schemaVersion: STORE_SCHEMA_VERSION, tables: tables ?? base.tables };
}

/** A PNG header whose IHDR claims width × height pixels (the CRC is not what a decoder would check first). */
function pngClaiming(width: number, height: number): Uint8Array {
  const out = TINY_PNG.slice();
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return out;
}

export interface CliFile {
  readonly name: string;
  readonly kind: string;
  readonly isValid: boolean;
  /** A fragment of the Chinese answer the command must give. */
  readonly says: RegExp;
  readonly passphrase?: string;
}

export async function writeCliFiles(dir: string): Promise<CliFile[]> {
  mkdirSync(dir, { recursive: true });
  const workspaceText = sampleWorkspaceText();
  const workspaceBytes = new Uint8Array(Buffer.from(workspaceText, 'utf8'));
  const pack = new Uint8Array(Buffer.from(JSON.stringify(samplePack()), 'utf8'));
  const badCompanies = backupSnapshot().tables.companies?.map((c, i) => (i === 0 ? { ...(c as object), id: 42, name: { x: 1 }, uscc: '=cmd|x' } : c)) ?? [];
  const snapshot = currentSnapshot();
  const pdf = await tinyPdf();
  const files: [CliFile, Uint8Array][] = [
    [{ name: 'workspace.json', kind: 'workspace', isValid: true, says: /可以导入：共 \d+ 家企业/ }, workspaceBytes],
    [{ name: 'workspace-bad-utf8.json', kind: 'workspace', isValid: false, says: /UTF-8/ }, breakUtf8(workspaceBytes, '"name"')],
    [{ name: 'package.zip', kind: 'package', isValid: true, says: /包内 1 个文件完好/ }, samplePackage()],
    [{ name: 'package-bomb.zip', kind: 'package', isValid: false, says: /超过 .* 的上限/ }, inflateDirectorySizes(samplePackage(), 0xfff0_0000)],
    [{ name: 'package-bad-utf8.zip', kind: 'package', isValid: false, says: /UTF-8/ }, zipSync({ 'workspace.json': breakUtf8(workspaceBytes, '"name"') })],
    [{ name: 'backup.cwbackup', kind: 'backup', isValid: true, says: /可以恢复.*加密/, passphrase: BACKUP_PASSPHRASE },
      await createBackupArchive(snapshot, { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0', passphrase: BACKUP_PASSPHRASE }, crypto)],
    [{ name: 'backup-forged.cwbackup', kind: 'backup', isValid: false, says: /企业信息.*第 1 条记录/ },
      await createBackupArchive(currentSnapshot({ ...snapshot.tables, companies: badCompanies }), { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0' }, crypto)],
    [{ name: 'backup-no-passphrase.cwbackup', kind: 'backup', isValid: false, says: /已加密.*--passphrase/ },
      await createBackupArchive(snapshot, { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0', passphrase: BACKUP_PASSPHRASE }, crypto)],
    [{ name: 'backup-bomb.cwbackup', kind: 'backup', isValid: false, says: /超过 .* 的上限/ },
      inflateDirectorySizes(await createBackupArchive(snapshot, { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0' }, crypto), 0xfff0_0000)],
    [{ name: 'policy-pack.json', kind: 'policyPack', isValid: true, says: /有效的政策数据包：版本 2099\.01\.01-1/ }, pack],
    [{ name: 'policy-pack-bad-utf8.json', kind: 'policyPack', isValid: false, says: /UTF-8/ }, breakUtf8(pack, '"title"')],
    [{ name: 'roster.xlsx', kind: 'roster', isValid: true, says: /3 辆可以导入/ }, await rosterWorkbook()],
    [{ name: 'roster-impossible-dates.xlsx', kind: 'roster', isValid: false, says: /没有一行能导入.*\n.*第 3 行/ },
      await rosterWorkbook([['京A12341', '租赁', 1e308, '2021-05-01', '已备案', '大众朗逸', 'LSVAA4180E2000001', '否'], ['京A12342', '租赁', -5, '2021-05-01', '已备案', '大众朗逸', 'LSVAA4180E2000002', '否']])],
    [{ name: 'roster-bomb.xlsx', kind: 'roster', isValid: false, says: /超过 .* 的上限/ }, inflateDirectorySizes(await rosterWorkbook(), 0x4000_0000)],
    [{ name: 'meter.xlsx', kind: 'meter', isValid: true, says: /能耗数据表/ }, await meterWorkbook()],
    [{ name: 'meter-bad-dates.xlsx', kind: 'meter', isValid: false, says: /第 4 行/ },
      await meterWorkbook([['不是月份', '亦庄数据中心', 1000, 1500, 100, 50_000, '千瓦时', ''], [new Date(Date.UTC(2021, 1, 1)), '亦庄数据中心', 1000, 1500, 100, Number.NaN, '千瓦时', '']])],
    [{ name: 'document.pdf', kind: 'pdf', isValid: true, says: /可以加入材料库：PDF 文档/ }, pdf],
    [{ name: 'document-truncated.pdf', kind: 'pdf', isValid: false, says: /营业执照|document-truncated\.pdf/ }, pdf.subarray(0, Math.floor(pdf.length / 3))],
    [{ name: 'photo.jpg', kind: 'jpeg', isValid: true, says: /可以加入材料库：JPEG 图片/ }, TINY_JPEG],
    [{ name: 'photo-truncated.jpg', kind: 'jpeg', isValid: false, says: /photo-truncated\.jpg/ }, TINY_JPEG.subarray(0, 40)],
    [{ name: 'scan.png', kind: 'png', isValid: true, says: /可以加入材料库：PNG 图片/ }, TINY_PNG],
    [{ name: 'scan-bomb.png', kind: 'png', isValid: false, says: /scan-bomb\.png/ }, pngClaiming(100_000, 100_000)],
    [{ name: 'random.cwbackup', kind: 'backup', isValid: false, says: /不是有效的备份文件/ }, Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)],
    [{ name: 'notes.txt', kind: 'unknown', isValid: false, says: /无法识别的文件/ }, strToU8('会议纪要\n')],
    [{ name: 'empty.json', kind: 'workspace', isValid: false, says: /空/ }, new Uint8Array(0)],
  ];
  for (const [file, bytes] of files) writeFileSync(path.join(dir, file.name), bytes);
  return files.map(([file]) => file);
}
