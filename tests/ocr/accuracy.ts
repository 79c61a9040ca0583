import { DOCUMENT_KIND_NAMES } from '../../shared/ocr/fields';
import { recognizeScan } from '../../electron/ocr/recognizeScan';
import { generateScan, type ScanKind, type ScanOptions } from './scanGenerator';

/*
 * Field-level accuracy of scan recognition over seeded fictional scans (issue 18 "How it is
 * checked"): `npx tsx tests/ocr/accuracy.ts [count] [first seed]`. Every tenth scan of each kind
 * is upside down, one a photocopy, one has a seal over the address, one is turned 6–10°; the rest
 * lean up to 2°; 150, 200 or 300 dpi; JPEG quality 70. Prints a per-field table: exact matches,
 * and how many wrong values were nevertheless proposed as certain (that must stay 0).
 */

/** Full- and half-width punctuation are the same answer. */
function normalise(value: string | null | undefined): string {
  return (value ?? '').replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/；/g, ';').replace(/：/g, ':').replace(/，/g, ',').replace(/。/g, '.');
}

export function hardCase(seed: number): { label: string; options: ScanOptions } {
  const dpi = [150, 200, 300][seed % 3]!;
  switch (seed % 10) {
    case 3: return { label: '倒置', options: { dpi, angle: 180 + ((seed * 37) % 7) - 3 } };
    case 5: return { label: '复印件', options: { dpi, photocopy: true } };
    case 7: return { label: '印章压字', options: { dpi, sealOverText: true } };
    case 9: return { label: '倾斜 6–10°', options: { dpi, angle: (seed % 20 < 10 ? -1 : 1) * (6 + ((seed * 13) % 5)) } };
    default: return { label: '普通', options: { dpi } };
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const first = Number(process.argv[3] ?? 1000);
  const stats = new Map<string, { n: number; exact: number; certainWrong: number; flagged: number }>();
  const byCase = new Map<string, { n: number; exact: number }>();
  let seconds = 0;
  let load = 0;
  let kindRight = 0;
  for (let i = 0; i < count; i++) {
    const kind: ScanKind = i % 2 === 0 ? '营业执照' : '行驶证';
    const seed = first + Math.floor(i / 2);
    const { label, options } = hardCase(seed);
    const scan = generateScan(kind, seed, options);
    const result = await recognizeScan(scan.jpeg, `${kind}-${seed}.jpg`);
    if (!result.ok) { process.stderr.write(`${kind} ${seed}: ${result.error.message}\n`); }
    if (result.ok) {
      seconds += result.value.seconds.recognition;
      load = Math.max(load, result.value.seconds.load);
      if (result.value.kind === kind) kindRight++;
    }
    const fields = result.ok && result.value.kind === kind ? result.value.fields : [];
    const wrong: string[] = [];
    for (const [field, expected] of Object.entries(scan.truth)) {
      const spec = fields.find((f) => f.field === field);
      if (result.ok && result.value.kind === kind && spec === undefined) continue; // not a field the kind proposes
      if (!result.ok && !['名称', '统一社会信用代码', '类型', '法定代表人', '注册资本', '成立日期', '营业期限', '住所', '经营范围', '号牌号码', '车辆类型', '使用性质', '品牌型号', '注册日期', '发证日期', '核定载人数'].includes(field)) continue;
      const key = `${kind}·${field}`;
      const s = stats.get(key) ?? { n: 0, exact: 0, certainWrong: 0, flagged: 0 };
      const c = byCase.get(label) ?? { n: 0, exact: 0 };
      s.n++; c.n++;
      const isExact = normalise(spec?.value) === normalise(expected);
      if (isExact) { s.exact++; c.exact++; } else wrong.push(`${field}: “${spec?.value ?? ''}” ≠ “${expected}”`);
      if (spec !== undefined && spec.status !== 'ok') s.flagged++;
      if (!isExact && spec?.status === 'ok') s.certainWrong++;
      stats.set(key, s);
      byCase.set(label, c);
    }
    process.stderr.write(`${i + 1}/${count} ${kind} seed ${seed} ${label} ${options.dpi ?? 200}dpi ${result.ok ? `${result.value.seconds.recognition.toFixed(1)}s` : 'refused'}${wrong.length ? `  ✗ ${wrong.join('；')}` : ''}\n`);
  }
  const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
  const lines = [
    `扫描件 ${count} 份（营业执照、机动车行驶证各半；每 10 份中倒置、复印件、印章压字、倾斜 6–10° 各 1 份），证件类型判断正确 ${kindRight}/${count}`,
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

await main();
