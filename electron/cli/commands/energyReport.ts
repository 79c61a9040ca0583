import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findLedgerOutliers } from '../../../shared/energy/checks';
import { chartSeries, COMPANY_SCOPE, siteScope, targetProgress, yearTotal } from '../../../shared/energy/comparisons';
import { energyDutyFindings, ledgerCompleteness } from '../../../shared/energy/duties';
import { buildEnergyChartSvg } from '../../../shared/energy/energyChart';
import { buildEnergyWorkbook, safeSheetName } from '../../../shared/energy/energyWorkbook';
import { computeTce, defaultEnergySettings, yearFigures } from '../../../shared/energy/ledger';
import { annualPue } from '../../../shared/energy/pue';
import { parseOptions, UsageError, type CliCommand } from '../command';
import { describeFileError } from '../../main/atomicWrite';
import { findCompany, loadWorkspaceFile } from '../workspaceLoader';
import { describeError } from '../../../shared/util/errorDescription';

const USAGE = 'energy-report <workspace.json> --company <编号或名称> --year <YYYY> --out <文件.xlsx> [--charts <文件夹>]';

/** A path as the user will find it: relative to where they ran the command when inside it. */
function shownPath(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

function formatTce(value: number): string {
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

function localTimestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

export const energyReportCommand: CliCommand = {
  name: 'energy-report',
  summary: '导出企业某年的能源消费台账（.xlsx，含折标准煤公式、PUE 和汇总表），可另存 SVG 图表',
  usage: USAGE,
  async run(args, io) {
    const { positional, values } = parseOptions(args, { values: ['company', 'year', 'out', 'charts'] });
    const [file] = positional;
    const companyQuery = values.get('company');
    const yearText = values.get('year');
    const out = values.get('out');
    if (!file) throw new UsageError('缺少工作区文件');
    if (!companyQuery) throw new UsageError('缺少 --company');
    if (!yearText || !/^\d{4}$/.test(yearText) || Number(yearText) < 1900) throw new UsageError(`--year 应为四位年份，如 2021${yearText ? `（收到“${yearText}”）` : ''}`);
    if (!out) throw new UsageError('缺少 --out');
    if (path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError(`--out 应为 .xlsx 文件（收到“${out}”）`);
    const year = Number(yearText);

    const loaded = await loadWorkspaceFile(file, io.cwd);
    if (!loaded.ok) {
      io.err(`错误：${loaded.error.message}`);
      return 1;
    }
    const found = findCompany(loaded.value, companyQuery);
    if (!found.ok) {
      io.err(`错误：${found.error.message}`);
      return 1;
    }
    const record = found.value;
    const readings = record.energyReadings ?? [];
    const trainings = record.energyTrainings ?? [];
    const settings = record.energySettings ?? defaultEnergySettings();
    const built = await buildEnergyWorkbook({
      company: record.company, stores: record.stores, people: record.people, readings, trainings, settings, year,
      generatedAt: localTimestamp(new Date()),
    });
    if (!built.ok) {
      io.err(`错误：${built.error.message}`);
      return 1;
    }
    const outPath = path.resolve(io.cwd, out);
    try {
      await writeFile(outPath, built.value);
    } catch (e) {
      io.err(`错误：无法写入 ${out}：${describeFileError(e, out, 'write')}`);
      return 1;
    }

    const prefix = `${year}-`;
    const ofYear = readings.filter((r) => r.month.startsWith(prefix));
    io.out(`${record.company.name}（${record.company.id}）${year} 年能源消费台账`);
    const siteIds = [...new Set(ofYear.map((r) => r.siteId))];
    for (const store of record.stores.filter((s) => siteIds.includes(s.id))) {
      let line = `  ${store.name}（${store.kind}）：综合能耗 ${formatTce(yearTotal(ofYear, year, siteScope(store.id)))} tce`;
      if (store.kind === '数据中心' || ofYear.some((r) => r.siteId === store.id && r.isItEquipment)) {
        const pue = annualPue(ofYear, store.id, year);
        line += pue.pue === null
          ? '；年度 PUE 无法计算（缺少 IT 设备用电）'
          : `；年度 PUE ${pue.pue.toFixed(2)}（${pue.monthsCounted.length} 个月，按全年总用电 ÷ 全年 IT 设备用电）`;
        if (pue.monthsIncomplete.length > 0) line += `；${pue.monthsIncomplete.join('、')} 只有一块表的读数，未计入`;
      }
      io.out(line);
    }
    if (siteIds.includes(null)) io.out(`  企业整体（未分场所）：综合能耗 ${formatTce(yearTotal(ofYear, year, siteScope(null)))} tce`);
    const figures = yearFigures(settings, year);
    const progress = targetProgress(ofYear, year, figures?.targetTce ?? null, COMPANY_SCOPE);
    io.out(`  合计：${formatTce(progress.totalTce)} tce${progress.shareOfTarget === null ? '（未设定年度目标）' : `，为年度目标 ${formatTce(progress.targetTce ?? 0)} tce 的 ${(progress.shareOfTarget * 100).toFixed(1)}%`}`);
    const missing = ledgerCompleteness(ofYear, year).monthsWithoutEntries;
    io.out(`  未录入月份：${missing.length === 0 ? '无' : missing.join('、')}`);
    const outliers = findLedgerOutliers(readings).filter((o) => o.month.startsWith(prefix));
    if (outliers.length > 0) {
      io.out(`  待确认的异常值 ${new Set(outliers.map((o) => o.readingId)).size} 条（与相邻月份相差 10 倍以上，请核对后在台账中确认）：`);
      for (const o of outliers) io.out(`    ${o.message}`);
    }
    const stale = ofYear.filter((r) => Math.abs(computeTce(r.amount, r.conversion, r.coefficient) - r.tce) > 1e-6);
    if (stale.length > 0) io.out(`  注意：${stale.length} 条记录保存的折标准煤与“用量 × 换算 × 系数”不符（表格中按公式重新计算）：${stale.map((r) => r.id).join('、')}`);
    for (const f of energyDutyFindings(record, trainings, year)) io.out(`  ${f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}  ${f.message}`);

    const chartsDir = values.get('charts');
    if (chartsDir) {
      const dir = path.resolve(io.cwd, chartsDir);
      try {
        await mkdir(dir, { recursive: true });
        const charts: { name: string; svg: string }[] = [];
        const companySeries = chartSeries(readings, year, COMPANY_SCOPE, { targetTce: figures?.targetTce ?? null });
        charts.push({ name: `${year}-企业合计.svg`, svg: buildEnergyChartSvg({ title: `${record.company.name} ${year} 年月度综合能耗`, labels: companySeries.labels, tce: companySeries.tce, lastYearTce: companySeries.lastYearTce }) });
        const taken = new Set<string>();
        for (const store of record.stores.filter((s) => siteIds.includes(s.id))) {
          const isDataCentre = store.kind === '数据中心';
          const series = chartSeries(readings, year, siteScope(store.id), { isDataCentre });
          const name = safeSheetName(store.name, taken);
          taken.add(name);
          charts.push({
            name: `${year}-${name}.svg`,
            svg: buildEnergyChartSvg({ title: `${store.name} ${year} 年月度综合能耗${isDataCentre ? '与 PUE' : ''}`, labels: series.labels, tce: series.tce, lastYearTce: series.lastYearTce, pue: series.pue }),
          });
        }
        for (const chart of charts) await writeFile(path.join(dir, chart.name), chart.svg, 'utf8');
        io.out(`已写入图表 ${charts.length} 个（${shownPath(io.cwd, dir)}）：${charts.map((c) => c.name).join('、')}`);
      } catch (e) {
        io.err(`错误：${describeError(e, { lead: '无法写入图表', reason: '文件无法写入（可能没有权限或磁盘已满）' }).message}`);
        return 1;
      }
    }
    io.out(`已写入 ${shownPath(io.cwd, outPath)}（本表为企业内部台账，非北京市节能监测服务平台规定格式）`);
    return 0;
  },
};
