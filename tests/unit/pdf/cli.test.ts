import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { loadBundledKnowledgeBase, loadFormTemplates } from '../../../electron/cli/commandInputs';
import { makeOfficialFormPdf, pdffonts, pdftotext, pharmacyWorkspacePackage, tempDir, removeTempDirs } from './pdfTestKit';

const dir = tempDir();
afterAll(removeTempDirs);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PHARMACY_ITEM = 'pharmacy-designation/designation-application';

describe('form templates and the knowledge base', () => {
  it('every usedFor names a material that exists in the bundled knowledge base', () => {
    const kb = loadBundledKnowledgeBase();
    if (!kb.ok) throw new Error(kb.error.message);
    const materials = new Set(kb.value.kb.documents.flatMap((d) => d.items.flatMap((i) => i.materials.map((m) => `${i.id}#${m.id}`))));
    const templates = loadFormTemplates();
    if (!templates.ok) throw new Error(templates.error.message);
    for (const template of templates.value.values()) {
      for (const usage of template.usedFor) expect(materials, `${template.id} → ${usage.material}`).toContain(usage.material);
    }
  });
});

describe('npm run cli -- packet', () => {
  beforeAll(async () => {
    writeFileSync(path.join(dir, 'workspace.zip'), await pharmacyWorkspacePackage(dir));
  });

  it('builds the pharmacy designation packet from a workspace package', async () => {
    const result = await run(['packet', 'workspace.zip', '--company', '康宁', '--application', PHARMACY_ITEM, '--out', 'packet.pdf', '--date', '2026-11-26']);
    expect(result.err).not.toContain('错误');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/已生成 packet\.pdf：共 \d+ 页/);
    expect(result.out).toContain('表单“定点零售药店申请表”待手工填写：医保信息系统情况');
    expect(result.err).toContain('正在加入 营业执照.jpg');
    const bytes = readFileSync(path.join(dir, 'packet.pdf'));
    const doc = await PDFDocument.load(bytes);
    const text = pdftotext(path.join(dir, 'packet.pdf')).replace(/\s+/g, '');
    expect(text).toContain('申请单位：北京康宁大药房连锁有限公司');
    expect(text).toContain('定点零售药店申请表');
    // The ID copy is watermarked.
    expect(pdftotext(path.join(dir, 'packet.pdf'), ['-raw'])).toContain('仅供申请医疗保障定点使用');
    expect(doc.getPageCount()).toBeGreaterThan(10);
    expect(pdffonts(path.join(dir, 'packet.pdf')).filter((f) => f.name.includes('NotoSansCJK')).every((f) => f.isEmbedded && f.isSubset)).toBe(true);
  });

  it('stops with the file named when a document is bad, and writes nothing', async () => {
    const { pharmacyDocuments, fixtureDocument } = await import('./pdfTestKit');
    const documents = [...(await pharmacyDocuments(dir)).slice(1), fixtureDocument('d-bad', '营业执照', '营业执照（正本）', '营业执照正本.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46]))];
    writeFileSync(path.join(dir, 'bad.zip'), await pharmacyWorkspacePackage(dir, documents));
    const result = await run(['packet', 'bad.zip', '--company', 'c-pharmacy', '--application', PHARMACY_ITEM, '--out', 'bad.pdf', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('“营业执照正本.pdf”');
    expect(existsSync(path.join(dir, 'bad.pdf'))).toBe(false);
    // The packet streams into a temporary file while it is built; a refused build leaves none behind.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const skipped = await run(['packet', 'bad.zip', '--company', 'c-pharmacy', '--application', PHARMACY_ITEM, '--out', 'skipped.pdf', '--quiet', '--skip-bad-files']);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('未能加入：文件“营业执照正本.pdf”');
  });

  it('explains usage and unknown applications in Chinese', async () => {
    const missing = await run(['packet', 'workspace.zip', '--company', '康宁']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少 --application');
    const unknown = await run(['packet', 'workspace.zip', '--company', '康宁', '--application', 'no/such-item', '--out', 'x.pdf']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('知识库中没有条目 no/such-item');
    expect(unknown.err).toContain(PHARMACY_ITEM);
  });
});

describe('npm run cli -- fill-form', () => {
  beforeAll(async () => {
    writeFileSync(path.join(dir, 'official.pdf'), await makeOfficialFormPdf());
    writeFileSync(path.join(dir, 'ws.zip'), await pharmacyWorkspacePackage(dir));
    writeFileSync(
      path.join(dir, 'mapping.json'),
      JSON.stringify({ fields: { 企业名称: 'company.name', 统一社会信用代码: 'company.uscc', 经营范围: 'company.businessScope', 所在区: 'company.district', 办理方式: { text: '告知承诺制' } } }),
    );
  });

  it('lists the fields of an official form', async () => {
    const result = await run(['fill-form', 'official.pdf', '--list']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('official.pdf：共 9 个字段');
    expect(result.out).toContain('办理方式  [单选]');
  });

  it('fills and flattens it from the workspace', async () => {
    const result = await run(['fill-form', 'official.pdf', 'ws.zip', '--company', '康宁', '--mapping', 'mapping.json', '--out', 'filled.pdf', '--flatten']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('填写 5 个字段，已固化');
    const text = pdftotext(path.join(dir, 'filled.pdf')).replace(/\s+/g, '');
    expect(text).toContain('北京康宁大药房连锁有限公司');
    expect(text).toContain('91110105MA01ABCD2X');
    expect((await PDFDocument.load(readFileSync(path.join(dir, 'filled.pdf')))).getForm().getFields()).toHaveLength(0);
  });

  it('refuses a mapping to facts that do not exist', async () => {
    writeFileSync(path.join(dir, 'bad-mapping.json'), JSON.stringify({ fields: { 企业名称: 'company.nickname' } }));
    const result = await run(['fill-form', 'official.pdf', 'ws.zip', '--company', '康宁', '--mapping', 'bad-mapping.json', '--out', 'x.pdf']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('企业名称 → company.nickname');
  });
});
