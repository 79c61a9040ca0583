import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { ENERGY_DUTIES, energyDutyFindings, ledgerCompleteness, MONTHLY_SUBMISSION_DUTY } from '../../../shared/energy/duties';
import { energyTrainingSchema } from '../../../shared/energy/ledger';
import { COMPANY, reading } from './helpers';

const source = readFileSync(new URL('../../../resources/policies/source.txt', import.meta.url), 'utf8').split('\n');
const squash = (text: string) => text.replace(/\s+/g, '');

describe('energy duties cite the compilation verbatim', () => {
  it.each(ENERGY_DUTIES.map((d) => [d.id, d] as const))('%s', (_id, duty) => {
    const { start, end } = duty.citation.lines;
    const text = squash(source.slice(start - 1, end).join(''));
    expect(text).toContain(squash(duty.citation.quote));
    expect(squash(source.slice(1651, 1652).join(''))).toBe('北京市进一步强化节能实施方案');
    expect(start).toBeGreaterThan(1652);
    expect(end).toBeLessThan(1906);
  });

  it('the monthly submission has no day in the text', () => {
    expect(MONTHLY_SUBMISSION_DUTY.statedInText).toBe(false);
    expect(MONTHLY_SUBMISSION_DUTY.note).toContain('未规定每月报送的具体日期');
  });
});

describe('ledgerCompleteness', () => {
  it('lists the months with and without entries', () => {
    const readings = [
      reading('dc', '2021-01', '电力', 1, 'kWh'),
      reading('dc', '2021-01', '电力', 1, 'kWh', { isItEquipment: true }),
      reading(null, '2021-03', '汽油', 1, 't'),
      reading('dc', '2020-02', '电力', 1, 'kWh'),
    ];
    const result = ledgerCompleteness(readings, 2021);
    expect(result.monthsWithEntries).toEqual(['2021-01', '2021-03']);
    expect(result.monthsWithoutEntries).toHaveLength(10);
    expect(result.monthsWithoutEntries).toContain('2021-02');
    expect(result.months[0]).toMatchObject({ hasEntries: true, entryCount: 2, energyTypes: ['电力'], siteIds: ['dc'] });
    expect(result.months[2]).toMatchObject({ siteIds: [null], energyTypes: ['汽油'] });
  });
});

describe('energy manager and training', () => {
  const person = (id: string, roles: Person['roles']): Person => ({
    id, companyId: COMPANY, name: `人员${id}`, idNumber: '', roles, phone: '', storeId: null, practiceStoreId: null, certificates: [],
    contractStart: null, contractEnd: null, isContractOpenEnded: false, note: '',
  });
  const record = (people: Person[]): CompanyRecord => ({
    company: { id: COMPANY } as CompanyRecord['company'], people, licences: [], vehicles: [], stores: [], events: [],
  });
  const training = energyTrainingSchema.parse({ id: 't1', companyId: COMPANY, personId: 'em', date: '2021-09-15', course: '节能培训', hours: 16 });

  it('parses a training record with its certificate reference', () => {
    expect(training).toMatchObject({ certificateDocumentId: null, organizer: '', hours: 16 });
    expect(energyTrainingSchema.safeParse({ ...training, hours: 0 }).success).toBe(false);
    expect(energyTrainingSchema.safeParse({ ...training, date: '2021-02-30' }).success).toBe(false);
  });

  it('warns when no 能源管理负责人 is on file', () => {
    expect(energyDutyFindings(record([person('x', ['其他'])]), [], 2021).map((f) => f.code)).toEqual(['energy.noManager']);
  });

  it('notes a manager without training in the year, and a training of a missing person', () => {
    const people = [person('em', ['能源管理负责人'])];
    expect(energyDutyFindings(record(people), [training], 2021)).toEqual([]);
    expect(energyDutyFindings(record(people), [training], 2022).map((f) => [f.code, f.severity])).toEqual([['energy.noTrainingThisYear', 'info']]);
    const stray = { ...training, id: 't2', personId: 'gone' };
    expect(energyDutyFindings(record(people), [training, stray], 2021).map((f) => f.code)).toEqual(['energy.trainingPersonMissing']);
  });
});
