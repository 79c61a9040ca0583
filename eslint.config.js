// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The four runtimes and what each may import (see README, "Architecture").
// Bare Node built-in names are matched exactly (paths), so a folder like shared/crypto is not mistaken for one.
const nodeBuiltinNames = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'url', 'stream', 'buffer'];
const nodeBuiltins = ['node:*'];

/** What the page may import; storage alone may import Dexie and the database objects. */
function rendererImports({ isStorage }) {
  return {
    patterns: [
      { group: ['electron', 'electron/*'], message: 'The page never imports electron: use the preload API (renderer/platform).' },
      { group: nodeBuiltins, message: 'The page has no Node.' },
      { group: ['**/electron/**'], message: 'renderer/ may import shared/ only.' },
      ...(isStorage ? [] : [
        { group: ['dexie', 'dexie/*', 'dexie-react-hooks'], message: 'Only renderer/storage/ knows Dexie: use useRepositories() / useStoredQuery() from renderer/storage/repositories.ts.' },
        { group: ['**/storage/connections', '**/storage/workbenchDatabase'], message: 'Only renderer/storage/ holds the database objects: use useRepositories() from renderer/storage/repositories.ts.' },
      ]),
    ],
    paths: [
      ...nodeBuiltinNames.map((name) => ({ name, message: 'The page has no Node.' })),
      { name: '@ant-design/icons', message: 'Import icons from renderer/components/icons.tsx: they are hidden from screen readers, so controls are named in Chinese.' },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'resources/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'shared/ runs everywhere: no electron.' },
          { group: ['react', 'react-dom', 'react/*', 'antd', 'antd/*'], message: 'shared/ runs everywhere: no UI.' },
          { group: ['dexie', 'dexie-react-hooks'], message: 'shared/ runs everywhere: storage lives in renderer/storage.' },
          { group: nodeBuiltins, message: 'shared/ runs everywhere: take platform inputs as parameters.' },
          { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ may import only shared/.' },
        ],
        paths: nodeBuiltinNames.map((name) => ({ name, message: 'shared/ runs everywhere: take platform inputs as parameters.' })),
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererImports({ isStorage: false })],
    },
  },
  {
    // Only the storage layer knows Dexie and the database objects; the page reaches data through
    // renderer/storage/repositories.ts.
    files: ['renderer/storage/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererImports({ isStorage: true })] },
  },
  {
    // The modules that wrap antd's icons (see their comments; navIcons.tsx holds the app shell's).
    files: ['renderer/components/icons.tsx', 'renderer/components/navIcons.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'antd', 'dexie'], message: 'electron/ never imports the page.' }],
      }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', '*.config.ts', 'scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
