import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE_FORMAT, KNOWLEDGE_BASE_SCHEMA_VERSION, policyDocumentSchema } from '../../../../shared/policy/knowledgeBase';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';

const resources = new URL('../../../../resources/policies/', import.meta.url);
const sourceText = readFileSync(new URL('source.txt', resources), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('manifest.json', resources), 'utf8')) as { source: { lineCount: number } };
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/foreign-residents-pension.json', resources), 'utf8')));

describe('foreign-residents-pension', () => {
  it('passes the knowledge-base integrity checks (title at its lines, dates explained)', () => {
    const result = validateKnowledgeBase({
      format: KNOWLEDGE_BASE_FORMAT, schemaVersion: KNOWLEDGE_BASE_SCHEMA_VERSION, dataVersion: '2026.11.26-1',
      source: { file: 'source.txt', title: '', lineCount: manifest.source.lineCount }, documents: [document],
    }, sourceText);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  // 参保登记 and 待遇申领 are done by the insured person at a 街乡政务中心 or online; nothing is asked of employers.
  it('is for individuals and 社保经办机构 only: no enterprise items', () => {
    expect(document.isGovernmentOnly).toBe(true);
    expect(document.items).toEqual([]);
    expect(document.docNumber).toBe('京社保发〔2021〕15号');
    expect(document.issuedOn).toMatchObject({ date: '2021-10-18', isInferred: true });
  });
});
