import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Bundles electron/main/backup/backupVerifyWorker.ts the way scripts/build-electron.mjs does (one CommonJS
 * file, Node built-ins external) into `outDir`, so tests start the same kind of file main starts,
 * under real worker_threads. Returns the bundle's path.
 */
export async function buildBackupVerifyWorker(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'backupVerifyWorker.cjs');
  await build({
    entryPoints: [path.join(root, 'electron/main/backup/backupVerifyWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return outfile;
}
