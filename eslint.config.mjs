import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** Test files and test support: never shipped, free to use each other. */
const TEST_CODE = ['**/*.test.ts', '**/testing/**'];

/**
 * Fences between folders, checked on the resolved path of every import (`@/…` and relative alike).
 * Each zone names who may not import (`target`) what (`from`).
 */
const ZONES = {
  // lib/training is the training CLI and nothing else: what it shares with the app lives in lib/learning, lib/models,
  // lib/digits, lib/random or lib/tfjs. The experiments runner (Node only) reuses training code.
  training: {
    target: ['./app', './bench', './e2e', './lib/!(training|experiments)/**', './*.{ts,mts,mjs}'],
    from: './lib/training',
    message:
      'lib/training is only training: move what you need to where it belongs (lib/learning, lib/models, lib/digits, lib/random, lib/tfjs).',
  },
  // Unit tests must not reach into e2e/, which itself uses lib/: shared test support lives in lib/<domain>/testing/.
  e2e: {
    target: ['./lib', './app'],
    from: './e2e',
    message: 'Shared test support lives in lib/<domain>/testing/, which e2e/ imports too.',
  },
  // Test support (lib/<domain>/testing/: fakes, fixtures, helpers) is for tests, never for shipped code.
  testSupport: { target: '.', from: ['./lib/**/testing/**'], message: 'Test support is for tests only.' },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    '.next-e2e-dev/**',
    'out/**',
    'bench/out/**',
    '.data/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
    'public/**',
    'assembly/**',
  ]),
  {
    // lib/ is framework-free: it never imports React, Next.js or app/.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'next', 'next/*'], message: 'lib/ must stay framework-free.' },
            { group: ['@/app/*', '../app/*', '../../app/*'], message: 'lib/ must not import app/.' },
          ],
        },
      ],
    },
  },
  {
    // Every file: the fences that hold for tests too. (One rule configuration per file: the last
    // matching object wins, so the shipped-code object below repeats these zones.)
    files: ['**/*.{ts,tsx,mjs}'],
    rules: { 'import/no-restricted-paths': ['error', { zones: [ZONES.training, ZONES.e2e] }] },
  },
  {
    // Shipped code: app/ and lib/ without tests and test support. The engine harness (app/dev/) is
    // test support too: it answers only when the server runs with ENGINE_HARNESS=1.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'instrumentation.ts'],
    ignores: [...TEST_CODE, 'app/dev/**'],
    rules: { 'import/no-restricted-paths': ['error', { zones: [ZONES.training, ZONES.e2e, ZONES.testSupport] }] },
  },
  {
    // lib/ has no hooks, so nothing in it may be called use…: React Refresh's dev transform takes any
    // function that calls a use…() for a hook user and wraps it in a signature call. In a Web Worker
    // Turbopack (Next 16.4) stubs that call with one returning undefined, so under `next dev` the
    // wrapped function became undefined: the engine's load() answered undefined (issue 12).
    // Training CLIs and tests never reach a bundle and are exempt; test support is not (the engine
    // harness's worker, lib/inference/testing/, is bundled).
    files: ['lib/**/*.ts'],
    ignores: ['lib/training/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^use[A-Z0-9]/], CallExpression[callee.property.name=/^use[A-Z0-9]/]',
          message:
            'Not a hook? Then do not name it use…: React Refresh wraps its caller, which breaks it in a dev-bundled Web Worker (see eslint.config.mjs).',
        },
      ],
    },
  },
  {
    // Only meaningful with the React Compiler, which this app does not enable.
    rules: { 'react-hooks/preserve-manual-memoization': 'off' },
  },
  {
    // Not React: lib/ and the Playwright fixtures (whose `use` callback is not a hook).
    files: ['lib/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
]);
