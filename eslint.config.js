import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'release',
      'test-results',
      'playwright-report',
      'test/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The domain core runs unchanged in the renderer, a Worker and Node: keep it pure.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'crypto', 'os', 'child_process', 'buffer', 'stream', 'util'].map((name) => ({
            name,
            message: 'shared/ must not use Node modules.',
          })),
          patterns: [
            { group: ['node:*'], message: 'shared/ must not use Node modules.' },
            {
              group: ['react', 'react-dom', 'antd', 'dexie', 'dexie-react-hooks', 'electron'],
              message: 'shared/ is the pure domain core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the db repositories write the store.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'dexie', message: 'Reach the store through renderer/db repositories.' }] },
      ],
    },
  },
  {
    // renderer/db is the only door to the store, for reads as for writes: pages and components read
    // through its named hooks and write through the repository functions bound there (renderer/db/hooks).
    // Only the worker services and the page's start (main.tsx) hold the database themselves.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**', 'renderer/workers/**', 'renderer/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'Reach the store through renderer/db repositories.' },
            {
              name: 'dexie-react-hooks',
              message: 'Read the store through the named hooks in renderer/db/hooks.',
            },
          ],
          patterns: [
            {
              group: ['**/db/database'],
              importNames: ['getDatabase', 'PingchaDatabase'],
              message:
                'Read through the hooks and write through the bound repositories in renderer/db/hooks.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='db']",
          message:
            'Tables are read and written in renderer/db only (named queries and hooks in renderer/db/hooks).',
        },
      ],
    },
  },
  {
    // renderer/ui holds the shared widgets (virtual table, issue table, import steps, confirm, empty page,
    // router): they know no workflow, no shell and no store (test/unit/renderer-rooms.test.ts checks
    // every room's direction).
    files: ['renderer/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'A widget does not touch the store.' },
            { name: 'dexie-react-hooks', message: 'A widget does not touch the store.' },
          ],
          patterns: [
            {
              group: ['../*', '!../ui', '!../ui/*', '!../platform', '!../platform/*'],
              message:
                'renderer/ui imports no feature folder, shell or store: pass what a widget needs as props.',
            },
          ],
        },
      ],
    },
  },
);
