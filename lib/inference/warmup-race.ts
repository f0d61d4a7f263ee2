/**
 * The warm-up race: every candidate backend times one small image with its read-back (what a user
 * waits for while drawing) and a batch (what a sweep or the robustness check costs), on a network
 * of the lab's shape with fixed weights, so every backend does the same work. Each timed step is a
 * task of its own in the engine's background lane: predictions asked for meanwhile go first.
 */
import {
  conv2d,
  dispose,
  matMul,
  maxPool,
  relu,
  reshape,
  softmax,
  tensor4d,
  tidy,
  type Tensor,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import { INPUT_PIXELS, INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { hasLost } from './backend-choice';
import { median } from './latency-stats';
import type { BackendName, Workload, WorkloadTimings } from './types';

/**
 * Images in the batch workload. Smaller than a sweep's 289 so the slowest candidate (cpu: ≈ 5 ms an
 * image) costs a fraction of a second; a GPU's lead over wasm only grows with the batch, so a GPU
 * that wins here wins on the sweep too (one that loses here by a little might not: the choice errs
 * towards wasm).
 */
export const RACE_BATCH = 64;
/** Timed single predictions per candidate, after one untimed (cold) run. */
const SINGLE_RUNS = 5;
/** Timed batches per candidate at most, after one untimed run; a clear loser stops earlier. */
const BATCH_RUNS = 3;

/** Runs one step of the race when the engine is idle (its background lane). */
export type Schedule = <T>(step: () => Promise<T>) => Promise<T>;

/**
 * Times every candidate on both workloads, one step at a time through `schedule`. `load` fetches a
 * backend's package outside the schedule (a download must not hold the engine's queue); `activate`
 * makes it the active one (false when it cannot start: it then takes no further part). `stop` ends
 * the race early (the user forced a backend meanwhile). Returns medians in ms per backend.
 */
export async function raceBackends(
  candidates: readonly BackendName[],
  { load, activate }: { load: (name: BackendName) => Promise<boolean>; activate: (name: BackendName) => Promise<boolean> },
  schedule: Schedule,
  stop: () => boolean = () => false,
): Promise<Partial<Record<BackendName, WorkloadTimings>>> {
  const timings: Partial<Record<BackendName, WorkloadTimings>> = {};
  const leader = (workload: Workload) => Math.min(...Object.values(timings).map((t) => t?.[workload] ?? Number.POSITIVE_INFINITY));
  for (const name of candidates) {
    if (stop()) break;
    if (!(await load(name))) continue;
    const net = await schedule(async () => ((await activate(name)) ? createProxyNet() : null));
    if (!net) continue;
    try {
      const single = await schedule(async () => {
        await activate(name);
        await net.run(1); // cold: shader compilation, weight packing
        const times: number[] = [];
        for (let i = 0; i < SINGLE_RUNS; i++) times.push(await net.time(1));
        return median(times);
      });
      timings[name] = { single };
      const batch: number[] = [];
      for (let i = 0; i <= BATCH_RUNS && !stop(); i++) {
        const ms = await schedule(async () => {
          await activate(name);
          return net.time(RACE_BATCH);
        });
        if (i === 0) continue; // cold: not timed, and never a reason to give up (a GPU compiles its shaders here)
        batch.push(ms);
        if (hasLost(batch, leader('sweep'))) break;
      }
      if (batch.length > 0) timings[name] = { single, sweep: median(batch) };
    } catch {
      // A backend that fails mid-race (a lost device, an unsupported op) simply does not win.
    } finally {
      await schedule(async () => net.dispose());
    }
  }
  return timings;
}

interface ProxyNet {
  run(batch: number): Promise<void>;
  /** Wall time of one run of `batch` images including the read-back, ms. */
  time(batch: number): Promise<number>;
  dispose(): void;
}

/**
 * The lab's topology (conv 5×5×16, pool, conv 5×5×32, pool, dense 10, softmax) with fixed
 * weights, on the active backend.
 */
function createProxyNet(): ProxyNet {
  const filled = (shape: number[], scale: number) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tensor4d(
      Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * scale),
      [shape[0], shape[1], shape[2], shape[3]],
    );
  };
  const conv1 = filled([5, 5, 1, 16], 0.2);
  const conv2 = filled([5, 5, 16, 32], 0.05);
  const dense = tidy(() => reshape(filled([1, 1, 4 * 4 * 32, NUM_CLASSES], 0.05), [4 * 4 * 32, NUM_CLASSES]));
  const inputs = new Map<number, Tensor4D>();
  const input = (batch: number) => {
    let x = inputs.get(batch);
    if (!x) {
      x = tensor4d(
        Float32Array.from({ length: batch * INPUT_PIXELS }, (_, i) => (i % 29) / 29),
        [batch, INPUT_SIZE, INPUT_SIZE, 1],
      );
      inputs.set(batch, x);
    }
    return x;
  };
  const run = async (batch: number) => {
    const x = input(batch);
    const y: Tensor = tidy(() => {
      const a = maxPool(relu(conv2d(x, conv1, 1, 'valid')), 2, 2, 'valid');
      const b = maxPool(relu(conv2d(a, conv2, 1, 'valid')), 2, 2, 'valid');
      return softmax(matMul(reshape(b, [batch, -1]), dense));
    });
    try {
      await y.data();
    } finally {
      y.dispose();
    }
  };
  return {
    run,
    time: async (batch) => {
      const t0 = performance.now();
      await run(batch);
      return performance.now() - t0;
    },
    dispose: () => dispose([conv1, conv2, dense, ...inputs.values()]),
  };
}
