import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyRecordSchema } from '../../../shared/workspace/workspaceFile';
import { collectFormFacts, formatChineseDate } from '../../../shared/pdf/formFacts';
import { formTemplateManifestSchema, inspectTemplate, parseFormTemplate } from '../../../shared/pdf/formTemplates';
import { renderForm } from '../../../shared/pdf/renderForm';
import { FORMS_DIR, inkCoverage, loadTemplate, pdffonts, pdfinfoPages, pdftotext, pharmacyRecord, tempDir, testSubsetter, TODAY, writeTemp, removeTempDirs } from './pdfTestKit';

/** pdftotext breaks lines inside wrapped values and drops thin spaces: compare without whitespace. */
const squash = (text: string): string => text.replace(/\s+/g, '');

const manifest = formTemplateManifestSchema.parse(JSON.parse(readFileSync(path.join(FORMS_DIR, 'manifest.json'), 'utf8')));
const dir = tempDir();
afterAll(removeTempDirs);

/** Words with their boxes, from poppler (pdftotext -bbox). */
function wordBoxes(file: string): Array<{ word: string; xMin: number; xMax: number; yMin: number; yMax: number }> {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5] ?? '',
  }));
}

describe('form templates in resources/forms', () => {
  it('lists seven templates, each valid and consistent (facts, spans, blanks, ids)', () => {
    expect(manifest.templates.map((t) => t.id)).toEqual([
      'pharmacy-designation-application',
      'labor-dispatch-licence-application',
      'power-of-attorney',
      'labor-dispatch-commitment',
      'car-rental-filing-application',
      'green-tech-commitment-letter',
      'broadcasting-commitment',
    ]);
    for (const entry of manifest.templates) {
      const template = loadTemplate(entry.id);
      expect(template.title).toBe(entry.title);
      expect(`${entry.id}.json`).toBe(entry.file);
    }
  });

  it('quotes the compilation where it cites it', () => {
    const source = readFileSync(path.resolve(FORMS_DIR, '../policies/source.txt'), 'utf8').split('\n');
    const squash = (t: string): string => t.replace(/[\s()（）]/g, '');
    for (const entry of manifest.templates) {
      const { citation } = loadTemplate(entry.id).source;
      const span = squash(source.slice(citation.lines.start - 1, citation.lines.end).join(''));
      // Each quoted sentence (split at ……) appears in the cited lines.
      for (const piece of citation.quote.split('……')) expect(span, `${entry.id}: ${piece}`).toContain(squash(piece));
    }
  });

  it('rejects a template with an unknown fact, a bad span or an undeclared blank', () => {
    const base = JSON.parse(readFileSync(path.join(FORMS_DIR, 'power-of-attorney.json'), 'utf8')) as { blocks: unknown[] };
    const broken = {
      ...base,
      blocks: [
        { kind: 'grid', columns: [1, 1], rows: [[{ kind: 'field', id: 'x', label: '某项', fact: 'company.nickname' }]] },
        { kind: 'paragraph', text: '兹委托{{nobody}}' },
      ],
    };
    const parsed = parseFormTemplate(broken, '测试模板');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toContain('未知的企业信息项 company.nickname');
    expect(parsed.error.message).toContain('单元格跨度合计 1，应为 2');
    expect(parsed.error.message).toContain('{{nobody}} 没有对应字段');
  });
});

describe('inspectTemplate', () => {
  it('fills from facts, lets the user override, and reports what is still empty', () => {
    const template = loadTemplate('pharmacy-designation-application');
    const facts = collectFormFacts(pharmacyRecord(), { today: TODAY });
    const before = inspectTemplate(template, facts);
    expect(before.fields.find((f) => f.id === 'uscc')).toMatchObject({ value: '91110105MA01ABCD2X', source: 'fact', isFilled: true });
    expect(before.fields.find((f) => f.id === 'signDate')?.value).toBe(formatChineseDate(TODAY));
    expect(before.unfilled.map((f) => f.id)).toEqual(['informationSystem']);
    const after = inspectTemplate(template, facts, { informationSystem: '康宁药店管理系统 v3，已与医保信息平台对接', uscc: '' });
    expect(after.fields.find((f) => f.id === 'informationSystem')).toMatchObject({ source: 'user', isFilled: true });
    // Clearing a filled field makes it unfilled again.
    expect(after.unfilled.map((f) => f.id)).toEqual(['uscc']);
  });

  it('ticks a choice only for one of its options', () => {
    const template = loadTemplate('car-rental-filing-application');
    const facts = collectFormFacts(pharmacyRecord(), { today: TODAY });
    const state = inspectTemplate(template, facts, { filingKind: '开业备案', timeShare: '也许' }).fields;
    expect(state.find((f) => f.id === 'filingKind')).toMatchObject({ value: '开业备案', isFilled: true });
    expect(state.find((f) => f.id === 'timeShare')).toMatchObject({ value: '', isFilled: false });
  });
});

describe('renderForm', () => {
  const facts = collectFormFacts(pharmacyRecord(), { today: TODAY, applicationTitle: '申请医疗保障定点', authority: '北京市朝阳区医疗保障局' });
  const rendered = new Map<string, { file: string; pageCount: number; bytes: number }>();

  beforeAll(async () => {
    const subsetter = await testSubsetter();
    for (const entry of manifest.templates) {
      const result = await renderForm({ template: loadTemplate(entry.id), facts, subsetter });
      rendered.set(entry.id, { file: writeTemp(dir, `${entry.id}.pdf`, result.bytes), pageCount: result.pageCount, bytes: result.bytes.byteLength });
    }
  });

  it('renders every template as a one-page A4 PDF under 300 KB with an embedded, subset, extractable font', () => {
    for (const [id, r] of rendered) {
      expect(pdfinfoPages(r.file), id).toBe(1);
      expect(r.pageCount, id).toBe(1);
      expect(r.bytes, id).toBeLessThan(300 * 1024);
      const fonts = pdffonts(r.file);
      expect(fonts.length, id).toBe(1);
      expect(fonts[0], id).toMatchObject({ isEmbedded: true, isSubset: true, hasToUnicode: true });
      expect(inkCoverage(r.file, dir)[0], id).toBeGreaterThan(0.01);
    }
  });

  it('prints the company facts, which pdftotext gives back in Chinese with unspaced digits', () => {
    const text = squash(pdftotext(rendered.get('pharmacy-designation-application')?.file ?? ''));
    for (const value of ['定点零售药店申请表', '北京康宁大药房连锁有限公司', '康宁大药房望京店', '91110105MA01ABCD2X', '京AA1050123', '2029年5月19日', '010-64781234', '张敏', 'ZY11012345678', '欧阳慧琳', '2023年6月1日起，无固定期限', '110102199105053014', formatChineseDate(TODAY)]) {
      expect(text).toContain(value);
    }
    // Digits are not spaced out: the code is one word with its real advances.
    const words = wordBoxes(rendered.get('pharmacy-designation-application')?.file ?? '');
    const code = words.find((w) => w.word === '91110105MA01ABCD2X');
    expect(code).toBeDefined();
    expect((code?.xMax ?? 0) - (code?.xMin ?? 0)).toBeLessThan(18 * 10.5 * 0.65);
    const power = squash(pdftotext(rendered.get('power-of-attorney')?.file ?? ''));
    expect(power).toContain('北京市朝阳区医疗保障局');
    expect(power).toContain('代为办理申请医疗保障定点事宜');
  });

  it('wraps long values inside their boxes', async () => {
    const record = pharmacyRecord();
    const long = companyRecordSchema.parse({
      ...record,
      company: { ...record.company, registeredAddress: `北京市朝阳区望京街道阜通东大街6号院3号楼1层101室（${'住所托管于北京某某商务秘书有限公司，'.repeat(4)}）` },
    });
    const result = await renderForm({
      template: loadTemplate('labor-dispatch-licence-application'),
      facts: collectFormFacts(long, { today: TODAY }),
      subsetter: await testSubsetter(),
    });
    const file = writeTemp(dir, 'long.pdf', result.bytes);
    expect(result.overflowing).toEqual([]);
    const words = wordBoxes(file);
    // The address box spans from the label column's right edge to the right margin (539.28 pt).
    const addressLines = new Set(words.filter((w) => /托管|商务秘书|有限公司，/.test(w.word)).map((w) => Math.round(w.yMin)));
    expect(addressLines.size).toBeGreaterThanOrEqual(3);
    expect(squash(pdftotext(file))).toContain(squash(`住所托管于北京某某商务秘书有限公司，`.repeat(4)));
    for (const w of words) expect(w.xMax).toBeLessThanOrEqual(539.28 + 0.5);
    // Lines of one value do not start with closing punctuation.
    for (const w of words) expect(w.word).not.toMatch(/^[，。、；：？！）】」]/);
  });

  it('highlights the fields still to fill in the preview, with a hint', async () => {
    const result = await renderForm({
      template: loadTemplate('green-tech-commitment-letter'),
      facts,
      subsetter: await testSubsetter(),
      options: { highlightUnfilled: true },
    });
    expect(result.unfilled.map((f) => f.id)).toEqual(['projectName', 'investment', 'subsidy', 'fundingSource']);
    const file = writeTemp(dir, 'highlight.pdf', result.bytes);
    const plain = await renderForm({ template: loadTemplate('green-tech-commitment-letter'), facts, subsetter: await testSubsetter() });
    // Yellow boxes add ink in the preview; the blanks are underlines in both.
    expect(inkCoverage(file, dir)[0]).toBeGreaterThan(inkCoverage(writeTemp(dir, 'plain.pdf', plain.bytes), dir)[0] ?? 1);
    expect(squash(pdftotext(file))).toContain('北京康宁大药房连锁有限公司（统一社会信用代码：91110105MA01ABCD2X）');
  });

  it('continues a long vehicle table on the next page with its header, and stamps page numbers', async () => {
    const record = pharmacyRecord();
    const vehicles = Array.from({ length: 45 }, (_, i) => ({
      id: `v${i}`,
      companyId: record.company.id,
      plate: `京A${String(10000 + i)}`,
      usageNature: '租赁',
      model: '比亚迪秦PLUS DM-i',
      vin: `LGXC74C4XM${String(1000000 + i)}`,
      registeredOn: '2022-03-15',
      seats: 5,
      filingStatus: '已备案',
    }));
    const fleet = companyRecordSchema.parse({ ...record, vehicles });
    const result = await renderForm({ template: loadTemplate('car-rental-filing-application'), facts: collectFormFacts(fleet, { today: TODAY }), subsetter: await testSubsetter() });
    expect(result.pageCount).toBeGreaterThan(1);
    const file = writeTemp(dir, 'fleet.pdf', result.bytes);
    const pages = Array.from({ length: result.pageCount }, (_, i) => pdftotext(file, ['-f', String(i + 1), '-l', String(i + 1)]));
    expect(pages[1]).toContain('租赁车辆（续）');
    expect(pages[1]).toContain('号牌号码');
    expect(squash(pages[0] ?? '')).toContain(`第1页共${result.pageCount}页`);
    for (let i = 0; i < 45; i++) expect(pages.join('')).toContain(`京A${String(10000 + i)}`);
  });
});
