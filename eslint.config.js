import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The core is framework-free: no React, no DOM, no store, no d3 DOM modules.
const coreRestricted = {
  paths: [
    { name: 'react', message: 'src/core must not import React.' },
    { name: 'react-dom', message: 'src/core must not import React.' },
    { name: 'zustand', message: 'src/core must not import the store.' },
    { name: 'd3-selection', message: 'src/core must not touch the DOM.' },
    { name: 'd3-zoom', message: 'src/core must not touch the DOM.' },
    { name: 'd3-transition', message: 'src/core must not touch the DOM.' },
  ],
  patterns: [
    { group: ['react/*', 'react-dom/*', 'zustand/*'], message: 'src/core stays framework-free.' },
    {
      group: [
        '**/store',
        '**/store/**',
        '**/view',
        '**/view/**',
        '**/app',
        '**/app/**',
        '**/lessons',
        '**/lessons/**',
      ],
      message: 'src/core must not import app layers.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', coreRestricted],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core runs in Node: no DOM.' },
        { name: 'document', message: 'src/core runs in Node: no DOM.' },
        { name: 'localStorage', message: 'src/core runs in Node: no DOM.' },
        { name: 'navigator', message: 'src/core runs in Node: no DOM.' },
      ],
    },
  },
  {
    // Tests of the core may read the talk presets as fixtures; the core itself may not.
    files: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: coreRestricted.paths,
          patterns: [
            coreRestricted.patterns[0],
            {
              group: ['**/store', '**/store/**', '**/view', '**/view/**', '**/app', '**/app/**'],
              message: 'src/core must not import app layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/view', '**/view/**', '**/app', '**/app/**'],
              message: 'The store never imports components.',
            },
          ],
        },
      ],
    },
  },
);
