import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyEnterpriseSize, normalizeIndustryCode, SME_SIZE_STANDARD, type EnterpriseSizeClass, type EnterpriseSizeInput,
} from '../../../shared/policy/enterpriseSize';

/*
 * The thresholds below are transcribed a second time, by hand, from 工信部联企业〔2011〕300号 第四条,
 * independently of resources/policies/standards/sme-size-2011-300.json: a slip in either copy fails
 * a boundary row. e = 从业人员 (人), r = 营业收入 (万元), a = 资产总额 (万元).
 */
type Bounds = Partial<Record<'e' | 'r' | 'a', number>>;
interface StandardRow {
  readonly industry: string;
  readonly code: string;
  readonly 大型: Bounds;
  readonly 中型: Bounds;
  readonly 小型: Bounds;
}

const ARTICLE_4: readonly StandardRow[] = [
  { industry: '农、林、牧、渔业', code: 'A0111', 大型: { r: 20000 }, 中型: { r: 500 }, 小型: { r: 50 } },
  { industry: '工业', code: 'C3742', 大型: { e: 1000, r: 40000 }, 中型: { e: 300, r: 2000 }, 小型: { e: 20, r: 300 } },
  { industry: '建筑业', code: 'E4810', 大型: { r: 80000, a: 80000 }, 中型: { r: 6000, a: 5000 }, 小型: { r: 300, a: 300 } },
  { industry: '批发业', code: 'F5154', 大型: { e: 200, r: 40000 }, 中型: { e: 20, r: 5000 }, 小型: { e: 5, r: 1000 } },
  { industry: '零售业', code: 'F5251', 大型: { e: 300, r: 20000 }, 中型: { e: 50, r: 500 }, 小型: { e: 10, r: 100 } },
  { industry: '交通运输业', code: 'G5430', 大型: { e: 1000, r: 30000 }, 中型: { e: 300, r: 3000 }, 小型: { e: 20, r: 200 } },
  { industry: '仓储业', code: 'G5920', 大型: { e: 200, r: 30000 }, 中型: { e: 100, r: 1000 }, 小型: { e: 20, r: 100 } },
  { industry: '邮政业', code: 'G6020', 大型: { e: 1000, r: 30000 }, 中型: { e: 300, r: 2000 }, 小型: { e: 20, r: 100 } },
  { industry: '住宿业', code: 'H6110', 大型: { e: 300, r: 10000 }, 中型: { e: 100, r: 2000 }, 小型: { e: 10, r: 100 } },
  { industry: '餐饮业', code: 'H6210', 大型: { e: 300, r: 10000 }, 中型: { e: 100, r: 2000 }, 小型: { e: 10, r: 100 } },
  { industry: '信息传输业', code: 'I6311', 大型: { e: 2000, r: 100000 }, 中型: { e: 100, r: 1000 }, 小型: { e: 10, r: 100 } },
  { industry: '软件和信息技术服务业', code: 'I6510', 大型: { e: 300, r: 10000 }, 中型: { e: 100, r: 1000 }, 小型: { e: 10, r: 50 } },
  { industry: '房地产开发经营', code: 'K7010', 大型: { r: 200000, a: 10000 }, 中型: { r: 1000, a: 5000 }, 小型: { r: 100, a: 2000 } },
  { industry: '物业管理', code: 'K7020', 大型: { e: 1000, r: 5000 }, 中型: { e: 300, r: 1000 }, 小型: { e: 100, r: 500 } },
  { industry: '租赁和商务服务业', code: 'L7111', 大型: { e: 300, a: 120000 }, 中型: { e: 100, a: 8000 }, 小型: { e: 10, a: 100 } },
  { industry: '其他未列明行业', code: 'M7320', 大型: { e: 300 }, 中型: { e: 100 }, 小型: { e: 10 } },
];

const FACT = { e: 'company.employeeCount', r: 'company.annualRevenueWanYuan', a: 'company.totalAssetsWanYuan' } as const;
const NEXT_DOWN: Readonly<Record<'大型' | '中型' | '小型', EnterpriseSizeClass>> = { 大型: '中型', 中型: '小型', 小型: '微型' };
// Head counts are whole people; amounts in 万元 may have decimals, so "one below" is 0.01 万元 below.
const ONE_BELOW = { e: 1, r: 0.01, a: 0.01 } as const;

function input(code: string, b: Bounds): EnterpriseSizeInput {
  return { industryCode: code, employeeCount: b.e ?? null, annualRevenueWanYuan: b.r ?? null, totalAssetsWanYuan: b.a ?? null };
}

interface BoundaryCase {
  readonly name: string;
  readonly code: string;
  readonly values: Bounds;
  readonly expected: EnterpriseSizeClass;
}

function boundaryCases(): BoundaryCase[] {
  const cases: BoundaryCase[] = [];
  for (const row of ARTICLE_4) {
    for (const cls of ['大型', '中型', '小型'] as const) {
      const bounds = row[cls];
      cases.push({ name: `${row.industry} 恰为${cls}下限 ${JSON.stringify(bounds)}`, code: row.code, values: bounds, expected: cls });
      for (const key of Object.keys(bounds) as (keyof Bounds)[]) {
        const value = (bounds[key] ?? 0) - ONE_BELOW[key];
        cases.push({
          name: `${row.industry} ${cls}下限中 ${key} 少一（${value}）`,
          code: row.code,
          values: { ...bounds, [key]: Math.round(value * 100) / 100 },
          expected: NEXT_DOWN[cls],
        });
      }
    }
  }
  return cases;
}

describe('classifyEnterpriseSize: 第四条 boundaries, per industry', () => {
  it.each(boundaryCases())('$name → $expected', ({ code, values, expected }) => {
    const result = classifyEnterpriseSize(input(code, values));
    expect(result.sizeClass).toBe(expected);
    expect(result.missing).toEqual([]);
  });

  it.each(ARTICLE_4.map((row) => [row.industry, row] as const))('%s: the industry named in the reason is the one of 第四条', (industry, row) => {
    const result = classifyEnterpriseSize(input(row.code, row.中型));
    expect(result.industry).toBe(industry);
    expect(result.reason).toContain(industry);
    expect(result.reason).toContain('工信部联企业〔2011〕300号');
  });
});

describe('classifyEnterpriseSize: missing data', () => {
  const twoIndicatorRows = ARTICLE_4.filter((row) => Object.keys(row.小型).length === 2);

  it.each(twoIndicatorRows.map((row) => [row.industry, row] as const))(
    '%s: one indicator at the 中型 bound, the other unknown → null, the unknown fact listed',
    (_industry, row) => {
      const keys = Object.keys(row.中型) as (keyof Bounds)[];
      const [knownKey, unknownKey] = keys as [keyof Bounds, keyof Bounds];
      const result = classifyEnterpriseSize(input(row.code, { [knownKey]: row.中型[knownKey] }));
      expect(result.sizeClass).toBeNull();
      expect(result.missing).toEqual([FACT[unknownKey]]);
      expect(result.reason).toContain('无法判断');
    },
  );

  it.each(twoIndicatorRows.map((row) => [row.industry, row] as const))(
    '%s: one indicator below the 小型 bound decides 微型 even with the other unknown',
    (_industry, row) => {
      const [firstKey] = Object.keys(row.小型) as [keyof Bounds];
      const result = classifyEnterpriseSize(input(row.code, { [firstKey]: (row.小型[firstKey] ?? 0) - ONE_BELOW[firstKey] }));
      expect(result.sizeClass).toBe('微型');
      expect(result.missing).toEqual([]);
    },
  );

  it('all indicators unknown → every indicator fact listed', () => {
    const result = classifyEnterpriseSize({ industryCode: 'E4810', employeeCount: 50, annualRevenueWanYuan: null, totalAssetsWanYuan: null });
    expect(result.sizeClass).toBeNull();
    expect(result.missing).toEqual(['company.annualRevenueWanYuan', 'company.totalAssetsWanYuan']);
  });

  it('a head count alone is enough for 其他未列明行业; revenue and assets are not asked', () => {
    const result = classifyEnterpriseSize({ industryCode: 'R8610', employeeCount: 9, annualRevenueWanYuan: null, totalAssetsWanYuan: null });
    expect(result).toMatchObject({ sizeClass: '微型', missing: [] });
  });

  it('no industry code → null, the code listed as missing', () => {
    const result = classifyEnterpriseSize({ industryCode: '  ', employeeCount: 5, annualRevenueWanYuan: 5, totalAssetsWanYuan: 5 });
    expect(result).toMatchObject({ sizeClass: null, missing: ['company.industryCode'], industry: null });
  });

  it('a negative or non-finite amount is not classified', () => {
    const result = classifyEnterpriseSize({ industryCode: 'C3742', employeeCount: 50, annualRevenueWanYuan: Number.NaN, totalAssetsWanYuan: null });
    expect(result.sizeClass).toBeNull();
    expect(result.missing).toEqual(['company.annualRevenueWanYuan']);
  });
});

describe('industry codes (GB/T 4754-2017) to 第四条 industries', () => {
  const mapped: readonly (readonly [string, string])[] = [
    ['A0511', '农、林、牧、渔业'], ['B0610', '工业'], ['C1311', '工业'], ['D4411', '工业'], ['E4710', '建筑业'],
    ['F5154', '批发业'], ['F5251', '零售业'], ['5251', '零售业'], ['f 5251', '零售业'],
    ['G5411', '交通运输业'], ['G5821', '交通运输业'], ['G5910', '交通运输业'], ['G5920', '仓储业'], ['G5990', '仓储业'],
    ['G6010', '邮政业'], ['H6110', '住宿业'], ['H6210', '餐饮业'], ['I6311', '信息传输业'], ['I6421', '信息传输业'],
    ['I6510', '软件和信息技术服务业'], ['K7010', '房地产开发经营'], ['K7020', '物业管理'], ['K7030', '其他未列明行业'],
    ['K7090', '其他未列明行业'], ['L7111', '租赁和商务服务业'], ['L7212', '租赁和商务服务业'], ['L', '租赁和商务服务业'],
    ['M7320', '其他未列明行业'], ['N7820', '其他未列明行业'], ['O8010', '其他未列明行业'], ['Q8510', '其他未列明行业'],
    ['R8610', '其他未列明行业'],
  ];
  it.each(mapped)('%s → %s', (code, industry) => {
    expect(classifyEnterpriseSize({ industryCode: code, employeeCount: 1, annualRevenueWanYuan: 1, totalAssetsWanYuan: 1 }).industry).toBe(industry);
  });

  const notClassified: readonly (readonly [string, string, readonly string[]])[] = [
    ['G5310', '铁路运输业', []],
    ['K7040', '房地产租赁经营', []],
    ['J6620', '未在', []],
    ['P8310', '未在', []],
    ['Q8411', '未在', []],
    ['S9221', '未在', []],
    ['G', '不够细', ['company.industryCode']],
    ['G59', '不够细', ['company.industryCode']],
    ['K70', '不够细', ['company.industryCode']],
    ['Q', '不够细', ['company.industryCode']],
    ['XYZ', '无法识别', ['company.industryCode']],
    ['A5251', '前后不一致', ['company.industryCode']],
    ['9851', '不存在', ['company.industryCode']],
  ];
  it.each(notClassified)('%s → not classified (%s)', (code, reasonPart, missing) => {
    const result = classifyEnterpriseSize({ industryCode: code, employeeCount: 5, annualRevenueWanYuan: 5, totalAssetsWanYuan: 5 });
    expect(result.sizeClass).toBeNull();
    expect(result.reason).toContain(reasonPart);
    expect(result.missing).toEqual(missing);
  });

  it('normalizes codes and infers the section letter from the division', () => {
    expect(normalizeIndustryCode(' l7111 ')).toEqual({ ok: true, code: 'L7111' });
    expect(normalizeIndustryCode('0111')).toEqual({ ok: true, code: 'A0111' });
    expect(normalizeIndustryCode('97')).toEqual({ ok: true, code: 'T97' });
    expect(normalizeIndustryCode('F52515').ok).toBe(false);
  });
});

describe('the bundled data table', () => {
  it('covers the sixteen industries of 第四条, each once', () => {
    expect(SME_SIZE_STANDARD.industries.map((i) => i.name)).toEqual(ARTICLE_4.map((row) => row.industry));
  });

  it('no code prefix belongs to two industries', () => {
    const prefixes = [...SME_SIZE_STANDARD.industries.flatMap((i) => i.codePrefixes), ...SME_SIZE_STANDARD.excluded.flatMap((e) => e.codePrefixes)];
    for (const p of prefixes) {
      const overlapping = prefixes.filter((q) => q !== p && (q.startsWith(p) || p.startsWith(q)));
      expect(overlapping, p).toEqual([]);
    }
  });

  it('quotes the compilation verbatim where it cites the regulation', () => {
    const raw = JSON.parse(readFileSync('resources/policies/standards/sme-size-2011-300.json', 'utf8')) as {
      citedInCompilation: { lines: { start: number; end: number }; quote: string };
    };
    const lines = readFileSync('resources/policies/source.txt', 'utf8').split('\n');
    const { start, end } = raw.citedInCompilation.lines;
    const text = lines.slice(start - 1, end).map((l) => l.trim()).filter((l) => l !== '' && !/^\d+$/.test(l)).join('');
    expect(text).toContain(raw.citedInCompilation.quote);
  });
});
