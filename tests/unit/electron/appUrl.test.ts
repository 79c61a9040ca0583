import { describe, expect, it } from 'vitest';
import { isTrustedAppUrl, parseDevServerOrigin } from '../../../electron/main/appUrl';

describe('isTrustedAppUrl', () => {
  it.each([
    ['app://workbench/index.html'],
    ['app://workbench/'],
    ['app://workbench'],
    ['app://workbench/assets/index-abc.js?v=1#top'],
    ['APP://WORKBENCH/index.html'],
  ])('allows the app origin: %s', (url) => {
    expect(isTrustedAppUrl(url, null)).toBe(true);
  });

  it.each([
    ['https://example.com/'],
    ['http://workbench/'],
    ['https://workbench/index.html'],
    ['file:///C:/Windows/System32/calc.exe'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['blob:app://workbench/1234'],
    ['about:blank'],
    ['app://evil/index.html'],
    ['app://workbench.evil.com/'],
    ['app://workbench:8080/'],
    ['app://user:pass@workbench/'],
    ['app://user@workbench/'],
    ['chrome://settings'],
    ['devtools://devtools/bundled/inspector.html'],
    ['not a url'],
    [''],
  ])('refuses %s', (url) => {
    expect(isTrustedAppUrl(url, null)).toBe(false);
  });

  it('allows exactly the dev server origin, and only when one is configured', () => {
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('app://workbench/index.html', 'http://localhost:5173')).toBe(true);
  });
});

describe('parseDevServerOrigin', () => {
  it('accepts a loopback http URL in an unpackaged build', () => {
    expect(parseDevServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(parseDevServerOrigin('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(parseDevServerOrigin('http://[::1]:5173/', false)).toBe('http://[::1]:5173');
  });

  it('ignores the variable in a packaged app', () => {
    expect(parseDevServerOrigin('http://localhost:5173/', true)).toBeNull();
  });

  it.each([
    [undefined],
    [''],
    ['https://attacker.example/'],
    ['http://192.168.1.10:5173/'],
    ['file:///tmp/index.html'],
    ['http://user@localhost:5173/'],
    ['nonsense'],
  ])('refuses %s', (url) => {
    expect(parseDevServerOrigin(url, false)).toBeNull();
  });
});
