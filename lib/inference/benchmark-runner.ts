/** Runs a device benchmark (device-benchmark.ts) inside an engine: every backend here × the given models. */
import { INPUT_PIXELS } from '@/lib/digits/constants';
import type { ModelId } from '@/lib/models/ids';
import {
  BENCHMARK_DEFAULTS,
  type BenchmarkCell,
  type BenchmarkFailure,
  type BenchmarkOptions,
  type BenchmarkProgress,
} from './device-benchmark';
import type { VerifiedModelFiles } from './download';
import { errorMessage } from './errors';
import { predictOne, sweepOne } from './execution';
import { median, round3, summarize } from './latency-stats';
import { buildModel, disposeModel, shiftMethodOf } from './loaded-model';
import type { SerialQueue } from './serial-queue';
import type { BackendName } from './types';

/** What the runner needs of the engine. */
export interface BenchmarkHost {
  /** Every backend worth trying here, software renderers included: a benchmark measures them all. */
  backends: readonly BackendName[];
  activate(name: BackendName): Promise<boolean>;
  /** A model's verified files (downloaded if need be). */
  files(id: ModelId): Promise<VerifiedModelFiles>;
  /** The engine's queue: each backend × model is one turn, so the engine answers other calls in between. */
  queue: SerialQueue;
}

/**
 * Builds each model on each backend in turn and times single predictions and sweeps of one digit,
 * then frees it. A backend that does not start, or fails a run, is listed with why; the others go on.
 */
export async function runDeviceBenchmark(
  host: BenchmarkHost,
  ids: readonly ModelId[],
  options: BenchmarkOptions = {},
  onProgress?: (progress: BenchmarkProgress) => unknown,
): Promise<{ cells: BenchmarkCell[]; failed: BenchmarkFailure[] }> {
  const { singleRuns, sweepRuns, sweepBudgetMs } = { ...BENCHMARK_DEFAULTS, ...options };
  const files = await Promise.all(ids.map((id) => host.files(id)));
  // A blank digit costs what any digit costs; the sweep's method does not depend on the pixels.
  const x = new Float32Array(INPUT_PIXELS);
  const cells: BenchmarkCell[] = [];
  const failed: BenchmarkFailure[] = [];
  const total = host.backends.length * ids.length;
  let done = 0;
  for (const backend of host.backends) {
    for (const f of files) {
      const report = () => void Promise.resolve(onProgress?.({ done, total, backend, modelId: f.modelId })).catch(() => undefined);
      report();
      if (failed.some((b) => b.backend === backend)) {
        done++;
        continue;
      }
      try {
        cells.push(await host.queue(() => measureCell(host, backend, f, x, singleRuns, sweepRuns, sweepBudgetMs)));
      } catch (e) {
        failed.push({ backend, error: errorMessage(e).slice(0, 200) });
      }
      done++;
    }
  }
  void Promise.resolve(onProgress?.({ done, total, backend: host.backends.at(-1) ?? 'cpu', modelId: ids.at(-1) ?? ids[0] })).catch(
    () => undefined,
  );
  return { cells, failed };
}

async function measureCell(
  host: BenchmarkHost,
  backend: BackendName,
  files: VerifiedModelFiles,
  x: Float32Array,
  singleRuns: number,
  sweepRuns: number,
  sweepBudgetMs: number,
): Promise<BenchmarkCell> {
  if (!(await host.activate(backend))) throw new Error(`${backend} did not start here`);
  const m = await buildModel(files, backend);
  try {
    const singles: number[] = [];
    for (let i = 0; i < singleRuns + 2; i++) {
      const { latencyMs } = await predictOne(m, x);
      if (i >= 2) singles.push(latencyMs);
    }
    await sweepOne(m, x, 'auto'); // cold: the batch shapes compile here
    const sweeps: number[] = [];
    const t0 = performance.now();
    while (sweeps.length < Math.max(1, sweepRuns) && (sweeps.length === 0 || performance.now() - t0 < sweepBudgetMs)) {
      sweeps.push((await sweepOne(m, x, 'auto')).ms);
    }
    const { p50Ms, p95Ms } = summarize(singles);
    return {
      backend,
      modelId: files.modelId,
      coldMs: m.info.coldMs,
      singleP50Ms: p50Ms,
      singleP95Ms: p95Ms,
      sweepMs: round3(median(sweeps)),
      sweepMethod: shiftMethodOf(m),
    };
  } finally {
    disposeModel(m);
  }
}
