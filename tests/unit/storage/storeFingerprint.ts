import { createHash } from 'node:crypto';
import type Dexie from 'dexie';

/**
 * Every row of every table of `db` as stored, tables by name, Blobs by type and SHA-256 of their
 * bytes: equal before and after an operation means the operation wrote nothing.
 */
export async function storeFingerprint(db: Dexie): Promise<string> {
  const parts: string[] = [];
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = await table.toArray();
    const shown = await Promise.all(rows.map(async (row: Record<string, unknown>) => {
      const blob = row.blob;
      if (!(blob instanceof Blob)) return row;
      const digest = createHash('sha256').update(new Uint8Array(await blob.arrayBuffer())).digest('hex');
      return { ...row, blob: `${blob.type}:${digest}` };
    }));
    parts.push(`${table.name}:${JSON.stringify(shown)}`);
  }
  return parts.join('\n');
}
