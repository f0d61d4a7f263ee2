import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '@/lib/training/hyperparameters';
import { FULL_SETTINGS, planRuns, queueOrder, QUICK_SETTINGS, runId, scheduleFor } from './plan';
import { runFlagsSchema } from './schema';

describe('the experiment plan', () => {
  it('full data keeps the recipe exactly; small sets get more epochs with the same total decay', () => {
    expect(scheduleFor(50_000, FULL_SETTINGS)).toEqual({ epochs: 10, learningRateDecayPerEpoch: DEFAULT_HYPERPARAMETERS.learningRateDecayPerEpoch });
    const small = scheduleFor(500, FULL_SETTINGS);
    // 8 steps an epoch: 125 epochs give the 1,000 steps.
    expect(small.epochs).toBe(125);
    expect(small.learningRateDecayPerEpoch ** small.epochs).toBeCloseTo(0.85 ** 10, 12);
  });

  it('holds 3 seeds × cnn, lcn at 50,000; 3 × 4 sizes × 3 models; 3 × 3 permuted at 10,000; unique valid flags', () => {
    const runs = planRuns(FULL_SETTINGS, ['seeds', 'samples', 'permuted']);
    const count = (group: string) => runs.filter((r) => r.group === group).length;
    expect([count('seeds'), count('samples'), count('permuted')]).toEqual([6, 36, 9]);
    expect(new Set(runs.map(runId)).size).toBe(runs.length);
    for (const r of runs) expect(runFlagsSchema.parse(r.flags)).toEqual(r.flags);
    const seed42 = runs.find((r) => r.key === 'cnn-n50000-s42')!;
    expect(seed42.flags).toMatchObject({ validationImages: 10_000, testImages: 10_000, shiftImages: 1_000, permutationSeed: null, epochs: 10 });
    expect(runs.find((r) => r.key === 'mlp-n10000-s43-perm784')?.flags.permutationSeed).toBe(784);
    // Shift sweeps only where they are read: the seeds group.
    expect(runs.filter((r) => r.flags.shiftImages > 0).every((r) => r.group === 'seeds')).toBe(true);
  });

  it('plans only the groups asked for, and refuses training images that reach into validation', () => {
    expect(planRuns(QUICK_SETTINGS, ['permuted']).map((r) => r.group)).toEqual(Array(6).fill('permuted'));
    expect(() => planRuns({ ...FULL_SETTINGS, fullTrainImages: 55_000 }, ['seeds'])).toThrow(/overlap/);
  });

  it('queues the cheapest group to complete first, and each group longest run first', () => {
    const runs = planRuns(FULL_SETTINGS, ['seeds', 'samples', 'permuted']).filter((r) => r.group !== 'seeds' || r.key.startsWith('lcn-n50000-s44'));
    const cost = (r: (typeof runs)[number]) => r.flags.trainImages * r.flags.epochs * (r.flags.model === 'lcn' ? 50 : 1);
    const order = queueOrder(runs, cost);
    expect(order.map((r) => r.group).filter((g, i, all) => g !== all[i - 1])).toEqual(['permuted', 'seeds', 'samples']);
    expect(order[0]!.flags.model).toBe('lcn');
    const samples = order.filter((r) => r.group === 'samples').map(cost);
    expect(samples).toEqual([...samples].sort((a, b) => b - a));
    expect(new Set(order)).toEqual(new Set(runs));
  });
});
