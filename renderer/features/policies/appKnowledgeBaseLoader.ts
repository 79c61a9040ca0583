import { platform } from '../../platform/platform';
import type { Repositories } from '../../storage/repositories';
import { fetchBundledFile } from './bundledPack';
import type { KnowledgeBaseLoader, OverridePack } from './knowledgeBaseStore';

/** Settings key of a pack imported in the browser build: the pack's JSON text. */
const OVERRIDE_PACK_SETTING = 'knowledgeBase.overridePack';

/**
 * The desktop app reads <userData>/knowledge-base.json through the preload; the browser build has
 * no data folder, so a pack the user imports is kept in the settings table instead.
 */
export function createAppKnowledgeBaseLoader(repositories: Repositories): KnowledgeBaseLoader {
  const readFromDataFolder = platform.loadKnowledgeBaseOverride?.bind(platform);
  if (readFromDataFolder !== undefined) {
    return {
      readBundledFile: fetchBundledFile,
      async readOverride(): Promise<OverridePack | null> {
        const found = await readFromDataFolder();
        return found === null ? null : { text: found.text, origin: 'file', path: found.path };
      },
    };
  }
  return {
    readBundledFile: fetchBundledFile,
    async readOverride(): Promise<OverridePack | null> {
      const text = await repositories.getSetting<unknown>(OVERRIDE_PACK_SETTING);
      return typeof text === 'string' && text !== '' ? { text, origin: 'imported' } : null;
    },
    async saveImportedPack(text) {
      await repositories.putSetting(OVERRIDE_PACK_SETTING, text ?? '');
    },
  };
}
