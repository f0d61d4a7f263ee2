import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'out/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'public/**', 'assembly/**']),
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
    // Only meaningful with the React Compiler, which this app does not enable.
    rules: { 'react-hooks/preserve-manual-memoization': 'off' },
  },
  {
    // Not React: lib/ and the Playwright fixtures (whose `use` callback is not a hook).
    files: ['lib/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
]);
