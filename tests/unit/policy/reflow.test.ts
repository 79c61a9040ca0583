import { describe, expect, it } from 'vitest';
import { normalizeForQuote, SourceIndex } from '../../../shared/policy/loadKnowledgeBase';
import type { Citation, PolicyDocument } from '../../../shared/policy/knowledgeBase';
import { locateCitation, markerOf, paragraphsAtLines, reflowLines, spanLines, type OutlineEntry, type ReflowedDocument } from '../../../shared/policy/reflow';
import { loadDocument, MANIFEST_TEXT, SOURCE_TEXT } from './policyTestKit';

const LINES = new SourceIndex(SOURCE_TEXT).lines;

function reflowOf(doc: PolicyDocument): ReflowedDocument {
  return reflowLines(LINES, doc.lines, { title: doc.title });
}

function paragraphStarting(r: ReflowedDocument, prefix: string) {
  const found = r.paragraphs.find((p) => p.text.startsWith(prefix));
  if (found === undefined) throw new Error(`no paragraph starts with ${prefix}`);
  return found;
}

const labels = (entries: readonly OutlineEntry[]) => entries.map((e) => e.label);

/** The citation's quote as the reflowed text shows it: the spans' text joined, spaces removed. */
function spanText(r: ReflowedDocument, citation: Pick<Citation, 'lines' | 'quote'>): string {
  return locateCitation(r, citation).map((s) => r.paragraphs[s.paragraph]?.text.slice(s.from, s.to) ?? '').join('').replace(/\s+/g, '');
}

function citationsOf(doc: PolicyDocument): Citation[] {
  return doc.items.flatMap((item) => [item.citation, ...item.deadlines.map((d) => d.citation), ...item.materials.map((m) => m.citation)]);
}

describe('reflow: a regulation in 章 and 条 (北京市单用途预付卡管理条例)', () => {
  const doc = loadDocument('prepaid-card-regulation');
  const r = reflowOf(doc);

  it('joins an article printed on three lines into one paragraph that keeps its source lines', () => {
    const first = paragraphStarting(r, '第一条');
    expect(first.text).toBe('第一条 为了加强单用途预付卡管理，保护消费者的合法权益，规范市场秩序，防范社会风险，根据《中华人民共和国消费者权益保护法》等法律、行政法规，结合本市实际情况，制定本条例。');
    expect(first.lines).toEqual({ start: 1910, end: 1914 });
    // "规范市场" / "秩序": the word the PDF broke is whole again, and its characters still point at their lines.
    const at = first.text.indexOf('市场秩序');
    expect([first.lineOf[at + 1], first.lineOf[at + 2]]).toEqual([1910, 1912]);
    expect(LINES[1911]?.slice(first.columnOf[at + 2] ?? 0, (first.columnOf[at + 2] ?? 0) + 2)).toBe('秩序');
  });

  it('starts a new paragraph for the second paragraph of an article, and for each listed case', () => {
    expect(paragraphStarting(r, '本条例所称单用途预付卡').lines.start).toBe(1920);
    expect(paragraphStarting(r, '第二条').text.endsWith('适用本条例。')).toBe(true);
    const cases = r.paragraphs.filter((p) => p.lines.start >= 1989 && p.lines.end <= 1996);
    expect(cases.map((p) => p.text.slice(0, 3))).toEqual(['(一)', '(二)', '(三)', '(四)', '(五)']);
  });

  it('outlines five chapters with their 35 articles', () => {
    expect(r.paragraphs[0]).toMatchObject({ kind: 'title', text: '北京市单用途预付卡管理条例' });
    expect(labels(r.outline)).toEqual(['第一章 总则', '第二章 发行与兑付', '第三章 监督管理', '第四章 法律责任', '第五章 附则']);
    expect(r.outline.flatMap((c) => c.children).length).toBe(35);
    expect(labels(r.outline[1]?.children ?? []).slice(0, 2)).toEqual(['第十条 经营者发行预付卡的', '第十一条 经营者有下列情形之一的']);
    // Lists inside articles are content, not structure.
    expect(r.outline.flatMap((c) => c.children).every((a) => a.children.length === 0)).toBe(true);
  });

  it('maps the citation of 第十六条 to the exact sentence', () => {
    const item = doc.items.find((i) => i.citation.ref === '第十六条');
    expect(item).toBeDefined();
    const citation = item?.citation ?? { lines: { start: 0, end: 0 }, quote: '', ref: '' };
    const spans = locateCitation(r, citation);
    expect(spans.length).toBe(1);
    const span = spans[0] ?? { paragraph: -1, from: 0, to: 0 };
    expect(r.paragraphs[span.paragraph]?.text.startsWith('第十六条')).toBe(true);
    expect(spanText(r, citation)).toBe(normalizeForQuote(citation.quote));
    const lines = spanLines(r, span);
    expect(lines.start).toBeGreaterThanOrEqual(citation.lines.start);
    expect(lines.end).toBeLessThanOrEqual(citation.lines.end);
  });
});

describe('reflow: an opinion in 一、（一）1.(1) (小微型客车租赁实施意见)', () => {
  const doc = loadDocument('car-rental-opinions');
  const r = reflowOf(doc);

  it('reads the title printed on two lines as one', () => {
    expect(r.paragraphs[0]).toMatchObject({ kind: 'title', text: '北京市贯彻《小微型客车租赁经营服务管理办法》的实施意见', lines: { start: 2233, end: 2235 } });
  });

  it('outlines 一、 > （一） > 1. and leaves (1) in the text', () => {
    expect(labels(r.outline)).toEqual(['一、指导思想', '二、工作目标', '三、工作内容', '四、保障措施']);
    const content = r.outline[2];
    expect(content?.children.length).toBe(14);
    const filing = content?.children.find((c) => c.label === '(三)规范企业备案工作');
    expect(labels(filing?.children ?? [])).toEqual(['1.开业备案', '2.分时租赁备案', '3.备案变更', '4.备案届满延续', '5.备案企业退出']);
    expect(paragraphStarting(r, '(一)明确行业定义').kind).toBe('heading');
  });

  it('removes the spaces the extraction put around digits', () => {
    expect(paragraphStarting(r, '1.开业备案').text).toContain('开展经营活动后60日内');
  });

  it('maps a citation of 三、（三）3. across its two sentences, cited lines kept', () => {
    const citation = doc.items.map((i) => i.citation).find((c) => c.ref === '三、（三）3.');
    expect(citation).toBeDefined();
    if (citation === undefined) return;
    expect(spanText(r, citation)).toBe(normalizeForQuote(citation.quote));
    const [span] = locateCitation(r, citation);
    expect(span && r.paragraphs[span.paragraph]?.text.startsWith('3.备案变更')).toBe(true);
    expect(paragraphsAtLines(r, citation.lines.start, citation.lines.end)).toEqual([span?.paragraph]);
  });
});

describe('reflow: measures in 一、 and 1. (高端仪器装备和传感器), and a page number in 数字贸易', () => {
  it('outlines five parts holding the thirteen measures', () => {
    const r = reflowOf(loadDocument('instruments-sensors-measures'));
    expect(r.outline.length).toBe(5);
    expect(r.outline.flatMap((p) => labels(p.children))).toEqual([
      '1.支持关键共性技术研发', '2.支持创新平台建设', '3.支持国家重点实验室建设', '4.支持成果转化', '5.支持示范应用', '6.支持孵化器建设',
      '7.支持企业投融资', '8.支持企业降低成本', '9.支持企业扩大规模', '10.支持人才引进', '11.提供人才住房保障', '12.支持专业服务机构落户', '13.支持设立服务机构',
    ]);
    // The preamble ends with "现制定以下措施：" and is one paragraph of four printed lines and a page start.
    expect(r.paragraphs[1]?.text.endsWith('现制定以下措施：')).toBe(true);
    expect(r.paragraphs[1]?.text).toContain('(京政发〔2021〕21号)');
  });

  it('drops the page number line and joins the word it cut', () => {
    const r = reflowOf(loadDocument('digital-trade-measures'));
    expect(LINES[2605]?.trim()).toBe('59');
    expect(r.droppedLines).toContain(2606);
    const p = paragraphStarting(r, '4.强化信息基础设施建设和安全保护');
    expect(p.text).toContain('各类数字贸易园区等特定区域');
    expect(p.text).not.toContain('59');
    expect(p.lines.start).toBeLessThan(2606);
    expect(p.lines.end).toBeGreaterThan(2606);
  });
});

describe('reflow: every citation of the bundled knowledge base', () => {
  const ids = (JSON.parse(MANIFEST_TEXT) as { documents: Array<{ id: string }> }).documents.map((d) => d.id);

  it.each(ids)('%s: each quote is found whole in the paragraphs of its lines', (id) => {
    const doc = loadDocument(id);
    const r = reflowOf(doc);
    // Every printed line of the document is in exactly one paragraph or dropped as a page number.
    const covered = new Set(r.droppedLines);
    for (const p of r.paragraphs) for (const line of p.lineOf) covered.add(line);
    for (let line = doc.lines.start; line <= doc.lines.end; line++) {
      if ((LINES[line - 1] ?? '').trim() !== '') expect(covered.has(line), `line ${line}`).toBe(true);
    }
    for (const citation of citationsOf(doc)) {
      expect(spanText(r, citation), `${citation.ref} ${citation.quote.slice(0, 20)}`).toBe(normalizeForQuote(citation.quote));
      for (const span of locateCitation(r, citation)) {
        const lines = spanLines(r, span);
        expect(lines.start >= citation.lines.start && lines.end <= citation.lines.end, `${citation.ref} at ${lines.start}–${lines.end}`).toBe(true);
      }
    }
  });

  it('finds nothing for a quote that is not in the document', () => {
    const r = reflowOf(loadDocument('prepaid-card-regulation'));
    expect(locateCitation(r, { lines: { start: 1981, end: 1983 }, quote: '经营者可以自行决定是否备案' })).toEqual([]);
  });
});

describe('markerOf', () => {
  it.each([
    ['第十二条 消费者享有下列权利', 'article'], ['第一章 总 则', 'chapter'], ['一、主要目标', 'cnList'], ['（一）明确', 'cnParenList'],
    ['(十四)做好执法监管', 'cnParenList'], ['1.开业备案', 'numberList'], ['(2)已备案', 'numberParenList'],
  ])('%s is a %s', (text, kind) => {
    expect(markerOf(text)?.kind).toBe(kind);
  });
  it.each(['第十二条规定的', '1.5 亿元以上', '2021 年'])('%s starts no paragraph', (text) => {
    expect(markerOf(text)).toBeNull();
  });
});
