import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's (or unpacked app's) resources/ folder, for the Node command line. */
const RESOURCES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');

export function resourcePath(...segments: string[]): string {
  return path.join(RESOURCES_DIR, ...segments);
}
