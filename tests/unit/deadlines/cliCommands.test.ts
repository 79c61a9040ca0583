import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { Duty } from '../../../shared/deadlines/duties';

let dir = '';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const WORKSPACE = {
  format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: '2021-09-20T00:00:00Z',
  companies: [
    {
      company: {
        id: 'rent1', name: '北京安泰汽车租赁有限公司', industryCode: 'L7111', businessScope: '小微型客车租赁', establishedOn: '2021-08-01',
        createdAt: 'x', updatedAt: 'x',
      },
      licences: [{ id: 'l1', companyId: 'rent1', kind: '小微型客车租赁经营备案', validFrom: '2021-07-01', validTo: '2024-06-30' }],
      vehicles: [{ id: 'v1', companyId: 'rent1', plate: '京A12345', usageNature: '租赁', registeredOn: '2012-05-20', inServiceOn: '2021-05-01', filingStatus: '已备案' }],
      events: [{ id: 'e1', companyId: 'rent1', kind: 'filingChange', date: '2021-09-16', note: '' }],
    },
    {
      company: { id: 'en1', name: '北京博远数据科技有限公司', answers: { 'answer.energy.isKeyEnergyUser': true }, createdAt: 'x', updatedAt: 'x' },
    },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cw-deadlines-'));
  writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify(WORKSPACE));
});

describe('due', () => {
  it('computes one period as JSON', async () => {
    const r = await run('due', '--from', '2021-09-16', '--offset', '15', '--unit', 'day', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { dueDate: string; provisional: boolean; explanation: string };
    expect(json).toMatchObject({ dueDate: '2021-10-08', provisional: false });
    expect(json.explanation).toContain('国庆节');
  });

  it('counts backwards with --before and prints Chinese text', async () => {
    const r = await run('due', '--from', '2024-12-31', '--offset', '3', '--unit', 'month', '--before');
    expect(r.code).toBe(0);
    expect(r.out).toContain('截止日期：2024-09-30');
  });

  it('gives a window with --window', async () => {
    const r = await run('due', '--from', '2024-06-30', '--offset', '30', '--unit', 'day', '--window', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ opens: '2024-05-31', closes: '2024-06-28' });
  });

  it('marks a date beyond the published schedule provisional', async () => {
    const r = await run('due', '--from', '2026-12-20', '--offset', '15', '--unit', 'day', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ dueDate: '2027-01-04', provisional: true });
  });

  it.each([
    [['--from', '2021-02-30', '--offset', '1', '--unit', 'day'], '--from 的日期无效'],
    [['--from', '2021-02-03', '--offset', '-1', '--unit', 'day'], '--offset 应为'],
    [['--from', '2021-02-03', '--offset', '1', '--unit', 'week'], '--unit 应为'],
    [['--offset', '1', '--unit', 'day'], '缺少 --from'],
  ])('refuses bad input %j with a Chinese usage error', async (args, message) => {
    const r = await run('due', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('deadlines', () => {
  it('lists a company’s duties with basis and status as JSON', async () => {
    const r = await run('deadlines', 'workspace.json', '--company', '安泰', '--today', '2021-09-20', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { company: { id: string }; duties: Duty[] };
    expect(json.company.id).toBe('rent1');
    const change = json.duties.find((d) => d.trigger.date === '2021-09-16');
    expect(change).toMatchObject({ dueDate: '2021-10-08', status: 'dueWithin30' });
    expect(change?.basis.reference).toContain('三、（三）3.');
    expect(json.duties.some((d) => d.subject.kind === 'vehicle' && d.subject.label === '京A12345')).toBe(true);
  });

  it('narrows to a date range and prints Chinese text', async () => {
    const r = await run('deadlines', 'workspace.json', '--company', 'rent1', '--today', '2021-09-20', '--from', '2021-10-01', '--to', '2021-10-31');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2021-10-08');
    expect(r.out).not.toContain('2021-09-30  ');
    expect(r.out).toContain('节假日数据');
  });

  it('applies a tracking file', async () => {
    const list = JSON.parse((await run('deadlines', 'workspace.json', '--company', 'rent1', '--today', '2021-09-20', '--json')).out) as { duties: Duty[] };
    const key = list.duties.find((d) => d.trigger.date === '2021-09-16')?.key ?? '';
    writeFileSync(path.join(dir, 'tracking.json'), JSON.stringify({ rent1: { duties: { [key]: { isDone: true, doneOn: '2021-09-30' } } } }));
    const r = await run('deadlines', 'workspace.json', '--company', 'rent1', '--today', '2021-09-20', '--tracking', 'tracking.json', '--json');
    expect((JSON.parse(r.out) as { duties: Duty[] }).duties.find((d) => d.key === key)?.status).toBe('done');
  });

  it('reads what the app recorded in the workspace (dutyTracking), and a --tracking file overrides it', async () => {
    const list = JSON.parse((await run('deadlines', 'workspace.json', '--company', 'rent1', '--today', '2021-09-20', '--json')).out) as { duties: Duty[] };
    const key = list.duties.find((d) => d.trigger.date === '2021-09-16')?.key ?? '';
    const [rental, ...others] = WORKSPACE.companies;
    const recorded = {
      ...WORKSPACE,
      companies: [{
        ...rental,
        dutyTracking: [{ id: `rent1::${key}`, companyId: 'rent1', key, isDone: true, doneOn: '2021-09-30', updatedAt: '2021-09-30T08:00:00.000Z' }],
      }, ...others],
    };
    writeFileSync(path.join(dir, 'recorded.json'), JSON.stringify(recorded));
    const fromWorkspace = JSON.parse((await run('deadlines', 'recorded.json', '--company', 'rent1', '--today', '2021-09-20', '--json')).out) as { duties: Duty[] };
    expect(fromWorkspace.duties.find((d) => d.key === key)?.status).toBe('done');

    writeFileSync(path.join(dir, 'not-done.json'), JSON.stringify({ rent1: { duties: {} } }));
    const overridden = await run('deadlines', 'recorded.json', '--company', 'rent1', '--today', '2021-09-20', '--tracking', 'not-done.json', '--json');
    expect((JSON.parse(overridden.out) as { duties: Duty[] }).duties.find((d) => d.key === key)?.status).not.toBe('done');
  });

  it('reports an unknown company and a bad tracking file in Chinese', async () => {
    const missing = await run('deadlines', 'workspace.json', '--company', '不存在', '--today', '2021-09-20');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有编号或名称为“不存在”的企业');
    writeFileSync(path.join(dir, 'bad-tracking.json'), JSON.stringify({ rent1: { duties: { k: { doneOn: '2021-13-01' } } } }));
    const bad = await run('deadlines', 'workspace.json', '--company', 'rent1', '--tracking', 'bad-tracking.json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('跟踪记录文件格式有误');
  });
});

describe('export-tracker and export-ics', () => {
  it('writes an .xlsx with a summary and a sheet per company', async () => {
    const r = await run('export-tracker', 'workspace.json', '--out', 'tracker.xlsx', '--today', '2021-09-20');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出跟踪表：2 家企业');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'tracker.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '北京安泰汽车租赁有限公司', '北京博远数据科技有限公司']);
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes an .ics calendar', async () => {
    const r = await run('export-ics', 'workspace.json', '--out', 'due.ics', '--company', 'rent1', '--today', '2021-09-20');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'due.ics'), 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('DTSTART;VALUE=DATE:20211008');
  });

  it('refuses a wrong extension and leaves nothing behind', async () => {
    const r = await run('export-tracker', 'workspace.json', '--out', 'tracker.csv');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'tracker.csv'))).toBe(false);
  });

  it('reports an unwritable target in Chinese', async () => {
    const r = await run('export-ics', 'workspace.json', '--out', path.join(dir, 'no-such-dir', 'due.ics'), '--today', '2021-09-20');
    expect(r.code).toBe(1);
    expect(r.err).toContain('无法写入');
  });
});
