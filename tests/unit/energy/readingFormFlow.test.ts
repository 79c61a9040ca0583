import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import {
  canBeItEquipment, checkReadingForm, deleteReading, energyTypeChoices, initialReadingValues, monthClashMessage, previewConversion,
  readingFormTitle, storeReading, unitAfterTypeChange, type ReadingFormValues,
} from '../../../renderer/features/energy/readingFormFlow';
import { blankCompanyInput, createCompany, getCompanyRecord, saveStore } from '../../../renderer/storage/companyRepository';
import { createRepositories, type Repositories } from '../../../renderer/storage/repositories';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';

/*
 * 录入月度用量 without its dialog (renderer/features/energy/readingFormFlow.ts): what the form
 * starts with, what the preview says, which field a refusal lands on, and what is stored.
 */

const TODAY = asIsoDate('2021-12-15');
let db: WorkbenchDatabase;
let repositories: Repositories;
let companyId: string;
let siteId: string;

beforeEach(async () => {
  db = new WorkbenchDatabase(`reading-form-${Math.random().toString(36).slice(2)}`);
  await db.open();
  repositories = createRepositories(db);
  companyId = (await createCompany(db, blankCompanyInput('北京测试数据有限公司'))).id;
  siteId = (await saveStore(db, { companyId, name: '亦庄数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' })).id;
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function reading(month: number, amount: number, isItEquipment = false): EnergyReading {
  const built = buildReading({
    id: `r-${month}${isItEquipment ? '-it' : ''}`, companyId, siteId, month: ledgerMonth(2021, month), energyType: '电力', amount, unit: 'kWh',
    isItEquipment, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入',
  }, defaultEnergySettings());
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

async function recordWith(readings: readonly EnergyReading[]): Promise<CompanyRecord> {
  for (const r of readings) await repositories.saveEnergyReading(r, null);
  const record = await getCompanyRecord(db, companyId);
  if (!record) throw new Error('company missing');
  return record;
}

function entry(overrides: Partial<ReadingFormValues>): ReadingFormValues {
  return { siteKey: siteId, month: '2021-10', energyType: '电力', unit: 'kWh', amount: '1000', isItEquipment: false, note: '', ...overrides };
}

describe('the form when it opens', () => {
  it('starts a new entry from the page\'s defaults, electricity in its first unit otherwise', () => {
    expect(initialReadingValues(null, undefined)).toEqual({
      siteKey: 'company', month: '', energyType: '电力', unit: 'kWh', amount: '', isItEquipment: false, note: '',
    });
    expect(initialReadingValues(null, { siteKey: 's1', month: '2021-10', energyType: '天然气' })).toMatchObject({ siteKey: 's1', month: '2021-10', unit: 'm³' });
    expect(readingFormTitle(null)).toBe('录入月度用量');
  });

  it('shows a stored reading as typed text, titled by its month and type', () => {
    const stored = reading(10, 1234.5, true);
    expect(initialReadingValues(stored, { month: '2021-01' })).toEqual({
      siteKey: siteId, month: '2021-10', energyType: '电力', unit: 'kWh', amount: '1234.5', isItEquipment: true, note: '',
    });
    expect(readingFormTitle(stored)).toBe('编辑 2021-10 电力（IT 设备）');
  });

  it('offers the edited reading\'s energy type even when the settings no longer define it', () => {
    const custom = { ...reading(10, 1), energyType: '液化石油气' };
    expect(energyTypeChoices(defaultEnergySettings(), custom)).toContain('液化石油气');
    expect(energyTypeChoices(defaultEnergySettings(), null)).not.toContain('液化石油气');
  });

  it('allows IT-equipment electricity only at a data centre, and switches to a unit of the new type', async () => {
    const record = await recordWith([]);
    expect(canBeItEquipment(record, siteId, '电力')).toBe(true);
    expect(canBeItEquipment(record, siteId, '天然气')).toBe(false);
    expect(canBeItEquipment(record, 'company', '电力')).toBe(false);
    expect(unitAfterTypeChange('天然气', 'kWh')).toBe('m³');
    expect(unitAfterTypeChange('电力', 'kWh')).toBeNull();
  });
});

describe('previewConversion', () => {
  it('says what to choose first, and the coefficient and tce once it can', () => {
    expect(previewConversion({ energyType: '', unit: 'kWh' }, defaultEnergySettings(), null)).toEqual({ kind: 'incomplete' });
    expect(previewConversion({ energyType: '电力', unit: 'kWh', amount: '10000' }, defaultEnergySettings(), null)).toMatchObject({
      kind: 'converted', tce: '1.229 tce', keepsSnapshot: false, currentCoefficientNote: null,
      coefficient: expect.stringMatching(/^0\.1229 kgce\/kWh（当量值），GB\/T 2589-2020 附录 A 表 A\.1 电力（当量值）/) as unknown,
    });
    expect(previewConversion({ energyType: '电力', unit: 'kWh', amount: '12吨' }, defaultEnergySettings(), null)).toMatchObject({ tce: '—' });
  });

  it('says why a type without a coefficient cannot be converted', () => {
    const preview = previewConversion({ energyType: '液化石油气', unit: 't', amount: '1' }, defaultEnergySettings(), null);
    expect(preview.kind).toBe('unconvertible');
  });

  it('keeps a correction\'s stored coefficient and names the one the settings give now', () => {
    const stored = { ...reading(10, 1000), coefficient: { ...reading(10, 1000).coefficient, value: 0.2 } };
    expect(previewConversion({ energyType: '电力', unit: 'kWh', amount: '1000' }, defaultEnergySettings(), stored)).toMatchObject({
      kind: 'converted', tce: '0.200 tce', keepsSnapshot: true,
      currentCoefficientNote: '当前设置的系数为 0.1229 kgce/kWh，如需改用，请在“折标系数”中执行“重新计算历史月份”。',
    });
  });
});

describe('checkReadingForm', () => {
  it.each([
    ['-5', '用量：不能为负数（-5）'],
    ['12吨', '用量：“12吨”不是数字，请只填写数值，单位另选'],
  ])('refuses the amount "%s" beside 用量', async (amount, message) => {
    const check = checkReadingForm({ values: entry({ amount }), record: await recordWith([]), settings: defaultEnergySettings(), editing: null, evidenceDocumentId: null, today: TODAY });
    expect(check).toEqual({ status: 'refused', fields: [{ name: 'amount', errors: [message] }] });
  });

  it('refuses a month that has not ended and a duplicate month beside 月份', async () => {
    const record = await recordWith([reading(10, 5000)]);
    const check = (values: ReadingFormValues) => checkReadingForm({ values, record, settings: defaultEnergySettings(), editing: null, evidenceDocumentId: null, today: TODAY });
    expect(check(entry({ month: '2022-01' }))).toEqual({ status: 'refused', fields: [{ name: 'month', errors: ['月份：2022-01 尚未结束，不能录入以后月份的用量'] }] });
    expect(check(entry({ amount: '5100' }))).toEqual({
      status: 'refused', fields: [{ name: 'month', errors: [expect.stringContaining('“亦庄数据中心” 2021-10 的电力已有记录（5000 kWh），不能重复录入') as unknown] }],
    });
    expect(check(entry({ amount: '5100', isItEquipment: true }))).toMatchObject({ status: 'ready', reading: { isItEquipment: true, amount: 5100 } });
  });

  it('asks to confirm an amount ten times off its neighbour, and drops IT equipment off a data centre', async () => {
    const record = await recordWith([reading(9, 1000)]);
    const check = checkReadingForm({ values: entry({ amount: '25000' }), record, settings: defaultEnergySettings(), editing: null, evidenceDocumentId: null, today: TODAY });
    expect(check.status).toBe('needsConfirmation');
    if (check.status !== 'needsConfirmation') return;
    expect(check.outliers.map((o) => o.message)).toEqual([expect.stringMatching(/2021-10 电力为 25,000 kWh，是 2021-09（1,000 kWh）的约 25 倍/)]);
    const companyWide = checkReadingForm({ values: entry({ siteKey: 'company', isItEquipment: true }), record, settings: defaultEnergySettings(), editing: null, evidenceDocumentId: null, today: TODAY });
    expect(companyWide).toMatchObject({ status: 'ready', reading: { siteId: null, isItEquipment: false } });
  });

  it('keeps a correction\'s coefficient and recomputes its tce with it', async () => {
    const original = reading(10, 1000);
    const snapshot = { ...original, coefficient: { ...original.coefficient, value: 0.2, reference: '旧版系数' }, tce: 0.2 };
    const record = await recordWith([snapshot]);
    const check = checkReadingForm({ values: entry({ amount: '2000' }), record, settings: defaultEnergySettings(), editing: snapshot, evidenceDocumentId: null, today: TODAY });
    expect(check).toMatchObject({ status: 'ready', reading: { id: original.id, amount: 2000, tce: 0.4, coefficient: { value: 0.2, reference: '旧版系数' } } });
  });
});

describe('storing and deleting', () => {
  it('stores the reading and says what was stored', async () => {
    const said = await storeReading(repositories, reading(10, 12345.6, true), null);
    expect(said).toBe('已保存 2021-10 电力（IT 设备）：12,345.6 kWh');
    expect((await getCompanyRecord(db, companyId))?.energyReadings).toEqual([expect.objectContaining({ id: 'r-10-it', amount: 12345.6 })]);
  });

  it('puts a month stored meanwhile by another window beside 月份, any other failure elsewhere', async () => {
    await storeReading(repositories, reading(10, 5000), null);
    const failure = await storeReading(repositories, { ...reading(10, 5100), id: 'other' }, null).then(() => null, (e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    const text = (failure as Error).message;
    expect(monthClashMessage(failure, text)).toBe(`月份：${text}`);
    expect(text).toContain('不能重复录入');
    expect(monthClashMessage(new Error(text), text)).toBeNull();
  });

  it('deletes the reading and says which', async () => {
    const stored = reading(10, 5000);
    await storeReading(repositories, stored, null);
    expect(await deleteReading(repositories, stored)).toBe('已删除 2021-10 电力');
    expect((await getCompanyRecord(db, companyId))?.energyReadings ?? []).toEqual([]);
  });
});
