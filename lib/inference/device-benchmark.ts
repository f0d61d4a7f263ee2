/**
 * "Benchmark this device": every backend that runs here × the models on screen × (one prediction,
 * one sweep). The result's shape, and what the lab reads from it (winners, chart rows), pure so the
 * share page can show a shared result exactly as the lab showed it.
 */
import type { ModelId } from '@/lib/models/ids';
import type { BackendName, ShiftMethod, Workload } from './types';

/** One backend × model of a device benchmark; times in ms. */
export interface BenchmarkCell {
  backend: BackendName;
  modelId: ModelId;
  /** The first run after building (shader compilation, weight packing). */
  coldMs: number;
  /** Warm single predictions with their read-back: median and 95th percentile. */
  singleP50Ms: number;
  singleP95Ms: number;
  /** Median of the 289-shift sweeps after a cold one, and how they ran. */
  sweepMs: number;
  sweepMethod: ShiftMethod;
}

/** A backend that did not start here, or failed a run, and why. */
export interface BenchmarkFailure {
  backend: BackendName;
  error: string;
}

/** A finished device benchmark: what a share link can carry. */
export interface DeviceBenchmark {
  /** The WebGPU adapter in words ("google swiftshader (software)", "no WebGPU adapter"). */
  adapter: string;
  cells: BenchmarkCell[];
  failed: BenchmarkFailure[];
}

/** Where a running benchmark is: `done` of `total` backend × model steps, the one running now. */
export interface BenchmarkProgress {
  done: number;
  total: number;
  backend: BackendName;
  modelId: ModelId;
}

/** Options of a benchmark run; the defaults keep a 4-backend run on a phone-class CPU under a minute. */
export interface BenchmarkOptions {
  /** Timed single predictions per cell (after two untimed ones). */
  singleRuns?: number;
  /** Timed sweeps per cell at most (after a cold one); at least one is timed. */
  sweepRuns?: number;
  /** Time after which a cell's remaining sweeps are skipped, ms. */
  sweepBudgetMs?: number;
}

export const BENCHMARK_DEFAULTS: Required<BenchmarkOptions> = { singleRuns: 20, sweepRuns: 3, sweepBudgetMs: 1_500 };

/** The time a cell took for a workload, ms. */
export function cellMs(cell: BenchmarkCell, workload: Workload): number {
  return workload === 'single' ? cell.singleP50Ms : cell.sweepMs;
}

/** The fastest backend for one model and workload, with the runner-up, or null when nothing ran. */
export interface CellWinner {
  modelId: ModelId;
  workload: Workload;
  backend: BackendName;
  ms: number;
  /** How many times slower the runner-up was (null: no other backend ran). */
  leadOverNext: number | null;
}

/** The winner of every model × workload, in the order the models and workloads first appear. */
export function benchmarkWinners(benchmark: DeviceBenchmark, workloads: readonly Workload[] = ['single', 'sweep']): CellWinner[] {
  const models = [...new Set(benchmark.cells.map((c) => c.modelId))];
  return models.flatMap((modelId) =>
    workloads.flatMap((workload) => {
      const ranked = benchmark.cells
        .filter((c) => c.modelId === modelId && Number.isFinite(cellMs(c, workload)))
        .sort((a, b) => cellMs(a, workload) - cellMs(b, workload));
      if (ranked.length === 0) return [];
      const [best, next] = ranked;
      const ms = cellMs(best, workload);
      return [{ modelId, workload, backend: best.backend, ms, leadOverNext: next && ms > 0 ? cellMs(next, workload) / ms : null }];
    }),
  );
}

/**
 * The backend to pick for a workload on this device, judged over the models together: the one
 * with the smallest sum of times among backends that ran every model (null when none did).
 */
export function overallWinner(benchmark: DeviceBenchmark, workload: Workload): BackendName | null {
  const models = new Set(benchmark.cells.map((c) => c.modelId));
  const sums = new Map<BackendName, { ms: number; models: number }>();
  for (const c of benchmark.cells) {
    const ms = cellMs(c, workload);
    if (!Number.isFinite(ms)) continue;
    const s = sums.get(c.backend) ?? { ms: 0, models: 0 };
    sums.set(c.backend, { ms: s.ms + ms, models: s.models + 1 });
  }
  const complete = [...sums].filter(([, s]) => s.models === models.size).sort((a, b) => a[1].ms - b[1].ms);
  return complete[0]?.[0] ?? null;
}

/** The result in one line: "predictions: wasm, sweeps: wasm" or with the backend per workload. */
export function benchmarkVerdict(benchmark: DeviceBenchmark): string {
  const single = overallWinner(benchmark, 'single');
  const sweep = overallWinner(benchmark, 'sweep');
  if (!single || !sweep) return 'No backend ran every model';
  return single === sweep ? `${single} wins both predictions and sweeps` : `predictions on ${single}, sweeps on ${sweep}`;
}

/** One bar of the benchmark chart. */
export interface BenchmarkBar {
  modelId: ModelId;
  workload: Workload;
  backend: BackendName;
  ms: number;
  winner: boolean;
}

/** The chart's bars: one per cell and workload, each marked when it is that model × workload's winner. */
export function benchmarkBars(benchmark: DeviceBenchmark): BenchmarkBar[] {
  const winners = benchmarkWinners(benchmark);
  const won = (modelId: ModelId, workload: Workload, backend: BackendName) =>
    winners.some((w) => w.modelId === modelId && w.workload === workload && w.backend === backend);
  return (['single', 'sweep'] as const).flatMap((workload) =>
    benchmark.cells.map((c) => ({
      modelId: c.modelId,
      workload,
      backend: c.backend,
      ms: cellMs(c, workload),
      winner: won(c.modelId, workload, c.backend),
    })),
  );
}
