import { describe, expect, it } from 'vitest';
import {
  benchmarkBars,
  benchmarkVerdict,
  benchmarkWinners,
  overallWinner,
  type BenchmarkCell,
  type DeviceBenchmark,
} from './device-benchmark';

const cell = (backend: BenchmarkCell['backend'], modelId: BenchmarkCell['modelId'], single: number, sweep: number): BenchmarkCell => ({
  backend,
  modelId,
  coldMs: 1,
  singleP50Ms: single,
  singleP95Ms: single * 1.5,
  sweepMs: sweep,
  sweepMethod: modelId === 'cnn' ? 'equivariant' : 'batched',
});

const benchmark: DeviceBenchmark = {
  adapter: 'nvidia ampere',
  cells: [
    cell('wasm', 'cnn', 0.11, 3.3),
    cell('wasm', 'lcn', 0.23, 19.5),
    cell('webgpu', 'cnn', 0.9, 2.1),
    cell('webgpu', 'lcn', 0.8, 4),
    cell('cpu', 'cnn', 3.6, 195),
  ],
  failed: [{ backend: 'webgl', error: 'no WebGL2' }],
};

describe('device benchmark summary', () => {
  it('names the winner of every model × workload and its lead over the runner-up', () => {
    const winners = benchmarkWinners(benchmark);
    expect(winners.map((w) => [w.modelId, w.workload, w.backend])).toEqual([
      ['cnn', 'single', 'wasm'],
      ['cnn', 'sweep', 'webgpu'],
      ['lcn', 'single', 'wasm'],
      ['lcn', 'sweep', 'webgpu'],
    ]);
    expect(winners[1].leadOverNext).toBeCloseTo(3.3 / 2.1, 6);
    expect(benchmarkWinners({ ...benchmark, cells: [cell('wasm', 'cnn', 0.1, 3)] })[0].leadOverNext).toBeNull();
  });

  it('judges a workload over the models together, among backends that ran them all', () => {
    // cpu is fastest at nothing and ran only the CNN: never the overall winner.
    expect(overallWinner(benchmark, 'single')).toBe('wasm');
    expect(overallWinner(benchmark, 'sweep')).toBe('webgpu');
    expect(benchmarkVerdict(benchmark)).toBe('predictions on wasm, sweeps on webgpu');
    expect(benchmarkVerdict({ ...benchmark, cells: benchmark.cells.filter((c) => c.backend === 'wasm') })).toBe(
      'wasm wins both predictions and sweeps',
    );
    expect(benchmarkVerdict({ adapter: '', cells: [], failed: [] })).toBe('No backend ran every model');
  });

  it('draws one bar per cell and workload, winners marked', () => {
    const bars = benchmarkBars(benchmark);
    expect(bars).toHaveLength(10);
    expect(bars.filter((b) => b.winner).map((b) => `${b.workload} ${b.modelId} ${b.backend}`)).toEqual([
      'single cnn wasm',
      'single lcn wasm',
      'sweep cnn webgpu',
      'sweep lcn webgpu',
    ]);
  });
});
