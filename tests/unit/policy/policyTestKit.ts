import { readFileSync } from 'node:fs';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import {
  KNOWLEDGE_BASE_FORMAT, KNOWLEDGE_BASE_SCHEMA_VERSION, policyDocumentSchema, type KnowledgeBase, type PolicyDocument, type PolicyItem,
} from '../../../shared/policy/knowledgeBase';
import { companyRecordSchema } from '../../../shared/workspace/workspaceFile';

const RESOURCES = new URL('../../../resources/policies/', import.meta.url);
export const SOURCE_TEXT = readFileSync(new URL('source.txt', RESOURCES), 'utf8');
export const MANIFEST_TEXT = readFileSync(new URL('manifest.json', RESOURCES), 'utf8');

export function readPolicyFile(relative: string): string | undefined {
  try {
    return readFileSync(new URL(relative, RESOURCES), 'utf8');
  } catch {
    return undefined;
  }
}

export function loadDocument(id: string): PolicyDocument {
  const text = readPolicyFile(`documents/${id}.json`);
  if (text === undefined) throw new Error(`missing document ${id}`);
  return policyDocumentSchema.parse(JSON.parse(text));
}

/** A knowledge base of some documents only, in compilation order. */
export function knowledgeBaseOf(documents: readonly PolicyDocument[]): KnowledgeBase {
  return {
    format: KNOWLEDGE_BASE_FORMAT, schemaVersion: KNOWLEDGE_BASE_SCHEMA_VERSION, dataVersion: '2026.11.26-1',
    source: { file: 'source.txt', title: '测试', lineCount: 6455 },
    documents: [...documents].sort((a, b) => a.lines.start - b.lines.start),
  };
}

export function findItem(document: PolicyDocument, slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug} in ${document.id}`);
  return found;
}

type Input = {
  company: Record<string, unknown>;
  people?: Record<string, unknown>[];
  licences?: Record<string, unknown>[];
  vehicles?: Record<string, unknown>[];
  stores?: Record<string, unknown>[];
  events?: Record<string, unknown>[];
};

/** A company record with schema defaults filled in; ids and companyId are added where missing. */
export function makeRecord(input: Input): CompanyRecord {
  const id = typeof input.company.id === 'string' ? input.company.id : 'c-1';
  let n = 0;
  const own = (rows: Record<string, unknown>[] | undefined, prefix: string) =>
    (rows ?? []).map((row) => ({ id: `${prefix}-${++n}`, companyId: id, ...row }));
  return companyRecordSchema.parse({
    company: { id, name: '测试企业', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...input.company },
    people: own(input.people, 'p'),
    licences: own(input.licences, 'l'),
    vehicles: own(input.vehicles, 'v'),
    stores: own(input.stores, 's'),
    events: own(input.events, 'e'),
  });
}
