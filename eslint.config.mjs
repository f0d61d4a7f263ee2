import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.next-e2e-dev/**', 'out/**', 'bench/out/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'public/**', 'assembly/**']),
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
    // lib/ has no hooks, so nothing in it may be called use…: React Refresh's dev transform takes any
    // function that calls a use…() for a hook user and wraps it in a signature call. In a Web Worker
    // Turbopack (Next 16.4) stubs that call with one returning undefined, so under `next dev` the
    // wrapped function became undefined: the engine's load() answered undefined (issue 12).
    // Node-only code (training CLIs, test support) never reaches a bundle and is exempt.
    files: ['lib/**/*.ts'],
    ignores: ['lib/training/**', 'lib/**/*.test.ts', 'lib/**/test-*.ts', 'lib/**/testing/**'],
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
