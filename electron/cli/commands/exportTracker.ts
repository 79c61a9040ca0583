import path from 'node:path';
import { computeDuties } from '../../../shared/deadlines/duties';
import { buildTrackerWorkbook, trackerRowsFromDuties, type TrackerCompany } from '../../../shared/export/trackerWorkbook';
import { describeFileError, writeFileAtomic } from '../../main/atomicWrite';
import { dateOption, failWith, parseOptions, UsageError, type CliCommand } from '../command';
import { loadDutyInputs, trackingFor } from '../commandInputs';

export const exportTrackerCommand: CliCommand = {
  name: 'export-tracker',
  summary: '导出 Excel 跟踪表：汇总页和每家企业一页，含截止日期、剩余天数、状态下拉、逾期和临期标色',
  usage: 'export-tracker <workspace.json> --out <跟踪表.xlsx> [--company <编号或名称>] [--today YYYY-MM-DD] [--tracking <跟踪记录.json>] [--policy-pack <数据包.json>]',
  async run(args, io) {
    const { positional, values } = parseOptions(args, { values: ['out', 'company', 'today', 'tracking', 'policy-pack'] });
    const [file, ...extra] = positional;
    if (file === undefined) throw new UsageError('缺少工作区文件');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const out = values.get('out');
    if (out === undefined) throw new UsageError('缺少 --out（导出的 .xlsx 文件）');
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out 应为 .xlsx 文件：${out}`);
    const today = dateOption('today', values.get('today'));

    const inputs = await loadDutyInputs(file, { company: values.get('company'), today, trackingFile: values.get('tracking'), policyPack: values.get('policy-pack') }, io);
    if (!inputs.ok) return failWith(io, false, inputs.error);
    const { kb, calendar, tracking, records } = inputs.value;
    const companies: TrackerCompany[] = records.map((record) => ({
      companyId: record.company.id,
      companyName: record.company.name,
      uscc: record.company.uscc,
      rows: trackerRowsFromDuties(computeDuties(kb, record, trackingFor(tracking, record.company.id), calendar, inputs.value.today)),
    }));
    const bytes = await buildTrackerWorkbook({
      companies, today: inputs.value.today, publishedThroughYear: calendar.publishedThroughYear,
    });
    const target = path.resolve(io.cwd, out);
    try {
      await writeFileAtomic(target, bytes);
    } catch (e) {
      return failWith(io, false, { code: 'cli.writeFailed', message: `无法写入 ${out}：${describeFileError(e, out, 'write')}` });
    }
    const rows = companies.reduce((n, c) => n + c.rows.length, 0);
    io.out(`已导出跟踪表：${companies.length} 家企业，${rows} 项事项 → ${target}`);
    return 0;
  },
};
