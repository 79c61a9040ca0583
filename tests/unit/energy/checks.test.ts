import { describe, expect, it } from 'vitest';
import { checkReadingEntry, findLedgerOutliers, parseAmount, type EntryContext, type ReadingDraft } from '../../../shared/energy/checks';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { COMPANY, newId, reading, store } from './helpers';

const stores = [store('dc', '数据中心', '亦庄数据中心'), store('office', '公共建筑', '办公楼')];

function context(existing: readonly EnergyReading[] = [], extra: Partial<EntryContext> = {}): EntryContext {
  return { companyId: COMPANY, stores, existing, settings: defaultEnergySettings(), newId, ...extra };
}

function draft(overrides: Partial<ReadingDraft> = {}): ReadingDraft {
  return { siteId: 'office', month: '2021-10', energyType: '电力', amount: 120_000, unit: 'kWh', ...overrides };
}

describe('parseAmount', () => {
  it.each([
    [120000, 120000], ['120000', 120000], [' 1,234.5 ', 1234.5], ['１２３', 123], ['0', 0], [0, 0], ['1e3', 1000], ['.5', 0.5], ['1，000', 1000],
  ])('%j → %d', (raw, value) => {
    const result = parseAmount(raw);
    expect(result).toEqual({ ok: true, value });
  });

  it.each([
    [-1, 'amount.negative', '用量：不能为负数'],
    ['-0.5', 'amount.negative', '用量：不能为负数'],
    [Number.NaN, 'amount.notNumber', '用量：不是有效数字'],
    [Number.POSITIVE_INFINITY, 'amount.notNumber', '用量：不是有效数字'],
    ['abc', 'amount.notNumber', '用量：“abc”不是数字'],
    ['约100', 'amount.notNumber', '用量：“约100”不是数字'],
    ['100kWh', 'amount.notNumber', '用量：“100kWh”不是数字'],
    ['1.2.3', 'amount.notNumber', '用量：“1.2.3”不是数字'],
    ['', 'amount.missing', '用量：请填写'],
    [null, 'amount.missing', '用量：请填写'],
    [true, 'amount.notNumber', '用量：不是有效数字'],
    [2e12, 'amount.tooLarge', '用量：数值过大'],
  ])('%j is refused (%s)', (raw, code, message) => {
    const result = parseAmount(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toContain(message);
    }
  });
});

describe('checkReadingEntry: refusals name the field', () => {
  it('accepts a normal reading and stores its coefficient snapshot', () => {
    const result = checkReadingEntry(draft({ documentId: 'doc-1' }), context());
    expect(result.status).toBe('accepted');
    if (result.status !== 'accepted') return;
    expect(result.reading).toMatchObject({
      companyId: COMPANY, siteId: 'office', month: '2021-10', energyType: '电力', amount: 120_000, unit: 'kWh', tce: 14.748,
      documentId: 'doc-1', confirmedOutlier: false, entryMethod: '手工录入', isItEquipment: false,
      coefficient: { value: 0.1229, source: 'GB/T 2589-2020', basis: '当量值' },
    });
  });

  it.each([
    [{ amount: -5 }, 'amount', '用量：不能为负数'],
    [{ amount: Number.NaN }, 'amount', '用量：不是有效数字'],
    [{ amount: '一百' }, 'amount', '用量：“一百”不是数字'],
    [{ month: '2021-13' }, 'month', '月份：“2021-13”不是有效月份'],
    [{ month: '2021/10' }, 'month', '月份：“2021/10”不是有效月份'],
    [{ energyType: '水' }, 'energyType', '能源品种：“水”未定义'],
    [{ energyType: '' }, 'energyType', '能源品种：请选择'],
    [{ unit: '桶' }, 'unit', '单位：“桶”无法识别'],
    [{ unit: 'm³' }, 'unit', '单位：电力的单位应为 kWh、万kWh、MWh'],
    [{ siteId: 'nowhere' }, 'siteId', '场所：所选场所不存在'],
    [{ isItEquipment: true }, 'isItEquipment', 'IT 设备用电：只能记在“数据中心”类场所的电力下'],
    [{ siteId: 'dc', energyType: '柴油', unit: 't', isItEquipment: true }, 'isItEquipment', 'IT 设备用电：只能记在“数据中心”类场所的电力下'],
    [{ energyType: '天然气', unit: 'm³' }, 'energyType', '能源品种：“天然气”没有默认折标系数'],
    [{ energyType: '柴油', unit: 'L' }, 'unit', '单位：柴油按升（L）录入时需要密度'],
  ] as const)('%j → %s', (overrides, field, message) => {
    const result = checkReadingEntry(draft(overrides), context());
    expect(result.status).toBe('refused');
    if (result.status !== 'refused') return;
    expect(result.issues.map((i) => i.field)).toContain(field);
    expect(result.issues.map((i) => i.message).join('\n')).toContain(message);
  });

  it('reports every bad field at once', () => {
    const result = checkReadingEntry(draft({ month: 'x', amount: -1, unit: '' }), context());
    expect(result.status === 'refused' && result.issues.map((i) => i.field)).toEqual(['month', 'unit', 'amount']);
  });

  it('refuses a month after the current one when told which month it is', () => {
    const result = checkReadingEntry(draft({ month: '2021-11' }), context([], { currentMonth: ledgerMonth(2021, 10) }));
    expect(result.status === 'refused' && result.issues[0]?.message).toContain('2021-11 尚未结束');
    expect(checkReadingEntry(draft({ month: '2021-10' }), context([], { currentMonth: ledgerMonth(2021, 10) })).status).toBe('accepted');
  });
});

describe('checkReadingEntry: duplicates', () => {
  const stored = reading('office', '2021-10', '电力', 118_000, 'kWh');

  it('refuses the same site, month and energy type', () => {
    const result = checkReadingEntry(draft(), context([stored]));
    expect(result.status).toBe('refused');
    if (result.status === 'refused') {
      expect(result.issues[0]?.code).toBe('reading.duplicate');
      expect(result.issues[0]?.message).toBe('月份：“办公楼” 2021-10 的电力已有记录（118000 kWh），不能重复录入；如需更正，请编辑原记录');
    }
  });

  it('refuses a duplicate even in another unit (万kWh vs kWh)', () => {
    expect(checkReadingEntry(draft({ amount: 11.8, unit: '万kWh' }), context([stored])).status).toBe('refused');
  });

  it('allows editing the stored reading itself, another site, another month, another type', () => {
    expect(checkReadingEntry(draft({ id: stored.id }), context([stored])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ siteId: null }), context([stored])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ month: '2021-09' }), context([stored])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ energyType: '热力', unit: 'GJ', amount: 10 }), context([stored])).status).toBe('accepted');
  });

  it('keeps a data centre total and its IT sub-meter apart, but refuses a second IT reading', () => {
    const total = reading('dc', '2021-10', '电力', 500, '万kWh');
    const it = checkReadingEntry(draft({ siteId: 'dc', amount: 3_800_000, isItEquipment: true }), context([total]));
    expect(it.status).toBe('accepted');
    if (it.status !== 'accepted') return;
    expect(checkReadingEntry(draft({ siteId: 'dc', amount: 3_700_000, isItEquipment: true }), context([total, it.reading])).status).toBe('refused');
  });
});

describe('checkReadingEntry: a month ten times off its neighbours is held for confirmation', () => {
  const sep = reading('office', '2021-09', '电力', 120_000, 'kWh');
  const nov = reading('office', '2021-11', '电力', 121_000, 'kWh');

  it('flags ten times more, in the coefficient unit, and names both months', () => {
    const result = checkReadingEntry(draft({ amount: 1_200_000 }), context([sep]));
    expect(result.status).toBe('needsConfirmation');
    if (result.status !== 'needsConfirmation') return;
    expect(result.outliers).toHaveLength(1);
    expect(result.outliers[0]).toMatchObject({ direction: 'higher', neighbourMonth: '2021-09', amount: 1_200_000, neighbourAmount: 120_000 });
    expect(result.outliers[0]?.message).toBe('用量：2021-10 电力为 1,200,000 kWh，是 2021-09（120,000 kWh）的约 10 倍，请核对单位或小数点；确认无误后再保存');
  });

  it('flags ten times less', () => {
    const result = checkReadingEntry(draft({ amount: 12_000 }), context([sep, nov]));
    expect(result.status === 'needsConfirmation' && result.outliers.map((o) => [o.direction, o.neighbourMonth])).toEqual([['lower', '2021-09'], ['lower', '2021-11']]);
  });

  it('compares across units: 120 万kWh against 120 000 kWh is ten times', () => {
    const result = checkReadingEntry(draft({ amount: 120, unit: '万kWh' }), context([sep]));
    expect(result.status).toBe('needsConfirmation');
  });

  it('does not flag 9.9 times, and flags exactly 10 times', () => {
    expect(checkReadingEntry(draft({ amount: 1_188_000 }), context([sep])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ amount: 12_121.3 }), context([sep])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ amount: 12_000 }), context([sep])).status).toBe('needsConfirmation');
  });

  it('treats zero against non-zero as an outlier, zero against zero not', () => {
    expect(checkReadingEntry(draft({ amount: 0 }), context([sep])).status).toBe('needsConfirmation');
    const zero = reading('office', '2021-09', '电力', 0, 'kWh');
    expect(checkReadingEntry(draft({ amount: 0 }), context([zero])).status).toBe('accepted');
    expect(checkReadingEntry(draft({ amount: 5 }), context([zero])).status).toBe('needsConfirmation');
  });

  it('accepts the outlier once the user confirms it, and records that', () => {
    const result = checkReadingEntry(draft({ amount: 1_200_000, confirmedOutlier: true }), context([sep]));
    expect(result.status).toBe('accepted');
    expect(result.status === 'accepted' && result.reading.confirmedOutlier).toBe(true);
  });

  it('looks across the year boundary and not past three months', () => {
    const dec = reading('office', '2020-12', '电力', 120_000, 'kWh');
    expect(checkReadingEntry(draft({ month: '2021-01', amount: 1_500_000 }), context([dec])).status).toBe('needsConfirmation');
    const june = reading('office', '2021-06', '电力', 120_000, 'kWh');
    expect(checkReadingEntry(draft({ amount: 1_500_000 }), context([june])).status).toBe('accepted');
  });

  it('compares only the same series (site, type, IT flag)', () => {
    const otherSite = reading('dc', '2021-09', '电力', 5_000_000, 'kWh');
    expect(checkReadingEntry(draft(), context([otherSite])).status).toBe('accepted');
  });

  it('reviewing a whole ledger blames the spike, not the months around it', () => {
    const ledger = [
      reading('dc', '2021-05', '柴油', 1, 't'), reading('dc', '2021-06', '柴油', 10.5, 't'), reading('dc', '2021-07', '柴油', 0.95, 't'),
      reading('dc', '2021-08', '柴油', 1.02, 't'),
    ];
    expect(findLedgerOutliers(ledger).map((o) => [o.month, o.neighbourMonth, o.direction])).toEqual([['2021-06', '2021-05', 'higher'], ['2021-06', '2021-07', 'higher']]);
  });

  it.each([
    ['a spike in the first month', [10, 1, 1.1], ['2021-01']],
    ['a spike in the last month', [1, 1.1, 12], ['2021-03']],
    ['a dip', [1, 0.05, 1.1], ['2021-02']],
    ['a step up: the first month of the new level', [1, 1, 12, 12], ['2021-03']],
    ['two months only: the later one', [1, 20], ['2021-02']],
  ])('blames %s', (_what, amounts, months) => {
    const ledger = amounts.map((a, i) => reading('dc', `2021-0${i + 1}`, '柴油', a, 't'));
    expect([...new Set(findLedgerOutliers(ledger).map((o) => o.month))]).toEqual(months);
  });

  it('does not use a confirmed outlier as the baseline of its neighbours', () => {
    const testMonth = reading('dc', '2021-06', '柴油', 10, 't', { confirmedOutlier: true });
    const may = reading('dc', '2021-05', '柴油', 1, 't');
    const july = checkReadingEntry(draft({ siteId: 'dc', month: '2021-07', energyType: '柴油', unit: 't', amount: 0.95 }), context([may, testMonth]));
    expect(july.status).toBe('accepted');
    expect(findLedgerOutliers([may, testMonth])).toEqual([]);
  });
});
