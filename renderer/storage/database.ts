import { WorkbenchDatabase } from './db';

/**
 * The page's one database connection. Dexie opens lazily on first use, so importing this module
 * costs nothing; tests install fake-indexeddb before importing it.
 */
export const appDb = new WorkbenchDatabase();
