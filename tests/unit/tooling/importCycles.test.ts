import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/* The lint step that keeps the import graph free of circles (issue 14), run on small trees of its own. */

const SCRIPT = path.resolve('scripts/check-import-cycles.mjs');
let tree = '';

function write(files: Record<string, string>): string {
  tree = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
    writeFileSync(path.join(tree, name), text);
  }
  return tree;
}

function check(root: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { code: failed.status, output: failed.stderr };
  }
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe('check-import-cycles', () => {
  it('passes a tree whose imports run one way', () => {
    const root = write({ 'shared/a.ts': "import { b } from './b';\nexport const a = b;\n", 'shared/b.ts': 'export const b = 1;\n' });
    expect(check(root)).toMatchObject({ code: 0 });
  });

  it('fails on a circle made only of type imports, naming both files', () => {
    const root = write({
      'renderer/storage/db.ts': "import type { Doc } from './repo';\nexport type Db = { docs: Doc[] };\n",
      'renderer/storage/repo.ts': "import type { Db } from './db';\nexport type Doc = { db?: Db };\n",
    });
    const result = check(root);
    expect(result.code).toBe(1);
    expect(result.output).toContain('renderer/storage/db.ts');
    expect(result.output).toContain('renderer/storage/repo.ts');
  });

  it('finds a circle across folders and through an index file', () => {
    const root = write({
      'shared/domain/index.ts': "export * from '../energy/ledger';\n",
      'shared/energy/ledger.ts': "import { company } from '../domain';\nexport const ledger = company;\n",
      'shared/domain/company.ts': 'export const company = 1;\n',
    });
    expect(check(root).code).toBe(1);
  });
});
