import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { checklistPdf } from '../../../renderer/features/filings/checklistExport';
import { checklistTable } from '../../../renderer/features/filings/checklistTable';
import { removeTempDirs, tempDir, testSubsetter, writeTemp } from '../pdf/pdfTestKit';
import type { Checklist } from '../../../renderer/features/filings/checklistModel';
import type { Material } from '../../../shared/policy/knowledgeBase';

/*
 * The checklist PDF in qpdf and poppler: structurally valid, and its Chinese broken between words
 * (身份证复印件 never split as 身份证复 / 印件), with the material's note not repeated (…复印件（复印件）).
 */

function material(name: string, note: string): Material {
  return { id: name, name, note, documentKinds: [], needsSignatureAndSeal: false, citation: { ref: '第六条', lines: { from: 1, to: 1 } } } as unknown as Material;
}

const checklist = {
  rows: [
    { material: material('药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件', '复印件'), status: 'attached', attached: [], checks: [], warnings: [], notApplicableReason: '', template: null },
    { material: material('执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', '复印件'), status: 'missing', attached: [], checks: [], warnings: [], notApplicableReason: '', template: null },
    { material: material('北京市市场监督管理局核发的第二类医疗器械经营备案凭证', '加盖公章'), status: 'missing', attached: [], checks: [], warnings: [], notApplicableReason: '', template: null },
  ],
  applicableCount: 3, completeCount: 1, percent: 33,
} as unknown as Checklist;

describe('the checklist PDF in qpdf and poppler', () => {
  afterAll(() => removeTempDirs());

  it('is valid, says 复印件 once, and breaks lines between words', async () => {
    const table = checklistTable(checklist, '北京康宁大药房连锁有限公司', '零售药店医保定点申请', '2026-11-26');
    expect(table.rows[0]?.[1]).toBe('药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件');
    expect(table.rows[2]?.[1]).toBe('北京市市场监督管理局核发的第二类医疗器械经营备案凭证（加盖公章）');
    const file = writeTemp(tempDir(), 'checklist.pdf', await checklistPdf(table, await testSubsetter()));
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const lines = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());
    const text = lines.join('').replace(/\s+/g, '');
    expect(text).not.toContain('复印件（复印件）');
    // -raw keeps each table cell's lines in order: no line of the PDF ends inside one of these words.
    for (const word of ['身份证', '复印件', '监督管理局', '医疗器械', '营业执照']) {
      for (let cut = 1; cut < word.length; cut++) {
        const head = word.slice(0, cut);
        const tail = word.slice(cut);
        expect(lines.some((l, i) => l.endsWith(head) && (lines[i + 1] ?? '').includes(tail) && !l.endsWith(word)), `${head} / ${tail}`).toBe(false);
      }
    }
  });
});
