import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompanyRecord } from '../../../shared/domain/company';
import { localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import {
  computeDuties, countByStatus, DUTY_STATUS_LABELS, type Duty,
} from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING, parseTrackingFile, type TrackingFile, type TrackingState } from '../../../shared/deadlines/tracking';
import { trackingStateFromRecords } from '../../../shared/deadlines/trackingRecords';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { err, ok, type Result } from '../../../shared/util/result';
import { dateOption, parseOptions, UsageError, type CliCommand, type CliIo } from '../command';
import { findCompany, loadWorkspaceFile } from '../workspaceLoader';
import { loadHolidayCalendar } from './due';
import { loadKnowledgeBaseForCli } from './policies';

/** What the deadline commands share: the knowledge base, the calendar, tracking and "today". */
export interface DutyInputs {
  readonly kb: KnowledgeBase;
  readonly calendar: WorkCalendar;
  readonly tracking: TrackingFile;
  readonly today: IsoDate;
  readonly records: readonly CompanyRecord[];
}

async function readTrackingFile(file: string | undefined, cwd: string): Promise<Result<TrackingFile>> {
  if (file === undefined) return ok({});
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err('cli.readFailed', code === 'ENOENT' ? `找不到跟踪记录文件 ${file}` : `无法读取跟踪记录文件 ${file}：${String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err('tracking.notJson', `${file} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseTrackingFile(json);
  return parsed.ok ? parsed : err(parsed.error.code, `${file}：${parsed.error.message}`);
}

/**
 * Loads everything the deadline commands need. `company` narrows the workspace to one company
 * (by id or name); without it every company is taken.
 */
export async function loadDutyInputs(
  workspaceFile: string, options: { company?: string | undefined; today?: IsoDate | undefined; trackingFile?: string | undefined; policyPack?: string | undefined },
  io: CliIo,
): Promise<Result<DutyInputs>> {
  const workspace = await loadWorkspaceFile(workspaceFile, io.cwd);
  if (!workspace.ok) return workspace;
  let records: readonly CompanyRecord[] = workspace.value.companies;
  if (options.company !== undefined) {
    const found = findCompany(workspace.value, options.company);
    if (!found.ok) return found;
    records = [found.value];
  }
  // Without --tracking, what the officer recorded in the app (the workspace's dutyTracking and
  // dutySchedules) decides which duties are done; a --tracking file replaces it for its companies.
  const tracking = await readTrackingFile(options.trackingFile, io.cwd);
  if (!tracking.ok) return tracking;
  const recorded: TrackingFile = Object.fromEntries(records.map((r) => [r.company.id, trackingStateFromRecords(r.dutyTracking, r.dutySchedules)]));
  const calendar = loadHolidayCalendar();
  if (!calendar.ok) return calendar;
  const kb = await loadKnowledgeBaseForCli(options.policyPack, io.cwd);
  if (!kb.ok) return kb;
  if (kb.value.message !== null) io.err(kb.value.message);
  return ok({ kb: kb.value.kb, calendar: calendar.value, tracking: { ...recorded, ...tracking.value }, today: options.today ?? localIsoDate(new Date()), records });
}

export function trackingFor(tracking: TrackingFile, companyId: string): TrackingState {
  return tracking[companyId] ?? EMPTY_TRACKING;
}

/** The date a duty is listed under: its due date, or its window's close. */
export function listedDate(duty: Duty): IsoDate | null {
  return duty.dueDate ?? duty.window?.closes ?? null;
}

export function failWith(io: CliIo, json: boolean, error: { code: string; message: string }): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }, null, 2));
  else io.err(`错误：${error.message}`);
  return 1;
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
