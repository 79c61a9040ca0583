import { describe, expect, it } from 'vitest';
import type { KnowledgeBase, PolicyDocument, PolicyItem } from '../../../shared/policy/knowledgeBase';
import {
  SourceIndex, assembleKnowledgeBase, chooseKnowledgeBase, compareDataVersions, normalizeForQuote, validateKnowledgeBase,
} from '../../../shared/policy/loadKnowledgeBase';
import { SOURCE_TEXT, knowledgeBaseOf, loadDocument, readPolicyFile } from './policyTestKit';

const pharmacy = loadDocument('pharmacy-designation');
const carRental = loadDocument('car-rental-opinions');
const energy = loadDocument('energy-saving-plan');
const base = knowledgeBaseOf([energy, carRental, pharmacy]);

function problemsOf(kb: KnowledgeBase): string[] {
  const result = validateKnowledgeBase(kb, SOURCE_TEXT);
  return result.ok ? [] : (result.error.details as string[]);
}

/** The knowledge base with the pharmacy document changed by `edit` (a deep copy). */
function withPharmacy(edit: (doc: PolicyDocument) => void): KnowledgeBase {
  const copy = structuredClone(pharmacy);
  edit(copy);
  return knowledgeBaseOf([energy, carRental, copy]);
}
const firstItem = (doc: PolicyDocument): PolicyItem => doc.items[0]!;

describe('SourceIndex', () => {
  const index = new SourceIndex(SOURCE_TEXT);
  it('numbers the compilation as `wc -l` does', () => {
    expect(index.lineCount).toBe(6455);
    expect(index.lines[4666]).toBe('北京市零售药店医疗保障定点管理暂行办法');
  });

  it('finds a quote across a PDF line break and a lone page number', () => {
    expect(index.containsQuote('立足数字贸易试验区、各类数字贸易园区等特定区域', 2602, 2606 + 2)).toBe(true);
    expect(index.containsQuote('立足数字贸易试验区、各类数字贸易园区等特定区域', 2602, 2604)).toBe(false);
  });

  it('normalises whitespace and page numbers the same way for quotes', () => {
    expect(normalizeForQuote('在注册地址正式经营至少 3 个月；\n 59\n下一行')).toBe('在注册地址正式经营至少3个月；下一行');
  });
});

describe('validateKnowledgeBase', () => {
  it('accepts the three deep documents', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it.each<[string, (doc: PolicyDocument) => void, string]>([
    ['a quote that is not in the text', (d) => { firstItem(d).citation.quote = '零售药店可自行确定定点'; }, '引文在原文第'],
    ['a quote cited at the wrong lines', (d) => { firstItem(d).citation.lines = { start: 4800, end: 4802 }; }, '引文在原文第 4800–4802 行中找不到'],
    ['a citation outside the document', (d) => { firstItem(d).citation.lines = { start: 100, end: 101 }; }, '超出文书范围'],
    ['an unknown fact', (d) => {
      firstItem(d).requirements = { op: 'fact', id: 'x', label: '某条件', fact: 'pharmacy.unknownFact', comparator: 'isTrue' };
    }, '不在事实登记表中'],
    ['an answer fact without its question', (d) => {
      firstItem(d).requirements = { op: 'fact', id: 'x', label: '某条件', fact: 'answer.pharmacy.notAsked', comparator: 'isTrue' };
    }, '条目没有该问题'],
    ['a comparator without a value', (d) => {
      firstItem(d).requirements = { op: 'fact', id: 'x', label: '某条件', fact: 'company.employeeCount', comparator: 'gte' };
    }, '需要数值或日期'],
    ['an item id outside its document', (d) => { firstItem(d).id = 'other-doc/application'; }, '应以文书编号'],
    ['a duplicate item id', (d) => { d.items[1]!.id = firstItem(d).id; }, '条目编号重复'],
    ['a relative deadline without a period', (d) => { firstItem(d).deadlines[0]!.offset = null; }, '需要期间'],
    ['an unstated date without a note', (d) => {
      const rule = d.items.find((i) => i.id.endsWith('/sales-data-upload'))!.deadlines[0]!;
      rule.note = '';
    }, 'note 须引用原文'],
    ['a date trigger naming a non-date fact', (d) => {
      const rule = d.items.find((i) => i.id.endsWith('/agreement-renewal'))!.deadlines[0]!;
      rule.trigger = { kind: 'factDate', fact: 'company.employeeCount', label: 'x' };
    }, '不是日期'],
    ['items in a government-only document', (d) => { d.isGovernmentOnly = true; }, '不应有面向企业的条目'],
    ['a wrong title', (d) => { d.title = '北京市零售药店管理办法'; }, '不在其起始行附近'],
    ['one question key with two shapes', (d) => {
      d.items[1]!.questions = [{ key: 'answer.pharmacy.hasSettlementRules', text: '结算制度', type: 'text' }];
    }, '类型或选项与条目'],
    ['an example naming an unknown fact', (d) => { firstItem(d).examples[0]!.facts['company.colour'] = 'red'; }, '示例'],
  ])('refuses %s', (_label, edit, message) => {
    expect(problemsOf(withPharmacy(edit)).join('\n')).toContain(message);
  });

  it('refuses overlapping documents and a wrong line count', () => {
    const overlapping = structuredClone(carRental);
    overlapping.lines = { start: 1800, end: 2538 };
    expect(problemsOf(knowledgeBaseOf([energy, overlapping])).join('\n')).toContain('重叠');
    expect(problemsOf({ ...base, source: { ...base.source, lineCount: 6000 } }).join('\n')).toContain('原文行数不符');
  });
});

describe('assembleKnowledgeBase', () => {
  const manifest = (ids: string[]) => JSON.stringify({
    format: 'compliance-workbench/knowledge-base', schemaVersion: 1, dataVersion: '2026.11.26-1',
    source: { file: 'source.txt', title: '汇编', lineCount: 6455 }, documents: ids.map((id) => ({ id, file: `documents/${id}.json` })),
  });

  it('assembles documents in manifest order and validates them', () => {
    const result = assembleKnowledgeBase(manifest(['energy-saving-plan', 'car-rental-opinions', 'pharmacy-designation']), readPolicyFile, SOURCE_TEXT);
    expect(result.ok && result.value.documents.map((d) => d.id)).toEqual(['energy-saving-plan', 'car-rental-opinions', 'pharmacy-designation']);
  });

  it('names a missing document file', () => {
    const result = assembleKnowledgeBase(manifest(['energy-saving-plan', 'no-such-document']), readPolicyFile, SOURCE_TEXT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('文书 no-such-document：缺少文件 documents/no-such-document.json');
  });

  it('reports a broken file, a schema error and an id mismatch with the file name', () => {
    const files: Record<string, string> = {
      'documents/a.json': '{ not json',
      'documents/b.json': JSON.stringify({ ...energy, domain: '体育' }),
      'documents/c.json': JSON.stringify(energy),
    };
    const result = assembleKnowledgeBase(manifest(['a', 'b', 'c']), (f) => files[f], SOURCE_TEXT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('文书 a：documents/a.json 不是有效的 JSON');
    expect(result.error.message).toContain('文书 b（documents/b.json） 领域');
    expect(result.error.message).toContain('id 是“energy-saving-plan”，与清单不一致');
  });

  it('refuses a malformed manifest', () => {
    expect(assembleKnowledgeBase('[]', readPolicyFile, SOURCE_TEXT)).toMatchObject({ ok: false, error: { code: 'kb.manifestInvalid' } });
    expect(assembleKnowledgeBase('{', readPolicyFile, SOURCE_TEXT)).toMatchObject({ ok: false, error: { code: 'kb.manifestNotJson' } });
  });
});

describe('chooseKnowledgeBase', () => {
  const bundled = { kb: base, sourceText: SOURCE_TEXT };
  const pack = (changes: Partial<KnowledgeBase> & { sourceText?: string }) => JSON.stringify({ ...base, ...changes });

  it('uses the bundled base when there is no pack', () => {
    expect(chooseKnowledgeBase(bundled, null)).toMatchObject({ origin: 'bundled', message: null });
  });

  it('uses a valid newer pack', () => {
    const choice = chooseKnowledgeBase(bundled, pack({ dataVersion: '2026.12.01-1' }));
    expect(choice.origin).toBe('override');
    expect(choice.kb.dataVersion).toBe('2026.12.01-1');
    expect(choice.message).toContain('已使用更新的政策数据包');
  });

  it('uses a newer pack that brings its own compilation text', () => {
    const amended = SOURCE_TEXT.replace('希望为企业了解和享受政策', '以期为企业了解和享受政策');
    expect(amended).not.toBe(SOURCE_TEXT);
    const choice = chooseKnowledgeBase(bundled, pack({ dataVersion: '2026.11.26-2', sourceText: amended }));
    expect(choice.origin).toBe('override');
    expect(choice.sourceText).toBe(amended);
  });

  it.each([
    ['an older pack', pack({ dataVersion: '2026.10.01-3' }), '不比内置版本'],
    ['the same version', pack({}), '不比内置版本'],
    ['not JSON', '{"format":', '政策数据包无效'],
    ['another format', JSON.stringify({ format: 'x' }), '不是企业合规工作台的政策数据包'],
    ['a newer schema version', JSON.stringify({ ...base, schemaVersion: 2, dataVersion: '2027.01.01-1' }), '请先升级应用'],
    ['a pack failing the schema', JSON.stringify({ ...base, dataVersion: '2027.01.01-1', documents: [{ id: 'x' }] }), '格式有误'],
    ['a pack whose quotes are not in the text', pack({ dataVersion: '2027.01.01-1', sourceText: '另一份文本\n' }), '校验未通过'],
  ])('keeps the bundled base and says why for %s', (_label, text, message) => {
    const choice = chooseKnowledgeBase(bundled, text);
    expect(choice.origin).toBe('bundled');
    expect(choice.kb).toBe(base);
    expect(choice.message).toContain(message);
  });

  it.each([
    ['2026.11.26-1', '2026.11.26-2', -1],
    ['2026.11.26-10', '2026.11.26-9', 1],
    ['2026.12.01-1', '2026.11.30-5', 1],
    ['2026.11.26-1', '2026.11.26-1', 0],
  ])('compareDataVersions(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareDataVersions(a, b))).toBe(sign);
  });
});
