import { describeDay } from '../../../shared/deadlines/calendar';
import { computePeriod, computeWindowBefore } from '../../../shared/deadlines/period';
import { PERIOD_UNITS, type PeriodUnit } from '../../../shared/policy/knowledgeBase';
import { dateOption, parseOptions, UsageError, type CliCommand, type CliIo } from '../command';
import { loadHolidayCalendar } from '../commandInputs';

/** Parses a `YYYY-MM-DD` option value or throws a usage error naming the option. */
const UNIT_WORDS = PERIOD_UNITS.join('|');

export const dueCommand: CliCommand = {
  name: 'due',
  summary: '期限计算器：按《民法典》期间规则和国务院节假日安排计算一个期限的截止日期，并说明计算过程',
  usage: `due --from YYYY-MM-DD --offset N --unit ${UNIT_WORDS} [--before | --window] [--json]`,
  // Synchronous work: wrapped so that a usage error still reaches the command line's handler.
  run: (args, io) => Promise.resolve(runDue(args, io)),
};

function runDue(args: readonly string[], io: CliIo): number {
  const { positional, values, switches } = parseOptions(args, { values: ['from', 'offset', 'unit'], switches: ['before', 'window', 'json'] });
  if (positional.length > 0) throw new UsageError(`多余的参数：${positional.join(' ')}`);
  const from = dateOption('from', values.get('from'));
  if (from === undefined) throw new UsageError('缺少 --from（起算的事件日期）');
  const offsetText = values.get('offset');
  if (offsetText === undefined) throw new UsageError('缺少 --offset（期间的数值）');
  if (!/^\d{1,5}$/.test(offsetText)) throw new UsageError(`--offset 应为 0 至 99999 的整数：${offsetText}`);
  const amount = Number(offsetText);
  const unitText = values.get('unit');
  if (unitText === undefined) throw new UsageError(`缺少 --unit（${UNIT_WORDS}）`);
  if (!(PERIOD_UNITS as readonly string[]).includes(unitText)) throw new UsageError(`--unit 应为 ${UNIT_WORDS} 之一：${unitText}`);
  const unit = unitText as PeriodUnit;
  if (switches.has('before') && switches.has('window')) throw new UsageError('--before 与 --window 只能选一个');
  const json = switches.has('json');

  const calendar = loadHolidayCalendar();
  if (!calendar.ok) {
    if (json) io.out(JSON.stringify({ ok: false, error: calendar.error }, null, 2));
    else io.err(`错误：${calendar.error.message}`);
    return 1;
  }
  const cal = calendar.value;
  const holidays = { source: cal.source, publishedThroughYear: cal.publishedThroughYear };

  if (switches.has('window')) {
    const w = computeWindowBefore(cal, from, amount, unit);
    if (json) {
      io.out(JSON.stringify({
        ok: true, end: from, offset: amount, unit, direction: 'window', opens: w.opens, closes: w.closes, dueDate: w.closes,
        nominalDate: w.nominalCloses, adjustment: w.adjustment, provisional: w.isProvisional, explanation: w.explanation, legalBasis: w.legalBasis, holidays,
      }, null, 2));
    } else {
      io.out(`办理期间：${w.opens} 至 ${w.closes}${w.isProvisional ? '（暂定：假期安排尚未公布）' : ''}`);
      io.out(`计算说明：${w.explanation}`);
      io.out(`计算依据：${w.legalBasis}`);
    }
    return 0;
  }

  const direction = switches.has('before') ? 'before' : 'after';
  const r = computePeriod(cal, { from, amount, unit, direction });
  if (json) {
    io.out(JSON.stringify({
      ok: true, from, offset: amount, unit, direction, dueDate: r.dueDate, nominalDate: r.nominalDate, adjustment: r.adjustment,
      provisional: r.isProvisional, explanation: r.explanation, legalBasis: r.legalBasis, holidays,
    }, null, 2));
    return 0;
  }
  io.out(`截止日期：${r.dueDate}，${describeDay(cal, r.dueDate)}${r.isProvisional ? '（暂定：假期安排尚未公布）' : ''}`);
  io.out(`计算说明：${r.explanation}`);
  io.out(`计算依据：${r.legalBasis}`);
  io.out(`节假日数据：${cal.source}，已公布至 ${cal.publishedThroughYear} 年`);
  return 0;
}
