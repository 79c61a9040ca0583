import { useSyncExternalStore } from 'react';

/**
 * Hash routing without a router dependency: `#/companies/<id>?tab=people`. The hash survives a
 * reload and works under both app:// (Electron) and the static preview server, where a history
 * path would 404.
 */
export interface HashLocation {
  /** Always starts with '/', without the query, e.g. '/companies/abc'. */
  readonly path: string;
  /** Path segments, e.g. ['companies', 'abc']. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

const DEFAULT_PATH = '/companies';

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const pathPart = queryAt >= 0 ? raw.slice(0, queryAt) : raw;
  const queryPart = queryAt >= 0 ? raw.slice(queryAt + 1) : '';
  const segments = pathPart.split('/').filter((s) => s !== '').map(safeDecode);
  const path = segments.length === 0 ? DEFAULT_PATH : `/${segments.map(encodeURIComponent).join('/')}`;
  return { path, segments: segments.length === 0 ? DEFAULT_PATH.slice(1).split('/') : segments, query: new URLSearchParams(queryPart) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// The last hash parsed: every component reading the location (a page reads several parameters)
// shares one parse per navigation instead of parsing on each of its renders.
let lastParsed: { readonly hash: string; readonly location: HashLocation } | null = null;

function getLocation(): HashLocation {
  const hash = window.location.hash;
  if (lastParsed === null || lastParsed.hash !== hash) lastParsed = { hash, location: parseHash(hash) };
  return lastParsed.location;
}

/** The current hash location; re-renders on navigation. The same object until the hash changes. */
export function useHashLocation(): HashLocation {
  return useSyncExternalStore(subscribe, getLocation, getLocation);
}

/** Navigates to a path like '/companies/abc?tab=people'. */
export function navigate(to: string): void {
  const target = to.startsWith('/') ? to : `/${to}`;
  if (window.location.hash === `#${target}`) return;
  window.location.hash = target;
}

/** Replaces the current entry (no new history step), e.g. when switching tabs. */
export function replaceLocation(to: string): void {
  const target = to.startsWith('/') ? to : `/${to}`;
  const url = `${window.location.pathname}${window.location.search}#${target}`;
  window.history.replaceState(window.history.state, '', url);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * One query parameter of the hash, e.g. which tab or which editor is open. Kept in the URL so a
 * reload reopens the same view (and the editor restores its draft).
 */
export function useHashParam(name: string): [string | null, (value: string | null) => void] {
  const location = useHashLocation();
  const value = location.query.get(name);
  const setValue = (next: string | null) => {
    const current = parseHash(window.location.hash);
    const query = new URLSearchParams(current.query);
    if (next === null) query.delete(name);
    else query.set(name, next);
    const search = query.toString();
    replaceLocation(`${current.path}${search ? `?${search}` : ''}`);
  };
  return [value, setValue];
}
