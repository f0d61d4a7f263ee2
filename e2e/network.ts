import type { Page } from '@playwright/test';

/**
 * Network conditions for Chromium's emulation (CDP `Network.emulateNetworkConditions`, applied to
 * the page and its workers): Lighthouse's mobile "slow 4G" and its desktop profile, with the goals
 * of issue 18 for a fresh visit to the lab. Shared by the e2e suite and `npm run bench`.
 */
export interface NetworkProfile {
  name: string;
  downloadBitsPerSecond: number;
  uploadBitsPerSecond: number;
  /** Added to every request's round trip. */
  latencyMs: number;
  /** A fresh visit's goals: navigation → the first model's prediction, → every model on screen predicting. */
  goals: { firstPredictionMs: number; allPredictionsMs: number };
}

export const NETWORK_PROFILES = {
  slow: {
    name: '1.6 Mbit/s, 150 ms',
    downloadBitsPerSecond: 1.6e6,
    uploadBitsPerSecond: 750e3,
    latencyMs: 150,
    goals: { firstPredictionMs: 4_000, allPredictionsMs: 10_000 },
  },
  fast: {
    name: '10 Mbit/s, 40 ms',
    downloadBitsPerSecond: 10e6,
    uploadBitsPerSecond: 10e6,
    latencyMs: 40,
    goals: { firstPredictionMs: 1_500, allPredictionsMs: 2_500 },
  },
} as const satisfies Record<string, NetworkProfile>;

/** Emulates `profile` for `page` (and the workers it starts) until the page closes. */
export async function emulateNetwork(page: Page, profile: NetworkProfile): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: profile.downloadBitsPerSecond / 8,
    uploadThroughput: profile.uploadBitsPerSecond / 8,
  });
}
