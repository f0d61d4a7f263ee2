import { INPUT_PIXELS } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import { round3 } from './latency-stats';
import { yieldToEventLoop } from './serial-queue';
import type { EvaluationResult, EvaluationSamples, ShiftMethod } from './types';

/** Images per chunk when evaluating many shifted digits in batches (bounds memory). */
const EVAL_CHUNK_IMAGES = 1024;

/** Top-1 of a chunk of `digits` digits (784 bytes each) under every shift, digit-major, and how it was computed. */
export type ChunkRunner = (images: Uint8Array, digits: number) => Promise<{ tops: Int32Array; method: ShiftMethod }>;

/**
 * Accuracy of one model on `samples` under each shift in `shifts`, a chunk at a time. The engine's
 * `runChunk` takes its own turn in the engine's queue, so predictions and sweeps asked for meanwhile
 * are not held up for the whole run.
 */
export async function evaluateInChunks(
  samples: EvaluationSamples,
  shifts: readonly ShiftOffset[],
  runChunk: ChunkRunner,
  onProgress: (done: number, total: number) => unknown,
): Promise<EvaluationResult> {
  const t0 = performance.now();
  const count = samples.labels.length;
  const s = shifts.length;
  const correct = new Array<number>(s).fill(0);
  const digitsPerChunk = Math.max(1, Math.floor(EVAL_CHUNK_IMAGES / Math.max(1, s)));
  let method: ShiftMethod = 'batched';
  for (let start = 0; start < count; start += digitsPerChunk) {
    const end = Math.min(count, start + digitsPerChunk);
    const chunk = await runChunk(samples.images.subarray(start * INPUT_PIXELS, end * INPUT_PIXELS), end - start);
    method = chunk.method;
    for (let d = start; d < end; d++) {
      for (let k = 0; k < s; k++) if (chunk.tops[(d - start) * s + k] === samples.labels[d]) correct[k]++;
    }
    await onProgress(end * s, count * s);
    // Lets requests that arrived meanwhile (worker messages) queue before the next chunk.
    await yieldToEventLoop();
  }
  const total = correct.reduce((a, b) => a + b, 0);
  return {
    accuracyByShift: correct.map((c) => (count ? c / count : 0)),
    accuracy: count * s ? total / (count * s) : 0,
    evaluated: count * s,
    ms: round3(performance.now() - t0),
    method,
  };
}
