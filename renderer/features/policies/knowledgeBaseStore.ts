import '../../app/zodConfig';
import {
  assembleKnowledgeBase, chooseKnowledgeBase, type LoadedKnowledgeBase,
} from '../../../shared/policy/loadKnowledgeBase';
import { decodePolicyPack, refusalMessage } from '../../../shared/policy/packText';
import { describeError } from '../../../shared/util/errorDescription';
import { ok } from '../../../shared/util/result';
import { bundledFilesOf } from './bundledPack';

/*
 * The knowledge base the page works with: the bundled pack (resources/policies, fetched at run
 * time), assembled and validated once per session, or a newer valid pack the user supplied. Held
 * outside React so every page shares one copy and an import on 政策库 reaches 合规概览 at once.
 */

/** Where a user-supplied pack came from. */
type OverrideOrigin = 'file' | 'imported';

export interface OverridePack {
  readonly text: string;
  readonly origin: OverrideOrigin;
  /** For a pack in the user's data folder: its path, shown to the user. */
  readonly path?: string;
}

export interface KnowledgeBaseLoader {
  /** A file of the bundled pack, relative to its folder; undefined when it does not exist. */
  readonly readBundledFile: (relativePath: string) => Promise<string | undefined>;
  /** The user's override pack, if any. */
  readonly readOverride: () => Promise<OverridePack | null>;
  /**
   * Stores (or with null, removes) a pack the user imported in the page. Absent where packs are
   * only taken from the user's data folder (the desktop app).
   */
  readonly saveImportedPack?: (text: string | null) => Promise<void>;
}

/** Why the data in use is what it is, for the 数据版本 line. */
type KnowledgeBaseNotice =
  | { readonly kind: 'override'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

export interface ActiveKnowledgeBase extends LoadedKnowledgeBase {
  readonly origin: 'bundled' | 'override';
  readonly overrideOrigin: OverrideOrigin | null;
  readonly overridePath: string | null;
  readonly bundledVersion: string;
  readonly notice: KnowledgeBaseNotice | null;
  /** The user can import a pack in the page (browser build). */
  readonly canImport: boolean;
  readonly hasImportedPack: boolean;
}

export type KnowledgeBaseState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly value: ActiveKnowledgeBase };

type ImportOutcome = { readonly isAccepted: true; readonly message: string } | { readonly isAccepted: false; readonly message: string };

export interface KnowledgeBaseStore {
  readonly getState: () => KnowledgeBaseState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Starts loading once; later calls return the same promise. */
  readonly load: () => Promise<void>;
  /**
   * Checks a pack the user picked; a valid, newer one is stored and used, anything else refused.
   * Bytes go through the same strict UTF-8 decoder as the data-folder pack: refused, never repaired.
   */
  readonly importPack: (pack: string | Uint8Array) => Promise<ImportOutcome>;
  /** Drops the imported pack and goes back to the bundled data. */
  readonly removeImportedPack: () => Promise<void>;
}

/** Reads the bundled pack's files named in its manifest; the pure assembler checks everything. */
async function loadBundled(loader: KnowledgeBaseLoader): Promise<{ ok: true; value: LoadedKnowledgeBase } | { ok: false; message: string }> {
  const manifestText = await loader.readBundledFile('manifest.json');
  if (manifestText === undefined) return { ok: false, message: '找不到政策数据清单 policies/manifest.json，安装可能不完整。' };
  const { files, sourceFile } = bundledFilesOf(manifestText);
  const [sourceText, ...texts] = await Promise.all([loader.readBundledFile(sourceFile), ...files.map((f) => loader.readBundledFile(f))]);
  if (sourceText === undefined) return { ok: false, message: `找不到政策汇编原文 policies/${sourceFile}，安装可能不完整。` };
  const byFile = new Map(files.map((f, i) => [f, texts[i]]));
  const assembled = assembleKnowledgeBase(manifestText, (path) => byFile.get(path), sourceText);
  if (!assembled.ok) return { ok: false, message: assembled.error.message };
  return { ok: true, value: { kb: assembled.value, sourceText } };
}

function activeFrom(bundled: LoadedKnowledgeBase, pack: OverridePack | null, canImport: boolean): ActiveKnowledgeBase {
  const choice = chooseKnowledgeBase(bundled, pack?.text ?? null);
  const isOverride = choice.origin === 'override';
  return {
    kb: choice.kb, sourceText: choice.sourceText, origin: choice.origin,
    overrideOrigin: isOverride && pack !== null ? pack.origin : null,
    overridePath: isOverride ? pack?.path ?? null : null,
    bundledVersion: bundled.kb.dataVersion,
    notice: choice.message === null ? null : { kind: isOverride ? 'override' : 'refused', message: choice.message },
    canImport,
    hasImportedPack: pack?.origin === 'imported',
  };
}

export function createKnowledgeBaseStore(loader: KnowledgeBaseLoader): KnowledgeBaseStore {
  let state: KnowledgeBaseState = { status: 'loading' };
  let bundled: LoadedKnowledgeBase | null = null;
  let loading: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const canImport = loader.saveImportedPack !== undefined;

  const setState = (next: KnowledgeBaseState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const load = (): Promise<void> => {
    loading ??= (async () => {
      try {
        const result = await loadBundled(loader);
        if (!result.ok) {
          setState({ status: 'failed', message: result.message });
          return;
        }
        bundled = result.value;
        let pack: OverridePack | null = null;
        let readProblem: string | null = null;
        try {
          pack = await loader.readOverride();
        } catch (e) {
          readProblem = `读取政策数据更新包失败，继续使用内置政策数据。原因：${describeError(e).message}`;
        }
        const active = activeFrom(bundled, pack, canImport);
        setState({ status: 'ready', value: readProblem === null ? active : { ...active, notice: { kind: 'refused', message: readProblem } } });
      } catch (e) {
        setState({ status: 'failed', message: describeError(e, { lead: '政策数据加载失败' }).message });
      }
    })();
    return loading;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load,
    async importPack(pack) {
      await load();
      if (bundled === null || state.status !== 'ready') return { isAccepted: false, message: '政策数据尚未加载，无法导入更新包' };
      if (loader.saveImportedPack === undefined) return { isAccepted: false, message: '桌面版请将政策数据包放入用户数据文件夹后重新启动' };
      const current = state.value;
      const decoded = typeof pack === 'string' ? ok(pack) : decodePolicyPack(pack);
      if (!decoded.ok) {
        const message = refusalMessage(bundled.kb.dataVersion, decoded.error.message);
        setState({ status: 'ready', value: { ...current, notice: { kind: 'refused', message } } });
        return { isAccepted: false, message };
      }
      const text = decoded.value;
      const candidate = activeFrom(bundled, { text, origin: 'imported' }, canImport);
      if (candidate.origin !== 'override') {
        const message = candidate.notice?.message ?? '政策数据包未被采用';
        // The data in use stays exactly as it was; only the notice records the refusal.
        setState({ status: 'ready', value: { ...current, notice: { kind: 'refused', message } } });
        return { isAccepted: false, message };
      }
      await loader.saveImportedPack(text);
      setState({ status: 'ready', value: candidate });
      return { isAccepted: true, message: candidate.notice?.message ?? '已使用导入的政策数据包' };
    },
    async removeImportedPack() {
      await load();
      if (bundled === null || loader.saveImportedPack === undefined) return;
      await loader.saveImportedPack(null);
      setState({ status: 'ready', value: activeFrom(bundled, null, canImport) });
    },
  };
}
