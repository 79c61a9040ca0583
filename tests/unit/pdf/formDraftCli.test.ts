import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { buildWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { buildWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { makeOfficialFormPdf, pdftotext, pharmacyDocuments, pharmacyRecord, removeTempDirs, tempDir } from './pdfTestKit';

/*
 * Issue 17: the form draft the officer typed on the 表单 tab travels in the workspace and fills
 * the packet and an official fillable PDF from the command line, as it does in the app; a
 * document out of its 有效期 goes in behind a note page, or stops the build when asked.
 */

const dir = tempDir();
afterAll(removeTempDirs);

const PHARMACY_ITEM = 'pharmacy-designation/designation-application';
const TYPED = '已接入医保信息系统（进销存与结算接口联调完成）';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  const record = pharmacyRecord();
  const docs = (await pharmacyDocuments(dir)).map((d) => (d.meta.kind === '营业执照' ? { ...d, meta: { ...d.meta, validTo: asIsoDate('2026-01-31') } } : d));
  const drafts = [{ companyId: record.company.id, templateId: 'pharmacy-designation-application', values: { informationSystem: TYPED }, updatedAt: '2026-11-26T08:00:00.000Z' }];
  const workspace = buildWorkspaceFile([record], '2026-11-26T08:00:00.000Z', 'test', docs.map((d) => d.meta), drafts);
  const built = buildWorkspacePackage(workspace, new Map(docs.map((d) => [d.meta.id, d.bytes])));
  if (!built.ok) throw new Error(built.error.message);
  writeFileSync(path.join(dir, 'drafted.zip'), built.value);
  writeFileSync(path.join(dir, 'official.pdf'), await makeOfficialFormPdf());
});

describe('form drafts in the workspace, read by the command line', () => {
  it('packet fills the field typed on the 表单 tab and encloses the expired licence behind a note', async () => {
    const result = await run(['packet', 'drafted.zip', '--company', '康宁', '--application', PHARMACY_ITEM, '--out', 'drafted.pdf', '--date', '2026-11-26', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('待手工填写：医保信息系统情况');
    expect(result.out).toMatch(/注意：“.*营业执照.*”已于 2026年1月31日 过期/);
    const text = pdftotext(path.join(dir, 'drafted.pdf')).replace(/\s+/g, '');
    expect(text).toContain('已接入医保信息系统');
    expect(text).toMatch(/已于2026年1月31日过期，申报日2026年11月26日不在有效期内。随附此件供参考/);
  });

  it('packet --stop-on-out-of-date stops and names the document, writing nothing', async () => {
    const result = await run(['packet', 'drafted.zip', '--company', '康宁', '--application', PHARMACY_ITEM, '--out', 'stopped.pdf', '--date', '2026-11-26', '--stop-on-out-of-date']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/以下文件在申报日不在有效期内，未生成材料包：\n.*营业执照.*已于 2026年1月31日 过期/);
    expect(existsSync(path.join(dir, 'stopped.pdf'))).toBe(false);
  });

  it('fill-form takes a draft field through form:<模板编号>.<字段编号>', async () => {
    writeFileSync(path.join(dir, 'draft-mapping.json'), JSON.stringify({ fields: { 企业名称: 'company.name', 经营范围: 'form:pharmacy-designation-application.informationSystem' } }));
    const result = await run(['fill-form', 'official.pdf', 'drafted.zip', '--company', '康宁', '--mapping', 'draft-mapping.json', '--out', 'draft-filled.pdf', '--flatten']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('填写 2 个字段');
    expect(pdftotext(path.join(dir, 'draft-filled.pdf')).replace(/\s+/g, '')).toContain('已接入医保信息系统');
  });
});
