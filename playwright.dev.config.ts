import { createServer } from 'node:net';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser';

/**
 * The dev smoke test: `npm run dev` as a newcomer runs it (Turbopack dev bundles, React Strict
 * Mode, HMR), in its own output directory and on a free port, so it never collides with a
 * running `npm run dev` or with the production suite (playwright.config.ts) and its `.next/`.
 */
const DIST_DIR = '.next-e2e-dev';

/** A port nobody listens on; chosen once and handed to the test workers through the environment. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().unref();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

process.env.E2E_DEV_PORT ??= String(await freePort());
const port = Number(process.env.E2E_DEV_PORT);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.dev.spec.ts',
  timeout: 150_000,
  expect: { timeout: 90_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results/dev',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: 'chromium-next-dev', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `npx next dev -p ${port}`,
    url: baseURL,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { NEXT_DIST_DIR: DIST_DIR, LOCAL_BLOB_DIR: '.data/e2e-dev-blob', NEXT_TELEMETRY_DISABLED: '1' },
    stdout: 'pipe',
  },
});
