import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The packaged app's Electron fuses and ASAR settings, read through electron-builder's own config
 * loader and schema validation, so the test sees exactly what `npm run dist` sees (a misspelt fuse
 * key is a schema error there, not a silently ignored line).
 */

const repoRoot = path.resolve(import.meta.dirname, '../../..');

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface BuilderUtilModule {
  DebugLogger: new (isEnabled: boolean) => unknown;
}

// app-builder-lib is electron-builder's own dependency: resolve it from there, not from the root.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const builderUtil = requireFromBuilder('builder-util') as BuilderUtilModule;

let config: Configuration;

beforeAll(async () => {
  config = await configModule.getConfig(repoRoot, 'electron-builder.yml', null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(configModule.validateConfiguration(config, new builderUtil.DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips every security fuse at packaging', () => {
    expect(config.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
      runAsNode: false,
      enableCookieEncryption: true,
      // NODE_OPTIONS / --inspect would let anyone with the shortcut inject code into main.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // Together: only the integrity-checked app.asar is ever loaded.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The page is served from app://workbench, never file://.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an ASAR archive with no code left outside it', () => {
    // onlyLoadAppFromAsar without an archive would leave the app unable to start; asar: false would
    // also put the code outside the integrity check.
    expect(config.asar === true || (typeof config.asar === 'object' && config.asar !== null)).toBe(true);
    const unpacked = config.asarUnpack;
    const unpackPatterns = unpacked === undefined || unpacked === null ? [] : Array.isArray(unpacked) ? unpacked : [unpacked];
    expect(unpackPatterns.filter((p) => /\.(?:c?js|mjs|html)\b|dist-electron|dist\//.test(p))).toEqual([]);
  });

  it.each(['win', 'mac', 'linux'] as const)('ships only the built bundles, not sources or source maps (%s)', (os) => {
    // `files` is per platform (see electron-builder.yml); getConfig normalises a top-level one into file sets.
    expect(config.files ?? []).toEqual([]);
    const files = config[os]?.files;
    const patterns = files === undefined || files === null ? [] : (Array.isArray(files) ? files : [files]).filter((p): p is string => typeof p === 'string');
    // node_modules are left out but for scan recognition's runtime and models (recognitionPackaging.test.ts).
    expect(patterns).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', '!**/*.map', '!node_modules/!(onnxruntime-node|onnxruntime-common|@gutenye){,/**/*}']));
    expect(patterns.filter((p) => /^(?:electron|renderer|shared|src)\b/.test(p))).toEqual([]);
  });

  it('is the only build configuration (no "build" key in package.json to override it)', () => {
    const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packageJson).not.toHaveProperty('build');
  });
});
