import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEnergySettings, ledgerMonth, type EnergyReading, type EnergySettings } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import {
  applyRecompute, checkCoefficientForm, checkDensityForm, coefficientFromHeatingValueField, coefficientTypeChoices, densityTypeChoices,
  initialCoefficientValues, initialDensityValues, previewRecompute, saveSettingsChange, withoutCoefficient, withoutDensity,
  type CoefficientFormValues, type DensityFormValues,
} from '../../../renderer/features/energy/coefficientSettingsFlow';
import { blankCompanyInput, createCompany, getCompanyRecord } from '../../../renderer/storage/companyRepository';
import { createRepositories, type Repositories } from '../../../renderer/storage/repositories';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';

/*
 * 折标系数 without its cards and dialogs (renderer/features/energy/coefficientSettingsFlow.ts): which
 * coefficient or density is refused and with what words, what is saved, and what recomputing the
 * stored months would change and writes.
 */

let db: WorkbenchDatabase;
let repositories: Repositories;
let companyId: string;

beforeEach(async () => {
  db = new WorkbenchDatabase(`coefficients-${Math.random().toString(36).slice(2)}`);
  await db.open();
  repositories = createRepositories(db);
  companyId = (await createCompany(db, blankCompanyInput('北京测试燃气用户有限公司'))).id;
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const GAS = { energyType: '天然气', perUnit: 'm³', value: 1.2, basis: null, source: '企业实测', reference: '供气单位热值单' } as const;

function coefficientValues(overrides: Partial<CoefficientFormValues>): CoefficientFormValues {
  return { ...initialCoefficientValues(null), energyType: '天然气', value: 1.2, reference: '供气单位热值单', ...overrides };
}

function densityValues(overrides: Partial<DensityFormValues>): DensityFormValues {
  return { ...initialDensityValues(null), kgPerL: 0.84, reference: '油品检验单', ...overrides };
}

function withGas(value: number = GAS.value): EnergySettings {
  return { ...defaultEnergySettings(), coefficients: [{ ...GAS, value }] };
}

describe('checkCoefficientForm', () => {
  it('adds a measured coefficient, trimmed, and replaces the one edited', () => {
    const added = checkCoefficientForm(defaultEnergySettings(), null, coefficientValues({ energyType: ' 天然气 ', reference: ' 供气单位热值单 ' }));
    expect(added).toEqual({ ok: true, settings: withGas() });
    const edited = checkCoefficientForm(withGas(), 0, coefficientValues({ value: 1.25 }));
    expect(edited.ok && edited.settings.coefficients).toEqual([{ ...GAS, value: 1.25 }]);
  });

  it('gives electricity\'s own coefficient the 等价值 basis', () => {
    const check = checkCoefficientForm(defaultEnergySettings(), null, coefficientValues({ energyType: '电力', perUnit: 'kWh', value: 0.3 }));
    expect(check.ok && check.settings.coefficients[0]?.basis).toBe('等价值');
  });

  it.each([
    ['a missing value', { value: null }, 'value', '请填写折标系数'],
    ['a zero value', { value: 0 }, 'value', '折标系数应大于 0'],
    ['no reference', { reference: '  ' }, 'reference', '请注明系数依据，如供气单位热值单或检测报告'],
  ] as const)('refuses %s beside its field', (_what, overrides, field, message) => {
    expect(checkCoefficientForm(defaultEnergySettings(), null, coefficientValues(overrides))).toEqual({ ok: false, fields: [{ name: field, errors: [message] }] });
  });

  it('refuses a second coefficient for the same type and unit, but not the one being edited', () => {
    expect(checkCoefficientForm(withGas(), null, coefficientValues({ value: 1.3 }))).toEqual({
      ok: false, fields: [{ name: 'energyType', errors: ['天然气（kgce/m³）已有系数，请编辑原系数'] }],
    });
    expect(checkCoefficientForm(withGas(), 0, coefficientValues({ value: 1.3 })).ok).toBe(true);
  });

  it('offers the company\'s own types beside the built-in ones', () => {
    const settings = { ...defaultEnergySettings(), coefficients: [{ ...GAS, energyType: '液化石油气', perUnit: 'kg' as const }] };
    expect(coefficientTypeChoices(settings)).toContain('液化石油气');
    expect(densityTypeChoices(settings)).toEqual(['汽油', '柴油', '液化石油气']);
  });
});

describe('coefficientFromHeatingValueField', () => {
  it('computes from the lower heating value and refuses anything not positive', () => {
    expect(coefficientFromHeatingValueField(29_307)).toEqual({ ok: true, value: 1 });
    for (const kj of [null, 0, -1]) expect(coefficientFromHeatingValueField(kj)).toEqual({ ok: false, message: '请填写正数的低位发热量' });
  });
});

describe('checkDensityForm', () => {
  it('adds a density and refuses a second one for the same type', () => {
    const added = checkDensityForm(defaultEnergySettings(), null, densityValues({}));
    expect(added).toEqual({ ok: true, settings: { ...defaultEnergySettings(), densities: [{ energyType: '柴油', kgPerL: 0.84, reference: '油品检验单' }] } });
    if (!added.ok) return;
    expect(checkDensityForm(added.settings, null, densityValues({ kgPerL: 0.85 }))).toEqual({ ok: false, fields: [{ name: 'energyType', errors: ['柴油已有密度，请编辑原记录'] }] });
    expect(checkDensityForm(added.settings, 0, densityValues({ kgPerL: 0.85 })).ok).toBe(true);
  });

  it.each([
    ['a missing density', { kgPerL: null }, 'kgPerL', '请填写密度'],
    ['an impossible density', { kgPerL: 3 }, 'kgPerL', '密度应在 0~2 kg/L 之间'],
    ['no reference', { reference: '' }, 'reference', '请注明密度依据，如油品检验单'],
  ] as const)('refuses %s beside its field', (_what, overrides, field, message) => {
    expect(checkDensityForm(defaultEnergySettings(), null, densityValues(overrides))).toEqual({ ok: false, fields: [{ name: field, errors: [message] }] });
  });
});

describe('saving the settings', () => {
  it('stores them and says stored months keep their coefficient', async () => {
    const settings = { ...withGas(), densities: [{ energyType: '柴油', kgPerL: 0.84, reference: '油品检验单' }] };
    expect(await saveSettingsChange(repositories, companyId, settings, '已保存系数')).toBe('已保存系数；已录入的月份仍使用原系数，如需更新请“重新计算历史月份”');
    expect(await repositories.getEnergySettings(companyId)).toMatchObject({ coefficients: [GAS], densities: [settings.densities[0]] });
    expect(withoutCoefficient(settings, 0).coefficients).toEqual([]);
    expect(withoutDensity(settings, 0)).toEqual(withGas());
  });
});

describe('recomputing stored months', () => {
  /** A month stored when the company's gas coefficient was 1.1. */
  function gasReading(year: number, month: number, amount: number): EnergyReading {
    const built = buildReading({
      id: `gas-${year}-${month}`, companyId, siteId: null, month: ledgerMonth(year, month), energyType: '天然气', amount, unit: 'm³',
      isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入',
    }, withGas(1.1));
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  }

  it('previews only the months whose coefficient changes, in the year or all years, and writes nothing', async () => {
    const readings = [gasReading(2024, 12, 1000), gasReading(2025, 1, 1000), gasReading(2025, 2, 2000)];
    for (const r of readings) await repositories.saveEnergyReading(r, null);
    const year = previewRecompute(readings, withGas(), 2025, 'year');
    expect(year.rows.map((r) => [r.key, r.after.coefficient.value, r.after.tce])).toEqual([['gas-2025-1', 1.2, 1.2], ['gas-2025-2', 1.2, 2.4]]);
    expect(year.failures).toEqual([]);
    expect(year.summary).toBe('以下 2 条记录的系数将更新，折标准煤合计变化 +0.300 tce。确认前不会写入任何数据。');
    expect(previewRecompute(readings, withGas(), 2025, 'all').rows).toHaveLength(3);
    expect(previewRecompute(readings, withGas(1.1), 2025, 'all')).toEqual({
      rows: [], failures: [], summary: '所选范围内的记录均已使用当前系数，没有需要更新的记录。',
    });
    const withoutGas = previewRecompute(readings, defaultEnergySettings(), 2025, 'year');
    expect(withoutGas.rows).toEqual([]);
    expect(withoutGas.failures).toEqual([expect.stringMatching(/^2025-01 天然气：“天然气”没有默认折标系数/), expect.stringMatching(/^2025-02 天然气：/)]);
    expect((await getCompanyRecord(db, companyId))?.energyReadings?.map((r) => r.coefficient.value)).not.toContain(1.2);
  });

  it('stores the recomputed months, and refuses all of them when one changed since the preview', async () => {
    const readings = [gasReading(2025, 1, 1000), gasReading(2025, 2, 2000)];
    for (const r of readings) await repositories.saveEnergyReading(r, null);
    const { rows } = previewRecompute(readings, withGas(), 2025, 'year');
    await repositories.saveEnergyReading({ ...readings[1]!, note: '改过' }, null);
    await expect(applyRecompute(repositories, rows)).rejects.toThrow('2025-02 天然气 的记录在预览后被修改或删除，请重新生成预览');
    expect((await getCompanyRecord(db, companyId))?.energyReadings?.map((r) => r.coefficient.value)).not.toContain(1.2);

    const fresh = previewRecompute((await getCompanyRecord(db, companyId))?.energyReadings ?? [], withGas(), 2025, 'year');
    expect(await applyRecompute(repositories, fresh.rows)).toBe('已按当前系数重新计算 2 条记录');
    expect((await getCompanyRecord(db, companyId))?.energyReadings?.map((r) => r.coefficient.value)).toEqual([1.2, 1.2]);
  });
});
