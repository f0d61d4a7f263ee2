import { BACKENDS } from '../lib/inference/types';
import { DEFAULT_PAIR } from '../lib/models/ids';
import type { ConsoleMessage } from '@playwright/test';
import { newClient } from '../lib/http/testing/raw-request';
import { validShareBody } from '../lib/share/testing/share-body';
import { expect, test } from './pages/lab';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Runs in a page or worker: fetches another origin and reports the violations it caused. */
async function refusedConnection(): Promise<{ outcome: string; directives: string[] }> {
  const directives: string[] = [];
  const listener = (e: SecurityPolicyViolationEvent) => directives.push(e.effectiveDirective);
  self.addEventListener('securitypolicyviolation', listener);
  let outcome = 'fetched';
  try {
    await fetch('http://127.0.0.1:9/');
  } catch {
    outcome = 'failed';
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  self.removeEventListener('securitypolicyviolation', listener);
  return { outcome, directives };
}

// The lab really runs under its Content-Security-Policy: on every backend, drawing, predicting,
// sweeping, the Plot charts and sharing raise no violation, in the page or in the worker.

test.describe('the lab under its Content-Security-Policy', () => {
  test.describe.configure({ timeout: 240_000 });

  for (const backend of BACKENDS) {
    test(`${backend}: drawing, predicting, sweeping, the charts and sharing record no CSP violation`, async ({ page, lab }) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
        );
      });
      // Chromium logs every violation to the console of the page or worker it happens in.
      const record = (message: ConsoleMessage) => {
        if (/content security policy|refused to/i.test(message.text())) violations.push(message.text());
      };
      page.on('console', record);
      page.on('worker', (worker) => worker.on('console', record));
      await page.setExtraHTTPHeaders(newClient());

      const response = await page.goto('/');
      // The lab's page is served as built: its policy, from the build, admits its inline scripts by hash.
      const policy = response!.headers()['content-security-policy'];
      const scripts = policy.split('; ').find((directive) => directive.startsWith('script-src '));
      expect(scripts).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+ 'wasm-unsafe-eval'$/);
      expect(policy).toContain("frame-ancestors 'none'");
      await lab.waitForModels();
      await lab.forceBackend(backend);
      await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend, { timeout: 90_000 });

      await lab.draw([
        [
          [0.5, 0.15],
          [0.5, 0.85],
        ],
      ]);
      const predictions = await lab.predictions();
      for (const id of DEFAULT_PAIR) expect(predictions[id].probs).toHaveLength(10);
      for (const id of DEFAULT_PAIR) await lab.sweepTops(id);
      await lab.setShift(2, -1);
      await lab.predictions();
      // Observable Plot renders the model cards' charts when they come into view.
      await page.getByTestId('model-cards').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('model-cards').locator('svg').first()).toBeVisible();
      await page.getByTestId('share-button').click();
      await expect(page.getByTestId('share-url')).toHaveAttribute('href', /\/s\/[A-Za-z0-9_-]{22}$/);

      violations.push(...((await page.evaluate(() => window.__cspViolations)) ?? []));
      expect(violations).toEqual([]);

      // The worker runs under its own policy (it comes with the worker's script): a connection to
      // another origin is refused there as in the page. (Playwright's evaluate is exempt from
      // eval checks, not from these.) Port 9 on loopback: refused before any packet is sent.
      const [worker] = page.workers();
      expect(worker, 'the inference worker').toBeDefined();
      expect(await page.evaluate(refusedConnection)).toEqual({ outcome: 'failed', directives: ['connect-src'] });
      expect(await worker.evaluate(refusedConnection)).toEqual({ outcome: 'failed', directives: ['connect-src'] });
    });
  }

  test('the shared-result page and the 404 page run under it too, and the lab cannot be framed', async ({ page, request }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy|refused to/i.test(message.text())) violations.push(message.text());
    });
    const { url } = await (await request.post('/api/share', { data: validShareBody(), headers: newClient() })).json();
    for (const path of [url, '/no-such-page']) {
      const response = await page.goto(path);
      const headers = response!.headers();
      expect(headers['content-security-policy'], path).toMatch(/'nonce-/);
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
    await page.goto(url);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 90_000 });

    // Another site frames the lab: the browser refuses to render it.
    const origin = new URL(page.url()).origin;
    await page.route('http://framer.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<iframe src="${origin}/" width="800" height="600"></iframe>` }),
    );
    await page.goto('http://framer.test/');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await page.waitForTimeout(1_000);
    expect(
      await frame
        ?.locator('[data-testid="backend"]')
        .count()
        .catch(() => 0),
    ).toBe(0);
    expect(violations.filter((v) => !/frame-ancestors/.test(v))).toEqual([]);
  });
});
