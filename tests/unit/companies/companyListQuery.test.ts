import { describe, expect, it } from 'vitest';
import { companySchema, type Company } from '../../../shared/domain/company';
import { asIsoDate } from '../../../shared/domain/isoDate';
import {
  applyCompanyQuery, DEFAULT_COMPANY_QUERY, isFiltered, parseCompanyQuery, type CompanyListQuery,
} from '../../../renderer/features/companies/companyListQuery';
import { integerRangeRule } from '../../../renderer/components/fieldRules';

/* The company list's search, filters and sort (issue 17, point 10), and the in-range rule. */

function company(fields: Partial<Company> & { name: string }): Company {
  return companySchema.parse({ id: fields.name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...fields });
}

const pharmacy = company({
  name: '北京仁和大药房有限公司', uscc: '91110105MA01ABCD2X', legalRepresentative: '王建国', district: '朝阳区',
  entityType: '有限责任公司', industryName: '药品零售', establishedOn: asIsoDate('2015-03-01'), updatedAt: '2026-10-01T00:00:00.000Z',
});
const rental = company({
  name: '北京安途汽车租赁有限公司', uscc: '91110108MA00XYZ12K', legalRepresentative: '李娜', district: '海淀区',
  entityType: '股份有限公司', industryName: '汽车租赁', establishedOn: asIsoDate('2019-07-15'), updatedAt: '2026-11-20T00:00:00.000Z',
});
const dataCentre = company({
  name: '北京云算数据科技有限公司', legalRepresentative: '赵强', district: '朝阳区', entityType: '有限责任公司',
  industryName: '', establishedOn: null, updatedAt: '2026-06-01T00:00:00.000Z',
});
const all = [rental, dataCentre, pharmacy];
const names = (query: Partial<CompanyListQuery>) => applyCompanyQuery(all, { ...DEFAULT_COMPANY_QUERY, ...query }).map((c) => c.name);

describe('company list query', () => {
  it('searches name, 统一社会信用代码 and 法定代表人, ignoring case, spaces and full-width forms', () => {
    expect(names({ search: '租赁' })).toEqual([rental.name]);
    expect(names({ search: 'ma01abcd' })).toEqual([pharmacy.name]);
    expect(names({ search: 'ＭＡ００ＸＹＺ' })).toEqual([rental.name]);
    expect(names({ search: '赵 强' })).toEqual([dataCentre.name]);
    expect(names({ search: '不存在的企业' })).toEqual([]);
  });

  it('filters by 区, 企业类型 and 行业 (未填写 included), combining them', () => {
    expect(names({ districts: ['朝阳区'] })).toEqual([pharmacy.name, dataCentre.name].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(names({ districts: ['朝阳区'], industries: ['药品零售'] })).toEqual([pharmacy.name]);
    expect(names({ entityTypes: ['股份有限公司'] })).toEqual([rental.name]);
    expect(names({ industries: [''] })).toEqual([dataCentre.name]);
  });

  it('sorts by name, 成立日期 (unknown last either way) and 更新时间, both directions', () => {
    expect(names({})).toEqual([...all].map((c) => c.name).sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(names({ sortKey: 'establishedOn', sortOrder: 'asc' })).toEqual([pharmacy.name, rental.name, dataCentre.name]);
    expect(names({ sortKey: 'establishedOn', sortOrder: 'desc' })).toEqual([rental.name, pharmacy.name, dataCentre.name]);
    expect(names({ sortKey: 'updatedAt', sortOrder: 'desc' })).toEqual([rental.name, pharmacy.name, dataCentre.name]);
  });

  it('says when the list is narrowed', () => {
    expect(isFiltered(DEFAULT_COMPANY_QUERY)).toBe(false);
    expect(isFiltered({ ...DEFAULT_COMPANY_QUERY, sortKey: 'updatedAt' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_COMPANY_QUERY, search: ' 药 ' })).toBe(true);
  });

  it('reads a stored query back and ignores a malformed one', () => {
    const query: CompanyListQuery = { ...DEFAULT_COMPANY_QUERY, search: '药', districts: ['朝阳区'], sortKey: 'updatedAt', sortOrder: 'desc' };
    expect(parseCompanyQuery(JSON.stringify(query))).toEqual(query);
    expect(parseCompanyQuery('{not json')).toEqual(DEFAULT_COMPANY_QUERY);
    expect(parseCompanyQuery(JSON.stringify({ sortKey: 'drop table', districts: [1, '海淀区'] }))).toEqual({ ...DEFAULT_COMPANY_QUERY, districts: ['海淀区'] });
    expect(parseCompanyQuery(null)).toEqual(DEFAULT_COMPANY_QUERY);
  });
});

describe('integerRangeRule', () => {
  const check = async (value: unknown): Promise<string | null> => {
    const rule = integerRangeRule('核定载客', 1, 300);
    if (typeof rule === 'function' || rule.validator === undefined) throw new Error('expected a validator rule');
    try {
      await rule.validator(rule, value, () => undefined);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  it('refuses out-of-range and fractional numbers with the typed value, instead of clamping', async () => {
    expect(await check(5)).toBeNull();
    expect(await check(null)).toBeNull();
    expect(await check(-5)).toBe('核定载客应在 1–300 之间（填写的是 -5）');
    expect(await check(301)).toBe('核定载客应在 1–300 之间（填写的是 301）');
    expect(await check(4.5)).toBe('核定载客应为整数（填写的是 4.5）');
  });
});
