import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import {
  cellText, checkMeterRows, columnOptions, missingColumn, openMeterFile, saveMeterImport, type OpenedMeterFile,
} from '../../../renderer/features/energy/meterImportFlow';
import { blankCompanyInput, createCompany, getCompanyRecord, saveStore } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { meterWorkbook } from '../hostile/fixtures';
import { createRepositories } from '../../../renderer/storage/repositories';

/*
 * The steps of 导入抄表数据 without the dialog (issue 14: flows are plain functions, run in Node):
 * read a meter export and suggest its mapping, check the rows, store the readings with the file
 * as their evidence. Row presence only for the stored file (fake-indexeddb).
 */

const TODAY = asIsoDate('2026-12-06');
let db: WorkbenchDatabase;
let record: CompanyRecord;

beforeEach(async () => {
  db = new WorkbenchDatabase(`meter-flow-${Math.random().toString(36).slice(2)}`);
  await db.open();
  const company = await createCompany(db, blankCompanyInput('北京示例数据有限公司'));
  await saveStore(db, { companyId: company.id, name: '亦庄数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: 12_000, note: '' });
  const stored = await getCompanyRecord(db, company.id);
  if (!stored) throw new Error('company missing');
  record = stored;
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function opened(): Promise<OpenedMeterFile> {
  const read = await openMeterFile(await meterWorkbook(), 'company');
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

describe('cellText and columnOptions', () => {
  it('shows dates as YYYY-MM-DD and names each column by letter and header text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(new Date(Date.UTC(2021, 2, 1)))).toBe('2021-03-01');
    expect(cellText(12.5)).toBe('12.5');
    const rows = [['标题'], [], ['抄表月份', null, '用电量']];
    expect(columnOptions(rows, 3)).toEqual([
      { value: 0, label: 'A 列：抄表月份' }, { value: 1, label: 'B 列' }, { value: 2, label: 'C 列：用电量' },
    ]);
  });
});

describe('openMeterFile', () => {
  it('reads the sheets and suggests the header row and the meter columns', async () => {
    const { sheets, initial } = await opened();
    expect(sheets.map((s) => s.name)).toEqual(['抄表记录']);
    expect(initial).toMatchObject({ sheetIndex: 0, headerRow: 3, monthColumn: 0, amountKind: 'consumption', amountColumn: 5 });
    expect(missingColumn(initial)).toBeNull();
  });

  it('answers bytes that are no workbook with a Chinese refusal', async () => {
    const read = await openMeterFile(new TextEncoder().encode('不是表格'), 'company');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('checkMeterRows and saveMeterImport', () => {
  it('names the column a mapping lacks instead of checking rows', async () => {
    const { sheets, initial } = await opened();
    const values = { ...initial, monthColumn: null };
    expect(missingColumn(values)).toBe('月份列');
    expect(await checkMeterRows({ sheets, values, record, settings: defaultEnergySettings(), sourceId: 'src-1', today: TODAY, confirmOutliers: false }))
      .toEqual({ missing: '月份列' });
  });

  it('checks every row, then stores all readings with the file as their evidence', async () => {
    const { sheets, initial } = await opened();
    const checked = await checkMeterRows({ sheets, values: initial, record, settings: defaultEnergySettings(), sourceId: 'src-1', today: TODAY, confirmOutliers: false });
    if (!('result' in checked)) throw new Error(`missing ${checked.missing}`);
    expect(checked.result.isAccepted).toBe(true);
    expect(checked.result.readings.map((r) => [r.month, r.amount, r.documentId])).toEqual([
      ['2021-01', 50_000, 'src-1'], ['2021-02', 50_000, 'src-1'], ['2021-03', 50_000, 'src-1'],
    ]);

    const bytes = new TextEncoder().encode('抄表记录');
    expect(await saveMeterImport(createRepositories(db), checked.result, { name: '抄表记录.xlsx', bytes }, record.company.id, 'src-1')).toBe(3);
    expect(await db.energyReadings.count()).toBe(3);
    expect(await db.energyAttachments.get('src-1')).toMatchObject({
      companyId: record.company.id, fileName: '抄表记录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: bytes.byteLength,
    });
  });
});
