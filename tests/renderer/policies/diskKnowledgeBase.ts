import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asIsoDate } from '../../../shared/domain/isoDate';
import type { CompanyRecord } from '../../../shared/domain/company';
import { parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import { assembleKnowledgeBase, type LoadedKnowledgeBase } from '../../../shared/policy/loadKnowledgeBase';
import type { KnowledgeBaseLoader, OverridePack } from '../../../renderer/features/policies/knowledgeBaseStore';

/*
 * The shipped knowledge base read from resources/policies, as the page fetches it. Tests use a few
 * documents (the ones they are about), assembled and validated exactly like the full pack, so a
 * document still being written elsewhere cannot break them.
 */

export const POLICIES_DIR = join(import.meta.dirname, '../../../resources/policies');
export const SAMPLE_DAY = asIsoDate('2026-11-26');

function readPolicyFile(relativePath: string): string | undefined {
  const path = join(POLICIES_DIR, relativePath);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** manifest.json limited to `documentIds` (all when omitted). */
export function manifestText(documentIds?: readonly string[]): string {
  const manifest = JSON.parse(readPolicyFile('manifest.json') ?? '{}') as { documents: Array<{ id: string }> };
  if (documentIds !== undefined) manifest.documents = manifest.documents.filter((d) => documentIds.includes(d.id));
  return JSON.stringify(manifest);
}

/** Every document the shipped manifest lists. */
export function allDocumentIds(): string[] {
  return (JSON.parse(manifestText()) as { documents: Array<{ id: string }> }).documents.map((d) => d.id);
}

export const TEST_DOCUMENTS = ['prepaid-card-regulation', 'pharmacy-designation'] as const;

export function loadTestKnowledgeBase(documentIds: readonly string[] = TEST_DOCUMENTS): LoadedKnowledgeBase {
  const sourceText = readPolicyFile('source.txt') ?? '';
  const kb = assembleKnowledgeBase(manifestText(documentIds), readPolicyFile, sourceText);
  if (!kb.ok) throw new Error(kb.error.message);
  return { kb: kb.value, sourceText };
}

/** A loader over the files on disk, with the override pack kept in memory (like the settings table). */
export function diskLoader(options: {
  readonly documentIds?: readonly string[];
  readonly manifest?: string;
  readonly override?: OverridePack | null;
  readonly canImport?: boolean;
} = {}): KnowledgeBaseLoader & { readonly saved: Array<string | null> } {
  const saved: Array<string | null> = [];
  let override = options.override ?? null;
  const manifest = options.manifest ?? manifestText(options.documentIds ?? TEST_DOCUMENTS);
  return {
    saved,
    readBundledFile: (path) => Promise.resolve(path === 'manifest.json' ? manifest : readPolicyFile(path)),
    readOverride: () => Promise.resolve(override),
    ...(options.canImport === false ? {} : {
      saveImportedPack(text: string | null) {
        saved.push(text);
        override = text === null ? null : { text, origin: 'imported' };
        return Promise.resolve();
      },
    }),
  };
}

/** The shipped sample companies (resources/samples). */
export function sampleRecord(file: 'retailPharmacy.json' | 'carRental.json' | 'dataCentre.json'): CompanyRecord {
  const parsed = parseWorkspaceFile(readFileSync(join(import.meta.dirname, '../../../resources/samples', file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [record] = toCompanyRecords(parsed.value);
  if (record === undefined) throw new Error(`${file} has no company`);
  return record;
}
