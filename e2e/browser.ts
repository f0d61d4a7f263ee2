import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** The Chromium to test with: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Flags that make headless Chromium expose WebGPU and stay quiet on a closed network. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS };
}

/** The e2e server's local blob store (playwright.config.ts); specs that look into the store read it here. */
export const E2E_BLOB_DIR = '.data/e2e-blob';
