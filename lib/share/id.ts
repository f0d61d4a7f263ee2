import { sha256Base64Url } from '@/lib/storage/hash';
import { sharedModels, sharedResult, type RaceShare, type Share } from './schema';

/** Characters of a share id: 22 base64url characters = 132 bits of SHA-256. */
export const SHARE_ID_LENGTH = 22;

/** Exactly what a share id looks like; anything else is rejected before storage is touched. */
export const SHARE_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${SHARE_ID_LENGTH}}$`);

/** True when `id` has the exact shape of a share id. */
export function isShareId(id: unknown): id is string {
  return typeof id === 'string' && SHARE_ID_PATTERN.test(id);
}

/**
 * The share as JSON in one fixed spelling: keys in a fixed order (results in the shared models'
 * order), numbers as the schema rounded them, written by JSON.stringify (shortest round-trip form).
 * This is both the stored document and the input of the id hash; a version 1 share keeps its
 * version-1 spelling, so its id never changes.
 */
export function canonicalShareJson(share: Share): string {
  if (share.v === 3) return canonicalRaceJson(share);
  const models = sharedModels(share);
  const results = Object.fromEntries(
    models.map((id) => {
      const { probs, top, latencyMs, backend } = sharedResult(share, id);
      return [id, { probs, top, latencyMs, backend }];
    }),
  );
  const digit = { input: share.input, shift: { dx: share.shift.dx, dy: share.shift.dy } };
  if (share.v === 1) return JSON.stringify({ v: 1, ...digit, results });
  const benchmark = share.benchmark && {
    adapter: share.benchmark.adapter,
    cells: share.benchmark.cells.map(({ backend, modelId, coldMs, singleP50Ms, singleP95Ms, sweepMs, sweepMethod }) => ({
      backend,
      modelId,
      coldMs,
      singleP50Ms,
      singleP95Ms,
      sweepMs,
      sweepMethod,
    })),
    failed: share.benchmark.failed.map(({ backend, error }) => ({ backend, error })),
  };
  // Written only when attached, so a share without one keeps the spelling (and id) it had before.
  return JSON.stringify({ v: 2, ...digit, models: [...models], results, ...(benchmark ? { benchmark } : {}) });
}

/** A shared race in one fixed spelling (keys in schema order). */
function canonicalRaceJson({ race }: RaceShare): string {
  const { settings, backend, outcome, wallSeconds, heldOutDigits } = race;
  const models = race.models.map(
    ({ modelId, step, totalSteps, loss, accuracy, seconds, trainSeconds, finalAccuracy, samplesPerSecond }) => ({
      modelId,
      step,
      totalSteps,
      loss,
      accuracy,
      seconds,
      trainSeconds,
      finalAccuracy,
      samplesPerSecond,
    }),
  );
  return JSON.stringify({
    v: 3,
    race: {
      settings: { models: [...settings.models], trainImages: settings.trainImages, epochs: settings.epochs },
      backend,
      outcome,
      wallSeconds,
      heldOutDigits,
      models,
    },
  });
}

/** Content address of a canonical share: base64url (no padding) of its SHA-256, first 22 characters. */
export function shareIdOf(canonicalJson: string): string {
  return sha256Base64Url(canonicalJson).slice(0, SHARE_ID_LENGTH);
}

/** Path of the page that shows a share. */
export function sharePath(id: string): string {
  return `/s/${id}`;
}
