/** The lab's side of sharing: the request body for what it shows, and the call to the route. Browser-safe. */
import { asApiError } from '@/lib/api-error';
import { encodePixels } from '@/lib/digits/codec';
import type { ShiftOffset } from '@/lib/digits/shift';
import { errorMessage } from '@/lib/inference/errors';
import type { DeviceBenchmark } from '@/lib/inference/device-benchmark';
import type { Prediction } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';
import type { RaceResult } from '@/lib/learning/race';
import { SHARE_API_PATH, type RaceShareRequest, type ShareCreated, type ShareRequest } from './api';

/** What the lab shows: the unshifted input, the shift, and each shown model's reading of the shifted input. */
export interface ShownResult {
  pixels: Uint8Array;
  shift: ShiftOffset;
  /** The pair on the page, in column order. */
  models: readonly [ModelId, ModelId];
  /** Each carries the backend it ran on. */
  predictions: Partial<Record<ModelId, Prediction>>;
  /** A device benchmark to attach, so whoever opens the link can compare devices. */
  benchmark?: DeviceBenchmark | null;
}

/** The `POST /api/share` body for what the lab shows, or null while a shown model has no prediction yet. */
export function shareRequestFor({ pixels, shift, models, predictions, benchmark }: ShownResult): ShareRequest | null {
  const results: ShareRequest['results'] = {};
  for (const id of models) {
    const prediction = predictions[id];
    if (!prediction) return null;
    results[id] = { probs: prediction.probs, top: prediction.top, latencyMs: prediction.latencyMs, backend: prediction.backend };
  }
  const request: ShareRequest = {
    v: 2,
    input: encodePixels(pixels),
    shift: { dx: shift.dx, dy: shift.dy },
    models: [models[0], models[1]],
    results,
  };
  return benchmark ? { ...request, benchmark } : request;
}

/** The `POST /api/share` body (version 3) for a finished or stopped race: settings, curves and summary, no weights. */
export function raceShareRequest({ settings, backend, outcome, wallSeconds, heldOutDigits, models }: RaceResult): RaceShareRequest {
  const side = (m: RaceResult['models'][number]) => ({
    modelId: m.modelId,
    step: m.step,
    totalSteps: m.totalSteps,
    loss: m.loss.map(([step, value]) => [step, value] as [number, number]),
    accuracy: m.accuracy.map(([step, value]) => [step, value] as [number, number]),
    seconds: m.seconds,
    trainSeconds: m.trainSeconds,
    finalAccuracy: m.finalAccuracy,
    samplesPerSecond: m.samplesPerSecond,
  });
  return {
    v: 3,
    race: {
      settings: { models: [settings.models[0], settings.models[1]], trainImages: settings.trainImages, epochs: settings.epochs },
      backend: backend as RaceShareRequest['race']['backend'],
      outcome,
      wallSeconds,
      heldOutDigits,
      models: [side(models[0]), side(models[1])],
    },
  };
}

/** A share that was not stored: the route's message, and its HTTP status (null when no answer came). */
export class ShareError extends Error {
  override name = 'ShareError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * Stores a result: resolves with its id and page path.
 * @throws ShareError with the route's error message and status.
 */
export async function postShare(body: ShareRequest | RaceShareRequest, fetchImpl: typeof fetch = fetch): Promise<ShareCreated> {
  let response: Response;
  try {
    response = await fetchImpl(SHARE_API_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ShareError(errorMessage(e), null);
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && isShareCreated(json)) return json;
  throw new ShareError(asApiError(json)?.error ?? `HTTP ${response.status}`, response.status);
}

function isShareCreated(body: unknown): body is ShareCreated {
  const { id, url } = (body ?? {}) as Partial<Record<keyof ShareCreated, unknown>>;
  return typeof id === 'string' && typeof url === 'string';
}
