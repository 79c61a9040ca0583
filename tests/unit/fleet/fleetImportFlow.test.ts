import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import type { RosterRow } from '../../../shared/fleet/rosterImport';
import type { RosterWorkbook } from '../../../shared/fleet/rosterWorkbook';
import {
  bestSheet, checkRoster, openRoster, rejectedWorkbook, rejectedWorkbookName, type MappedRoster,
} from '../../../renderer/features/deadlines/fleetImport/fleetImportFlow';
import { rosterWorkbook } from '../hostile/fixtures';

/*
 * The steps of 从 Excel 导入车辆 without the dialog: read a roster and suggest its mapping, check
 * it, and write the rejected rows to a workbook (issue 14: flows are plain functions, run in Node).
 */

const TODAY = asIsoDate('2026-12-06');

async function opened(bytes: Uint8Array): Promise<MappedRoster> {
  const result = await openRoster('车辆花名册.xlsx', bytes, () => undefined);
  if (result.kind !== 'mapped') throw new Error(`expected a mapped roster, got ${result.kind}`);
  return result.mapped;
}

describe('openRoster', () => {
  it('finds the header under the title row and maps every column it names', async () => {
    const mapped = await opened(await rosterWorkbook());
    expect(mapped).toMatchObject({ fileName: '车辆花名册.xlsx', sheetIndex: 0, headerRowIndex: 1 });
    expect(mapped.mapping).toEqual({ plate: 0, usageNature: 1, registeredOn: 2, inServiceOn: 3, filingStatus: 4, model: 5, vin: 6, isTimeShare: 7 });
  });

  it('says a workbook with no data is empty, and hands back the reader’s refusal for bytes that are no workbook', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect(await openRoster('空.xlsx', new Uint8Array(await empty.xlsx.writeBuffer()), () => undefined)).toEqual({ kind: 'empty' });
    const broken = await openRoster('坏.xlsx', new TextEncoder().encode('这不是表格'), () => undefined);
    expect(broken.kind).toBe('unreadable');
    if (broken.kind === 'unreadable') expect(broken.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

function texts(...cells: string[]): RosterRow {
  return cells.map((text) => ({ kind: 'text', text }));
}

describe('bestSheet', () => {
  it('chooses the sheet whose header names the most vehicle fields', () => {
    const workbook: RosterWorkbook = {
      sheets: [
        { name: '说明', rows: [texts('填表说明'), texts('号牌号码', '备注')], columnCount: 2 },
        { name: '车辆', rows: [texts('标题'), texts('号牌号码', '使用性质', '注册日期', '车辆识别代号')], columnCount: 4 },
      ],
    };
    expect(bestSheet(workbook)).toEqual({ sheetIndex: 1, headerRowIndex: 1 });
  });
});

describe('checkRoster', () => {
  it('accepts the rows of a correct roster and refuses a plate already stored', async () => {
    const mapped = await opened(await rosterWorkbook());
    const checked = checkRoster(mapped, ['京A12342'], TODAY);
    if (checked.kind !== 'validated') throw new Error(checked.kind);
    expect(checked.validation.accepted.map((a) => a.vehicle.plate)).toEqual(['京A12341', '京A12343']);
    expect(checked.validation.rejected.map((r) => r.plateText)).toEqual(['京A12342']);
  });

  it('names the required fields a mapping lacks instead of checking rows', async () => {
    const mapped = await opened(await rosterWorkbook());
    const { plate: _plate, ...withoutPlate } = mapped.mapping;
    const checked = checkRoster({ ...mapped, mapping: withoutPlate }, [], TODAY);
    expect(checked.kind).toBe('problems');
    if (checked.kind === 'problems') expect(checked.problems.join('')).toContain('号牌');
  });
});

describe('rejectedWorkbook', () => {
  it('lists each rejected row with its reasons and names the source file', async () => {
    const bytes = await rejectedWorkbook('三月花名册.xlsx', [
      { rowNumber: 4, plateText: '京A1', reasons: ['号牌号码格式不正确', '缺少注册日期'] },
      { rowNumber: 9, plateText: '', reasons: ['缺少号牌号码'] },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const sheet = workbook.getWorksheet('未导入的行');
    if (!sheet) throw new Error('sheet missing');
    const rows = [1, 2, 3, 4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows[0]).toEqual(['行号', '号牌号码', '原因']);
    expect(rows[1]).toEqual([4, '京A1', '号牌号码格式不正确；缺少注册日期']);
    expect(rows[2]).toEqual([9, '', '缺少号牌号码']);
    expect(rows[3]).toEqual([]);
    expect(String(rows[4]?.[2])).toContain('来源文件：三月花名册.xlsx');
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('is offered under a name that says where the rows came from', () => {
    expect(rejectedWorkbookName('三月花名册.XLSX')).toBe('未导入的车辆-三月花名册.xlsx');
  });
});
