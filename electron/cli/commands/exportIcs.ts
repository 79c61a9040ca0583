import path from 'node:path';
import { computeDuties } from '../../../shared/deadlines/duties';
import { buildIcsCalendar, calendarEventsFromDuties } from '../../../shared/export/icsCalendar';
import { describeFileError, writeFileAtomic } from '../../main/atomicWrite';
import { dateOption, failWith, parseOptions, UsageError, type CliCommand } from '../command';
import { loadDutyInputs, trackingFor } from '../commandInputs';

export const exportIcsCommand: CliCommand = {
  name: 'export-ics',
  summary: '导出日历文件（.ics）：每个未完成且有日期的事项一个全天事件并带提醒，可导入 Outlook、Apple 日历',
  usage: 'export-ics <workspace.json> --out <事项.ics> [--company <编号或名称>] [--remind-days N] [--today YYYY-MM-DD] [--tracking <跟踪记录.json>] [--policy-pack <数据包.json>]',
  async run(args, io) {
    const { positional, values } = parseOptions(args, { values: ['out', 'company', 'remind-days', 'today', 'tracking', 'policy-pack'] });
    const [file, ...extra] = positional;
    if (file === undefined) throw new UsageError('缺少工作区文件');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const out = values.get('out');
    if (out === undefined) throw new UsageError('缺少 --out（导出的 .ics 文件）');
    if (!out.toLowerCase().endsWith('.ics')) throw new UsageError(`--out 应为 .ics 文件：${out}`);
    const remindText = values.get('remind-days') ?? '7';
    if (!/^\d{1,3}$/.test(remindText)) throw new UsageError(`--remind-days 应为 0 至 999 的整数：${remindText}`);
    const today = dateOption('today', values.get('today'));

    const inputs = await loadDutyInputs(file, { company: values.get('company'), today, trackingFile: values.get('tracking'), policyPack: values.get('policy-pack') }, io);
    if (!inputs.ok) return failWith(io, false, inputs.error);
    const { kb, calendar, tracking, records } = inputs.value;
    const events = records.flatMap((record) => calendarEventsFromDuties(
      { id: record.company.id, name: record.company.name },
      computeDuties(kb, record, trackingFor(tracking, record.company.id), calendar, inputs.value.today),
      Number(remindText),
    ));
    const name = records.length === 1 && records[0] !== undefined ? `${records[0].company.name} 合规事项` : '企业合规事项';
    const built = buildIcsCalendar(events, { calendarName: name, stamp: new Date() });
    if (!built.ok) return failWith(io, false, built.error);
    const target = path.resolve(io.cwd, out);
    try {
      await writeFileAtomic(target, built.value);
    } catch (e) {
      return failWith(io, false, { code: 'cli.writeFailed', message: `无法写入 ${out}：${describeFileError(e, out, 'write')}` });
    }
    io.out(`已导出日历：${records.length} 家企业，${events.length} 个事件 → ${target}`);
    return 0;
  },
};
