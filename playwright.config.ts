import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BLOB_DIR } from './e2e/browser';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: './e2e',
  // The `next dev` smoke test has its own config (playwright.dev.config.ts).
  testIgnore: '**/*.dev.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // Always against a production build, on an isolated local blob store, serving the engine harness.
    command:
      existsSync('.next/BUILD_ID') && process.env.E2E_SKIP_BUILD
        ? `npx next start -p ${port}`
        : `npm run build && npx next start -p ${port}`,
    url: baseURL,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { LOCAL_BLOB_DIR: E2E_BLOB_DIR, ENGINE_HARNESS: '1' },
    stdout: 'pipe',
  },
});
