import type { Page } from '@playwright/test';
import type { BackendName } from '../../lib/inference/types';

/**
 * Page object for the engine harness, /dev/engine (served when the server runs with
 * ENGINE_HARNESS=1): the lab's engine on `window.__engine` (lib/inference/testing/harness.ts).
 * Shared by the e2e suite and the bench, so both open and wait for it the same way.
 */
export class EngineHarnessPage {
  /** The status line once every model has answered a first prediction. */
  static readonly READY = '[data-testid="engine-status"][data-ready="true"]';

  constructor(
    readonly page: Page,
    /** How long loading may take (downloads, shader compilation on slow backends). */
    private readonly timeout = 120_000,
  ) {}

  /**
   * Opens the harness on `backend` (`isolated`: with COOP + COEP; `models`: 'all' or ids, default
   * the default pair) and waits until it is ready.
   */
  async open(
    backend: BackendName | 'auto',
    { isolated = false, models }: { isolated?: boolean; models?: 'all' | readonly string[] } = {},
  ): Promise<void> {
    const only = models ? `&models=${models === 'all' ? 'all' : models.join(',')}` : '';
    await this.page.goto(`/dev/engine?backend=${backend}${isolated ? '&isolated=1' : ''}${only}`);
    await this.waitUntilReady();
  }

  /** Reloads the page (a fresh worker, same browser storage) and waits until it is ready. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator(EngineHarnessPage.READY).waitFor({ timeout: this.timeout });
  }
}
