import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { companyDocumentSchema, parseWorkspaceFile, type CompanyDocument, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';

/*
 * Small workspaces with documents for the package, codec and import tests: the shipped pharmacy
 * sample with documents whose bytes are seeded, so every run and every failure replays the same.
 */

function sha256HexSync(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const sha256Hex = (bytes: Uint8Array): Promise<string> => Promise.resolve(sha256HexSync(bytes));

/** Deterministic pseudo-random bytes (xorshift), so a "scan" of any size costs no fixture file. */
export function seededBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function sampleWorkspace(): WorkspaceFile {
  const parsed = parseWorkspaceFile(readFileSync(new URL('../../../resources/samples/retailPharmacy.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export function sampleCompanyId(): string {
  const first = sampleWorkspace().companies[0];
  if (!first) throw new Error('the sample has no company');
  return first.company.id;
}

/** A document of the sample's first company for `bytes`, hashed unless told otherwise. */
export function documentOf(id: string, bytes: Uint8Array, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return companyDocumentSchema.parse({
    id, companyId: sampleCompanyId(), kind: '营业执照', title: `材料 ${id}`, fileName: `${id}.pdf`, mimeType: 'application/pdf',
    size: bytes.byteLength, sha256: sha256HexSync(bytes), ...extra,
  });
}

/** The sample workspace with `documents` under its first company. */
export function workspaceWith(documents: readonly CompanyDocument[]): WorkspaceFile {
  const workspace = sampleWorkspace();
  const [first, ...rest] = workspace.companies;
  if (!first) throw new Error('the sample has no company');
  return { ...workspace, companies: [{ ...first, documents: [...documents] }, ...rest] };
}

/** `bytes` in chunks of `size`, as a Blob stream delivers a file. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) {
    await Promise.resolve();
    yield bytes.slice(i, i + size);
  }
}
