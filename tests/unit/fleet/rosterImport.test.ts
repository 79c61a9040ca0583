import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import {
  checkMapping, columnLetter, detectHeaderRow, excelSerialToDate, headerTexts, parseDateText, suggestMapping, validateRoster,
  type RosterCell, type RosterMapping, type RosterRow,
} from '../../../shared/fleet/rosterImport';
import { readRosterWorkbook, rosterCellFromValue } from '../../../shared/fleet/rosterWorkbook';
import { buildRoster, excelDate, fleetRows, STANDARD_HEADERS } from '../../fixtures/fleet/buildRoster';

const TODAY = asIsoDate('2026-11-26');
const t = (text: string): RosterCell => ({ kind: 'text', text });
const d = (date: string): RosterCell => ({ kind: 'date', date: asIsoDate(date) });
const E: RosterCell = { kind: 'empty' };

/** Header + rows in STANDARD_HEADERS order; the mapping the header gives. */
function sheet(rows: readonly RosterRow[]): { rows: RosterRow[]; mapping: RosterMapping } {
  const header = STANDARD_HEADERS.map(t);
  return { rows: [header, ...rows], mapping: suggestMapping([...STANDARD_HEADERS]) };
}

function validate(rows: readonly RosterRow[], existingPlates: string[] = []) {
  const s = sheet(rows);
  return validateRoster({ rows: s.rows, headerRowIndex: 0, mapping: s.mapping, existingPlates, today: TODAY });
}

const GOOD: RosterRow = [t('京A12345'), t('租赁'), d('2018-05-06'), d('2018-06-01'), t('已备案'), t('大众朗逸'), t('LSVAA4182E2123456'), t('是')];

describe('header detection and column mapping', () => {
  it('maps the standard headers one to one', () => {
    expect(suggestMapping([...STANDARD_HEADERS])).toEqual({
      plate: 0, usageNature: 1, registeredOn: 2, inServiceOn: 3, filingStatus: 4, model: 5, vin: 6, isTimeShare: 7,
    });
  });

  it.each([
    [['车牌号', '车辆使用性质', '初次登记日期', '品牌型号', '车架号'], { plate: 0, usageNature: 1, registeredOn: 2, model: 3, vin: 4 }],
    [['序号', '号牌号码（必填）', '* 使用性质', '注册日期', '是否分时租赁', '备注'], { plate: 1, usageNature: 2, registeredOn: 3, isTimeShare: 4 }],
    [['VIN码', '车牌', '性质', '行驶证注册日期', '投入运营日期'], { vin: 0, plate: 1, usageNature: 2, registeredOn: 3, inServiceOn: 4 }],
  ])('suggests columns from other header words: %j', (headers, expected) => {
    expect(suggestMapping(headers)).toEqual(expected);
  });

  it('finds the header row below a title block', () => {
    const rows: RosterRow[] = [[t('北京顺达通汽车租赁有限公司 车辆花名册')], [], [t('导出日期'), t('2026-11-01')], STANDARD_HEADERS.map(t), GOOD];
    expect(detectHeaderRow(rows)).toBe(3);
    expect(headerTexts(rows, 3, 8)).toEqual([...STANDARD_HEADERS]);
  });

  it('falls back to the first non-empty row, and null for an empty sheet', () => {
    expect(detectHeaderRow([[], [t('甲'), t('乙')], [t('1')]])).toBe(1);
    expect(detectHeaderRow([[], []])).toBeNull();
  });

  it('refuses a mapping without the required fields or with a column used twice', () => {
    expect(checkMapping({ plate: 0, usageNature: 0 })).toEqual([
      '请为“注册日期”选择对应的列',
      '第 A 列同时对应了“号牌号码”和“使用性质”',
    ]);
    expect(() => validateRoster({ rows: [], headerRowIndex: 0, mapping: {}, existingPlates: [], today: TODAY })).toThrow(/号牌号码/);
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
  });
});

describe('dates', () => {
  it.each([
    ['2021-03-15', '2021-03-15'],
    ['2021/3/5', '2021-03-05'],
    ['2021.03.15', '2021-03-15'],
    ['2021年3月15日', '2021-03-15'],
    ['2021年3月15', '2021-03-15'],
    ['2021-03-15 00:00:00', '2021-03-15'],
    ['2021-02-29', null],
    ['2020-02-29', '2020-02-29'],
    ['15/03/2021', null],
    ['20210315', null],
    ['三月', null],
  ])('text %s → %s', (text, expected) => {
    expect(parseDateText(text)).toBe(expected);
  });

  it('reads Excel serial numbers within 1950–2100', () => {
    expect(excelSerialToDate(44270)).toBe('2021-03-15');
    expect(excelSerialToDate(44270.75)).toBe('2021-03-15');
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(Number.NaN)).toBeNull();
  });
});

describe('row validation', () => {
  it('accepts a complete row with every field normalised', () => {
    const result = validate([[t(' 京a·12345 '), t('租赁'), { kind: 'number', value: 43226 }, t('2018/6/1'), t('是'), t('大众朗逸'), t('lsvaa4182e2123456'), { kind: 'boolean', value: true }]]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toEqual([{
      rowNumber: 2,
      vehicle: {
        plate: '京A12345', usageNature: '租赁', registeredOn: '2018-05-06', inServiceOn: '2018-06-01', filingStatus: '已备案',
        leftFilingOn: null, model: '大众朗逸', vin: 'LSVAA4182E2123456', vehicleType: null, seats: null, isTimeShare: true, note: '',
      },
    }]);
  });

  it('rejects a bad plate with the plate as written', () => {
    const result = validate([[t('京I12345'), ...GOOD.slice(1)], [t('A12345'), ...GOOD.slice(1)]]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([
      { rowNumber: 2, plateText: '京I12345', reasons: ['号牌号码“京I12345”格式不正确（应如 京A12345 或新能源 京AD12345）'] },
      { rowNumber: 3, plateText: 'A12345', reasons: ['号牌号码“A12345”格式不正确（应如 京A12345 或新能源 京AD12345）'] },
    ]);
  });

  it('rejects a missing or unreadable registration date, a future one and a service date before it', () => {
    const result = validate([
      [t('京A10001'), t('租赁'), E],
      [t('京A10002'), t('租赁'), t('2021-13-01')],
      [t('京A10003'), t('租赁'), d('2027-01-01')],
      [t('京A10004'), t('租赁'), d('2020-05-01'), d('2020-04-30')],
    ]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => r.reasons)).toEqual([
      ['缺少注册日期'],
      ['注册日期“2021-13-01”不是有效日期（可用 Excel 日期，或 2021-03-15、2021/3/15、2021年3月15日）'],
      ['注册日期 2027-01-01 晚于今天'],
      ['投入经营日期 2020-04-30 早于注册日期 2020-05-01'],
    ]);
  });

  it('rejects an unknown 使用性质 and names the accepted words', () => {
    const result = validate([[t('京A10001'), t('营转非'), d('2019-01-01')], [t('京A10002'), E, d('2019-01-01')]]);
    expect(result.rejected.map((r) => r.reasons)).toEqual([
      ['使用性质“营转非”无法识别（应为 租赁、非营运、营运 之一，以行驶证为准）'],
      ['缺少使用性质'],
    ]);
  });

  it('lists every problem of a row, not only the first', () => {
    const result = validate([[t('京A1'), t('出租'), t('去年'), E, t('待定'), E, t('123'), t('也许')]]);
    expect(result.rejected[0]?.reasons).toEqual([
      '号牌号码“京A1”格式不正确（应如 京A12345 或新能源 京AD12345）',
      '使用性质“出租”无法识别（应为 租赁、非营运、营运 之一，以行驶证为准）',
      '注册日期“去年”不是有效日期（可用 Excel 日期，或 2021-03-15、2021/3/15、2021年3月15日）',
      '备案状态“待定”无法识别（应为 未备案、已备案、已移出备案 之一）',
      'VIN“123”应为 17 位字母或数字（不含 I、O、Q）',
      '分时租赁“也许”无法识别（应为“是”或“否”）',
    ]);
  });

  it('rejects every row of a plate repeated in the file, and plates the company already has', () => {
    const result = validate([
      [t('京A10001'), t('租赁'), d('2019-01-01')],
      [t('京A 10001'), t('租赁'), d('2019-02-01')],
      [t('京A10002'), t('租赁'), d('2019-01-01')],
      [t('京A10003'), t('租赁'), d('2019-01-01')],
    ], ['京a10003']);
    expect(result.accepted.map((a) => a.vehicle.plate)).toEqual(['京A10002']);
    expect(result.rejected).toEqual([
      { rowNumber: 2, plateText: '京A10001', reasons: ['号牌 京A10001 在文件中重复（第 3 行）'] },
      { rowNumber: 3, plateText: '京A 10001', reasons: ['号牌 京A10001 在文件中重复（第 2 行）'] },
      { rowNumber: 5, plateText: '京A10003', reasons: ['本企业已登记号牌 京A10003 的车辆（导入不会覆盖已有车辆）'] },
    ]);
  });

  it('takes a formula cell by its result, as text, and rejects one saved without a result', () => {
    const plate = rosterCellFromValue({ formula: '"京A"&"54321"', result: '京A54321' });
    const usage = rosterCellFromValue({ sharedFormula: 'B2', result: '租赁' });
    const date = rosterCellFromValue({ formula: 'DATE(2019,1,2)', result: new Date(Date.UTC(2019, 0, 2)) });
    expect([plate, usage, date]).toEqual([t('京A54321'), t('租赁'), d('2019-01-02')]);
    const noResult = rosterCellFromValue({ formula: 'A1' });
    const result = validate([[plate, usage, date], [noResult, t('租赁'), d('2019-01-02')]]);
    expect(result.accepted.map((a) => a.vehicle.plate)).toEqual(['京A54321']);
    expect(result.rejected[0]?.reasons).toEqual(['号牌号码单元格有错误（公式没有计算结果，请在 Excel 中打开并保存后再导入）']);
  });

  it('is all or nothing per row: a row with one bad field is not taken with that field left out', () => {
    const result = validate([[...GOOD.slice(0, 3), t('不详'), ...GOOD.slice(4)]]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.reasons).toEqual(['投入经营日期“不详”不是有效日期（可用 Excel 日期，或 2021-03-15、2021/3/15、2021年3月15日）']);
  });

  it('counts blank rows instead of dropping them silently, and accounts for every data row', () => {
    const result = validate([GOOD, [], [E, t('  ')], [t('京B22222'), t('营运'), d('2015-01-01')], [t('合计'), E, E]]);
    expect(result.blankRows).toBe(2);
    expect(result.dataRows).toBe(5);
    expect(result.accepted.length + result.rejected.length + result.blankRows).toBe(result.dataRows);
    expect(result.rejected.map((r) => r.rowNumber)).toEqual([6]);
  });

  it('says which defaults it applies for unmapped optional columns', () => {
    const rows: RosterRow[] = [[t('号牌'), t('使用性质'), t('注册日期')], [t('京A10001'), t('租赁'), d('2019-01-01')]];
    const result = validateRoster({ rows, headerRowIndex: 0, mapping: suggestMapping(['号牌', '使用性质', '注册日期']), existingPlates: [], today: TODAY });
    expect(result.accepted[0]?.vehicle.filingStatus).toBe('未备案');
    expect(result.notes).toEqual([
      '未选择“备案状态”列：导入的车辆均记为“未备案”，导入后可逐辆修改。',
      '未选择“投入经营日期”列：与 2021 年 4 月 1 日前后有关的事项将显示为“待确认”，直至补充该日期。',
      '未选择“分时租赁”列：导入的车辆均记为非分时租赁车辆。',
    ]);
  });
});

describe('reading .xlsx files', () => {
  it('reads a generated roster: title block, Excel dates, formulas, rich text and an instructions sheet', async () => {
    const bytes = await buildRoster({
      extraSheetsBefore: ['填写说明'],
      preamble: [['车辆花名册（2026年11月）'], []],
      headers: [...STANDARD_HEADERS],
      rows: [
        ['京A12345', '租赁', excelDate('2018-05-06'), '2018/6/1', '已备案', { richText: [{ text: '大众' }, { text: '朗逸' }] }, '', '否'],
        [{ formula: '"京B"&"67890"', result: '京B67890' }, '非营运', 43226, excelDate('2019-01-01'), '', '', '', ''],
      ],
      numFmts: { 2: 'yyyy-mm-dd' },
    });
    const read = await readRosterWorkbook(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.sheets.map((s) => s.name)).toEqual(['填写说明', '车辆花名册']);
    const roster = read.value.sheets[1];
    if (roster === undefined) throw new Error('no roster sheet');
    const header = detectHeaderRow(roster.rows);
    expect(header).toBe(2);
    const result = validateRoster({ rows: roster.rows, headerRowIndex: header ?? 0, mapping: suggestMapping(headerTexts(roster.rows, header ?? 0, roster.columnCount)), existingPlates: [], today: TODAY });
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((a) => [a.rowNumber, a.vehicle.plate, a.vehicle.registeredOn, a.vehicle.inServiceOn, a.vehicle.model])).toEqual([
      [4, '京A12345', '2018-05-06', '2018-06-01', '大众朗逸'],
      [5, '京B67890', '2018-05-06', '2019-01-01', ''],
    ]);
  });

  it('refuses files that are not .xlsx with a Chinese reason', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const results = await Promise.all([readRosterWorkbook(new Uint8Array()), readRosterWorkbook(xls), readRosterWorkbook(new TextEncoder().encode('号牌,使用性质')), readRosterWorkbook(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.message))).toEqual([
      '文件是空的',
      '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入',
      '文件不是 Excel（.xlsx）格式',
      expect.stringMatching(/压缩包|无法读取/),
    ]);
  });

  it('reads and validates a 10,000-row roster with progress', async () => {
    const bytes = await buildRoster({ headers: [...STANDARD_HEADERS], rows: fleetRows(10_000), numFmts: { 2: 'yyyy-mm-dd', 3: 'yyyy-mm-dd' } });
    const phases: string[] = [];
    const read = await readRosterWorkbook(bytes, (p) => {
      phases.push(`${p.phase}:${p.done}`);
    });
    if (!read.ok) throw new Error(read.error.message);
    expect(phases[0]).toBe('opening:0');
    expect(phases).toContain('reading:2000');
    const roster = read.value.sheets[0];
    if (roster === undefined) throw new Error('no sheet');
    const result = validateRoster({ rows: roster.rows, headerRowIndex: 0, mapping: suggestMapping([...STANDARD_HEADERS]), existingPlates: [], today: TODAY });
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(10_000);
    expect(new Set(result.accepted.map((a) => a.vehicle.plate)).size).toBe(10_000);
  });
});
