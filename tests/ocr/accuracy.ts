import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCUMENT_KIND_NAMES, KIND_SPECS } from '../../shared/ocr/fields';
import { recognizeScan } from '../../electron/ocr/recognizeScan';
import { generateScan, SCAN_KINDS, type ScanKind, type ScanOptions } from './scanGenerator';

/*
 * Field-level accuracy of scan recognition over seeded fictional scans (issue 18 "How it is
 * checked"): `npx tsx tests/ocr/accuracy.ts [count] [first seed]`. The scans are spread evenly
 * over the five kinds; of every ten of a kind one is upside down, one fed sideways (90° or 270°),
 * one a photocopy, one has a seal over text, one is turned 6–10°; the rest lean up to 2°; 150,
 * 200 or 300 dpi; JPEG quality 70. Prints a per-field table: exact matches, values flagged for a
 * look, and wrong values nevertheless proposed as certain (that must stay 0).
 */

/** Full- and half-width punctuation are the same answer. */
function normalise(value: string | null | undefined): string {
  return (value ?? '').replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/；/g, ';').replace(/：/g, ':').replace(/，/g, ',').replace(/。/g, '.');
}

export function hardCase(seed: number): { label: string; options: ScanOptions } {
  const dpi = [150, 200, 300][seed % 3]!;
  switch (seed % 10) {
    case 1: return { label: '横放 90°/270°', options: { dpi, angle: (seed % 20 < 10 ? 90 : 270) + ((seed * 7) % 5) - 2 } };
    case 3: return { label: '倒置', options: { dpi, angle: 180 + ((seed * 37) % 7) - 3 } };
    case 5: return { label: '复印件', options: { dpi, photocopy: true } };
    case 7: return { label: '印章压字', options: { dpi, sealOverText: true } };
    case 9: return { label: '倾斜 6–10°', options: { dpi, angle: (seed % 20 < 10 ? -1 : 1) * (6 + ((seed * 13) % 5)) } };
    default: return { label: '普通', options: { dpi } };
  }
}

/** The field groups the issue sets targets for. */
const GROUPS: readonly { name: string; target: number; fields: readonly string[] }[] = [
  { name: '代码与号码（统一社会信用代码、公民身份号码、号牌号码、许可证号）', target: 0.95, fields: ['统一社会信用代码', '公民身份号码', '号牌号码', '证号'] },
  { name: '日期与期限', target: 0.95, fields: ['成立日期', '营业期限', '注册日期', '发证日期', '有效期至', '有效期限', '有效期'] },
  { name: '名称与地址', target: 0.9, fields: ['名称', '企业名称', '法定代表人', '姓名', '注册单位', '住所', '注册地址'] },
];

interface Stat { n: number; exact: number; flagged: number; certainWrong: number }

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const first = Number(process.argv[3] ?? 1000);
  const stats = new Map<string, Stat>();
  const byCase = new Map<string, { n: number; exact: number }>();
  let seconds = 0;
  let load = 0;
  let kindRight = 0;
  for (let i = 0; i < count; i++) {
    const kind: ScanKind = SCAN_KINDS[i % SCAN_KINDS.length]!;
    const seed = first + Math.floor(i / SCAN_KINDS.length);
    const { label, options } = hardCase(seed);
    const scan = generateScan(kind, seed, options);
    const result = await recognizeScan(scan.jpeg, `${kind}-${seed}.jpg`);
    if (!result.ok) process.stderr.write(`${kind} ${seed}: ${result.error.message}\n`);
    if (result.ok) {
      seconds += result.value.seconds.recognition;
      load = Math.max(load, result.value.seconds.load);
      if (result.value.kind === kind) kindRight++;
    }
    // A scan taken for the wrong kind counts every field as missed.
    const fields = result.ok && result.value.kind === kind ? result.value.fields : [];
    const wrong: string[] = [];
    for (const { name: field } of KIND_SPECS[kind].fields) {
      const expected = scan.truth[field];
      if (expected === undefined) throw new Error(`the generator gives no ${field} for ${kind}`);
      const proposed = fields.find((f) => f.field === field);
      const key = `${kind}·${field}`;
      const s = stats.get(key) ?? { n: 0, exact: 0, flagged: 0, certainWrong: 0 };
      const c = byCase.get(label) ?? { n: 0, exact: 0 };
      s.n++; c.n++;
      const isExact = normalise(proposed?.value) === normalise(expected);
      if (isExact) { s.exact++; c.exact++; } else wrong.push(`${field}: “${proposed?.value ?? ''}”${proposed ? `[${proposed.status}]` : ''} ≠ “${expected}”`);
      if (proposed !== undefined && proposed.status !== 'ok') s.flagged++;
      if (!isExact && proposed?.status === 'ok') s.certainWrong++;
      stats.set(key, s);
      byCase.set(label, c);
    }
    process.stderr.write(`${i + 1}/${count} ${kind} seed ${seed} ${label} ${options.dpi ?? 200}dpi ${result.ok ? `${result.value.seconds.recognition.toFixed(1)}s` : 'refused'}${wrong.length ? `  ✗ ${wrong.join('；')}` : ''}\n`);
  }
  const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
  const groupLines = GROUPS.map((g) => {
    const total = [...stats.entries()].filter(([key]) => g.fields.includes(key.split('·')[1]!)).reduce((t, [, s]) => ({ n: t.n + s.n, exact: t.exact + s.exact, certainWrong: t.certainWrong + s.certainWrong }), { n: 0, exact: 0, certainWrong: 0 });
    return `| ${g.name} | ${total.n} | ${total.exact} | ${pct(total.exact, total.n)} | ≥ ${g.target * 100} % ${total.exact / Math.max(1, total.n) >= g.target ? '达标' : '未达标'} | ${total.certainWrong} |`;
  });
  const lines = [
    `扫描件 ${count} 份（五类证照各 ${Math.ceil(count / SCAN_KINDS.length)} 份左右；每类每 10 份中倒置、横放、复印件、印章压字、倾斜 6–10° 各 1 份），证件类型判断正确 ${kindRight}/${count}`,
    '',
    '| 字段组 | 字段数 | 完全一致 | 准确率 | 目标 | 错误却标为可采用 |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
    ...groupLines,
    '',
    '| 证件 | 字段 | 份数 | 完全一致 | 准确率 | 提示核对 | 错误却标为可采用 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...[...stats.entries()].map(([key, s]) => {
      const [kind, field] = key.split('·') as [ScanKind, string];
      return `| ${DOCUMENT_KIND_NAMES[kind]} | ${field} | ${s.n} | ${s.exact} | ${pct(s.exact, s.n)} | ${s.flagged} | ${s.certainWrong} |`;
    }),
    '',
    '| 情形 | 字段数 | 完全一致 | 准确率 |',
    '| --- | ---: | ---: | ---: |',
    ...[...byCase.entries()].map(([label, c]) => `| ${label} | ${c.n} | ${c.exact} | ${pct(c.exact, c.n)} |`),
    '',
    `平均识别用时 ${(seconds / Math.max(count, 1)).toFixed(2)} 秒/份（不含解码与加载模型；加载模型 ${load.toFixed(1)} 秒）`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
