import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws outside a React Server bundle; in Node tests take its server build, a no-op.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'bench/**/*.test.ts', 'loadtest/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // tfjs keeps one global engine per process; isolate files in forks.
    pool: 'forks',
  },
});
