import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/energy');
const fixture = path.join(fixtures, 'energy-workspace.json');

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the energy fixture workspace', () => {
  it('parses, with the ledger, trainings and settings', () => {
    const parsed = parseWorkspaceFile(readFileSync(fixture, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const record = parsed.value.companies[0];
    expect(record?.energyReadings).toHaveLength(111);
    expect(record?.energyTrainings).toHaveLength(2);
    expect(record?.energySettings.years.map((y) => y.year)).toEqual([2020, 2021]);
  });

  it('older files without the energy fields get empty defaults', () => {
    const parsed = parseWorkspaceFile(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/workspace/two-companies.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.companies[0]).toMatchObject({ energyReadings: [], energyTrainings: [], energySettings: { electricityBasis: '当量值', coefficients: [] } });
  });

  it('refuses a reading filed under another company', () => {
    const json = JSON.parse(readFileSync(fixture, 'utf8')) as { companies: { energyReadings: { companyId: string }[] }[] };
    const first = json.companies[0]?.energyReadings[0];
    if (first) first.companyId = 'someone-else';
    const parsed = parseWorkspaceFile(JSON.stringify(json));
    expect(parsed.ok ? '' : parsed.error.message).toContain('属于另一企业编号 someone-else');
  });
});

describe('energy-report command', () => {
  it('writes the xlsx and the charts and prints the year', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'energy-report-'));
    const result = await run(dir, 'energy-report', fixture, '--company', '云数据', '--year', '2021', '--out', 'energy.xlsx', '--charts', 'charts');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('北京示例云数据科技有限公司（c-energy）2021 年能源消费台账');
    expect(result.out).toMatch(/亦庄数据中心（数据中心）：综合能耗 7,119\.89\d tce；年度 PUE 1\.35（11 个月/);
    expect(result.out).toContain('未录入月份：2021-12');
    expect(result.out).toContain('为年度目标 9,000.000 tce 的 84.5%');
    expect(result.out).toContain('已写入 energy.xlsx（本表为企业内部台账，非北京市节能监测服务平台规定格式）');
    expect(readdirSync(path.join(dir, 'charts')).sort()).toEqual(['2021-亦庄数据中心.svg', '2021-企业合计.svg', '2021-研发办公楼.svg']);
    // The ECharts server-side render of the page's chart: the PUE series with its monthly labels.
    const dcChart = readFileSync(path.join(dir, 'charts', '2021-亦庄数据中心.svg'), 'utf8');
    expect(dcChart).toContain('亦庄数据中心 2021 年月度综合能耗与 PUE');
    expect(dcChart).toMatch(/>1\.3\d</);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'energy.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '亦庄数据中心', '研发办公楼', '企业整体（未分场所）', '能源管理与培训']);
  });

  it.each([
    [['--company', 'c-energy', '--out', 'x.xlsx'], '--year 应为四位年份'],
    [['--company', 'c-energy', '--year', '21', '--out', 'x.xlsx'], '--year 应为四位年份，如 2021（收到“21”）'],
    [['--year', '2021', '--out', 'x.xlsx'], '缺少 --company'],
    [['--company', 'c-energy', '--year', '2021'], '缺少 --out'],
    [['--company', 'c-energy', '--year', '2021', '--out', 'x.csv'], '--out 应为 .xlsx 文件'],
  ])('usage error %j', async (args, message) => {
    const result = await run(fixtures, 'energy-report', 'energy-workspace.json', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('fails with a Chinese message for an unknown company or an empty year, writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'energy-report-'));
    const unknown = await run(dir, 'energy-report', fixture, '--company', '不存在', '--year', '2021', '--out', 'a.xlsx');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('工作区中没有编号或名称为“不存在”的企业');
    const empty = await run(dir, 'energy-report', fixture, '--company', 'c-energy', '--year', '2019', '--out', 'b.xlsx');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('2019 年没有能源台账记录');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists unconfirmed outliers and energy-manager gaps', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'energy-report-'));
    const json = JSON.parse(readFileSync(fixture, 'utf8')) as {
      companies: { energyReadings: { month: string; energyType: string; confirmedOutlier: boolean }[]; energyTrainings: unknown[] }[];
    };
    const company = json.companies[0];
    if (!company) throw new Error('no company');
    for (const r of company.energyReadings) if (r.month === '2021-06' && r.energyType === '柴油') r.confirmedOutlier = false;
    company.energyTrainings = [];
    writeFileSync(path.join(dir, 'w.json'), JSON.stringify(json));
    const result = await run(dir, 'energy-report', 'w.json', '--company', 'c-energy', '--year', '2021', '--out', 'e.xlsx');
    expect(result.code).toBe(0);
    expect(result.out).toContain('待确认的异常值 1 条');
    expect(result.out).toContain('是 2021-07（1,140 L）的约 10.9 倍');
    expect(result.out).toContain('用量：2021-06 柴油为 12,400 L，是 2021-05（1,160 L）的约 10.7 倍');
    expect(result.out).toContain('提示  能源管理负责人王能源在 2021 年没有节能培训记录（方案未规定学时或频次）');
  });
});
