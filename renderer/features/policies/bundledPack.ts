/*
 * The bundled knowledge base's files (resources/policies, Vite's publicDir: served beside
 * index.html over http or app://). main.tsx starts fetching them before the shell's first render
 * (prefetchBundledPack), so 合规概览, 政策库 and the reminders find them downloaded instead of asking
 * for the manifest only once their page has loaded, and then for the files it names. Only static
 * files: nothing here reads the store, which waits for the vault. Kept free of the knowledge base's
 * schemas so that starting the fetch adds nothing to the first load.
 */

const prefetched = new Map<string, Promise<string | undefined>>();

async function fetchFile(relativePath: string): Promise<string | undefined> {
  const response = await fetch(`./policies/${relativePath}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`读取 policies/${relativePath} 失败（HTTP ${response.status}）`);
  // The preview server answers unknown paths with index.html rather than 404.
  if ((response.headers.get('content-type') ?? '').includes('text/html')) return undefined;
  return response.text();
}

/** A file of the bundled pack; undefined when it does not exist. Takes a prefetched copy once, then fetches. */
export function fetchBundledFile(relativePath: string): Promise<string | undefined> {
  const early = prefetched.get(relativePath);
  if (early === undefined) return fetchFile(relativePath);
  prefetched.delete(relativePath);
  return early;
}

/**
 * The files a bundled pack's manifest names: its documents and its source text. Only to learn which
 * files to fetch; assembleKnowledgeBase validates the manifest properly.
 */
export function bundledFilesOf(manifestText: string): { readonly files: readonly string[]; readonly sourceFile: string } {
  let files: string[] = [];
  let sourceFile = 'source.txt';
  try {
    const raw = JSON.parse(manifestText) as { documents?: unknown; source?: { file?: unknown } };
    if (Array.isArray(raw.documents)) {
      files = raw.documents.flatMap((d: unknown) => (typeof d === 'object' && d !== null && typeof (d as { file?: unknown }).file === 'string' ? [(d as { file: string }).file] : []));
    }
    if (typeof raw.source?.file === 'string') sourceFile = raw.source.file;
  } catch {
    // Reported with details by assembleKnowledgeBase.
  }
  return { files, sourceFile };
}

/** Starts downloading the manifest and, once it is in, every file it names. Failures surface when the store reads the file. */
export function prefetchBundledPack(): void {
  const start = (relativePath: string): Promise<string | undefined> => {
    const promise = fetchFile(relativePath);
    // Marked handled here; the store gets the same promise and reports its failure.
    promise.catch(() => undefined);
    prefetched.set(relativePath, promise);
    return promise;
  };
  void start('manifest.json').then((text) => {
    if (text === undefined) return;
    const { files, sourceFile } = bundledFilesOf(text);
    for (const file of [sourceFile, ...files]) if (!prefetched.has(file)) void start(file);
  }, () => undefined);
}
