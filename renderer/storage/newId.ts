/**
 * Random record ids. `crypto.randomUUID` exists only in secure contexts (app://, localhost);
 * the fallback keeps ids unique where it is missing (older jsdom, plain http previews).
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
