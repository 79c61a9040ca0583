import { type IsoDate } from '../../../shared/domain/isoDate';
import { computeDuties, countByStatus, DUTY_STATUS_LABELS, type Duty } from '../../../shared/deadlines/duties';
import { dateOption, failWith, parseOptions, UsageError, type CliCommand } from '../command';
import { loadDutyInputs, trackingFor } from '../commandInputs';

/** The date a duty is listed under: its due date, or its window's close. */
function listedDate(duty: Duty): IsoDate | null {
  return duty.dueDate ?? duty.window?.closes ?? null;
}

function printDuty(duty: Duty, out: (text: string) => void): void {
  const date = listedDate(duty);
  const when = duty.dueDate === null && duty.window === null ? duty.dueText : date ?? duty.dueText;
  const flags = [
    duty.isProvisional ? '暂定' : '',
    duty.actor === 'authority' ? '主管部门办理' : '',
    duty.limit === 'earliest' ? '最早可办理日' : '',
    duty.isUserSetDate ? '用户设定' : '',
    duty.isApplicabilityUncertain ? '是否适用待确认' : '',
  ].filter((f) => f !== '');
  const subject = duty.subject.kind === 'company' ? '' : `（${duty.subject.label}）`;
  out(`${when}  ${DUTY_STATUS_LABELS[duty.status]}  ${duty.title}${subject}${flags.length > 0 ? ` [${flags.join('，')}]` : ''}`);
  out(`    依据：${duty.basis.reference}`);
  if (duty.window !== null) out(`    办理期间：${duty.window.opens} 至 ${duty.window.closes}`);
  out(`    说明：${duty.basis.explanation}${duty.basis.legalBasis === '' ? '' : `（${duty.basis.legalBasis}）`}`);
}

export const deadlinesCommand: CliCommand = {
  name: 'deadlines',
  summary: '列出某企业的全部期限事项：截止日期、计算过程与依据、状态',
  usage: 'deadlines <workspace.json> --company <编号或名称> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--today YYYY-MM-DD] [--tracking <跟踪记录.json>] [--policy-pack <数据包.json>] [--json]',
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, { values: ['company', 'from', 'to', 'today', 'tracking', 'policy-pack'], switches: ['json'] });
    const [file, ...extra] = positional;
    if (file === undefined) throw new UsageError('缺少工作区文件');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const company = values.get('company');
    if (company === undefined) throw new UsageError('缺少 --company');
    const from = dateOption('from', values.get('from'));
    const to = dateOption('to', values.get('to'));
    if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} 晚于 --to ${to}`);
    const today = dateOption('today', values.get('today'));
    const json = switches.has('json');

    const inputs = await loadDutyInputs(file, { company, today, trackingFile: values.get('tracking'), policyPack: values.get('policy-pack') }, io);
    if (!inputs.ok) return failWith(io, json, inputs.error);
    const { kb, calendar, tracking, records } = inputs.value;
    const record = records[0];
    if (record === undefined) return failWith(io, json, { code: 'cli.companyNotFound', message: `工作区中没有编号或名称为“${company}”的企业` });
    const all = computeDuties(kb, record, trackingFor(tracking, record.company.id), calendar, inputs.value.today, {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
    // Dated duties are kept when their date lies in the range; undated ones have no date to test.
    const duties = all.filter((d) => {
      const date = listedDate(d);
      return date === null || ((from === undefined || date >= from) && (to === undefined || date <= to));
    });
    const counts = countByStatus(duties);
    const c = record.company;
    if (json) {
      io.out(JSON.stringify({
        ok: true, company: { id: c.id, name: c.name }, today: inputs.value.today, from: from ?? null, to: to ?? null,
        dataVersion: kb.dataVersion, holidays: { source: calendar.source, publishedThroughYear: calendar.publishedThroughYear },
        counts, duties,
      }, null, 2));
      return 0;
    }
    const range = from !== undefined || to !== undefined ? `，范围 ${from ?? '…'} 至 ${to ?? '…'}` : '';
    io.out(`${c.name}（${c.id}） 今日 ${inputs.value.today}${range}，共 ${duties.length} 项`);
    io.out((Object.keys(counts) as (keyof typeof counts)[]).filter((s) => counts[s] > 0).map((s) => `${DUTY_STATUS_LABELS[s]} ${counts[s]}`).join('，'));
    const dated = duties.filter((d) => listedDate(d) !== null);
    const undated = duties.filter((d) => listedDate(d) === null);
    if (dated.length > 0) io.out('');
    for (const d of dated) printDuty(d, io.out);
    if (undated.length > 0) {
      io.out('');
      io.out('【待定日期：原文未规定或缺少触发日期】');
      for (const d of undated) printDuty(d, io.out);
    }
    io.out('');
    io.out(`节假日数据：${calendar.source}，已公布至 ${calendar.publishedThroughYear} 年；此后的日期为暂定。政策数据版本 ${kb.dataVersion}`);
    return 0;
  },
};
