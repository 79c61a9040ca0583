import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import '../../renderer/app/zodConfig';
import { clearDatabase } from './renderWithApp';
import { visibilityOnlyCss } from './visibilityOnlyCss';

/*
 * jsdom lacks a few browser APIs antd relies on. These stand-ins only make layout queries
 * answer; nothing under test depends on real layout.
 */
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

/*
 * The component tier runs its files one after another in one window (isolate: false in
 * vitest.config.ts) and this file runs again before each of them, so what wraps the window's own
 * functions is done once.
 */
const PATCHED = Symbol.for('workbench.rendererTests.windowPatched');
if (!(PATCHED in window)) {
  Object.defineProperty(window, PATCHED, { value: true });

  /*
   * antd's CSS-in-JS writes its rules through a style element's innerHTML. Only the declarations
   * the tests' tools read (shown or hidden, pointer-events, generated text) reach jsdom, which
   * keeps getComputedStyle from matching thousands of rules per call; see visibilityOnlyCss. The
   * element still reports the text it was given, so antd sees its own rules and does not write
   * them again.
   */
  const elementInnerHtml = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  if (!elementInnerHtml?.get || !elementInnerHtml.set) throw new Error('jsdom no longer defines Element.prototype.innerHTML');
  const givenCss = new WeakMap<HTMLStyleElement, string>();
  Object.defineProperty(HTMLStyleElement.prototype, 'innerHTML', {
    configurable: true,
    get(this: HTMLStyleElement): string {
      return givenCss.get(this) ?? (elementInnerHtml.get!.call(this) as string);
    },
    set(this: HTMLStyleElement, css: string) {
      givenCss.set(this, css);
      elementInnerHtml.set!.call(this, visibilityOnlyCss(css));
    },
  });

  // jsdom logs "Not implemented" for pseudo-element styles, which antd asks for when measuring.
  const originalGetComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => originalGetComputedStyle(element);
}

// antd validation and IndexedDB writes take more than the default 1 s on a busy CI machine.
configure({ asyncUtilTimeout: 15_000 });

// Testing Library cleans up automatically only when vitest globals are on; they are not.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.location.hash = '';
});

// Each file starts with an empty database, as it did when it had a process of its own.
beforeAll(clearDatabase);
