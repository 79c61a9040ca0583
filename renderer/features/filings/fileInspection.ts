/*
 * The document library's file checks live in shared/validation/documentFile.ts, so the page's worker and
 * `cli validate` refuse exactly the same files.
 */
export { checkFileSize, inspectFileBytes, type InspectedFile } from '../../../shared/validation/documentFile';

export function hexOf(digest: ArrayBuffer): string {
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
