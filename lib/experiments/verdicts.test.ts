import { describe, expect, it } from 'vitest';
import { MODEL_SPECS, type ModelSpec } from '@/lib/models/registry';
import { accuracies, shiftModel, syntheticSeeds, type SyntheticMeasures } from './testing/synthetic';
import {
  convergenceVerdict,
  invarianceVerdict,
  localityVerdict,
  parametersVerdict,
  priorVerdict,
  regularisationVerdict,
} from './verdicts';

const HIGH = accuracies(0.95, 0.951, 0.952);
const LOW = accuracies(0.9, 0.902, 0.901);
const LOW_OVERLAPPING = accuracies(0.949, 0.953, 0.95);

describe('parameters', () => {
  const spec = (id: 'cnn' | 'lcn' | 'cnn-gap' | 'lcn-gap', params: number): ModelSpec => ({ ...MODEL_SPECS.find((s) => s.id === id)!, params });

  it('is supported by the registry: sharing cuts the parameters in every pair, quoted with the ratio', () => {
    const { verdict, sentence } = parametersVerdict(MODEL_SPECS);
    expect(verdict).toBe('supported');
    expect(sentence).toContain('CNN 18,378 vs LCN 1,065,994 (58×)');
    expect(sentence).toContain('CNN-GAP 13,578 vs LCN-GAP 1,061,194');
  });

  it('is contradicted, no-difference or mixed when the counts say so', () => {
    expect(parametersVerdict([spec('cnn', 10), spec('lcn', 5)]).verdict).toBe('contradicted');
    expect(parametersVerdict([spec('cnn', 5), spec('lcn', 5)]).verdict).toBe('no-difference');
    expect(parametersVerdict([spec('cnn', 5), spec('lcn', 10), spec('cnn-gap', 10), spec('lcn-gap', 5)]).verdict).toBe('mixed');
    expect(() => parametersVerdict([spec('cnn', 5)])).toThrow(/at least one shared\/unshared pair/);
  });
});

describe('convergence', () => {
  const runs = (steps: [number, number][], seconds: [number, number][], model: 'cnn' | 'lcn') =>
    syntheticSeeds(
      'seeds',
      model,
      50_000,
      steps.map((s, i): SyntheticMeasures => ({ testAccuracy: 0.988, steps: s, seconds: seconds[i] })),
    );
  const fewSteps: [number, number][] = [
    [1_000, 2_000],
    [1_000, 2_200],
    [1_200, 2_000],
  ];
  const manySteps: [number, number][] = [
    [2_000, 4_000],
    [2_200, 4_200],
    [2_400, 4_400],
  ];
  const short: [number, number][] = [
    [100, 200],
    [110, 210],
    [120, 220],
  ];
  const long: [number, number][] = [
    [300, 600],
    [310, 620],
    [320, 640],
  ];

  it('is supported when the CNN needs clearly fewer steps and no more time', () => {
    const { verdict, sentence } = convergenceVerdict([...runs(fewSteps, short, 'cnn'), ...runs(manySteps, long, 'lcn')]);
    expect(verdict).toBe('supported');
    expect(sentence).toMatch(/^The CNN reaches the targets in clearly fewer optimiser steps — to 97%: CNN 1,067 ± 115 steps, LCN 2,200 ± 200 steps/);
    expect(sentence).toContain("beyond the seeds' spread");
  });

  it('is mixed when fewer steps still take longer (a step of each model costs differently)', () => {
    const { verdict, sentence } = convergenceVerdict([...runs(fewSteps, long, 'cnn'), ...runs(manySteps, short, 'lcn')]);
    expect(verdict).toBe('mixed');
    expect(sentence).toMatch(/fewer steps, but each costs more/);
  });

  it('is contradicted when the LCN needs clearly fewer steps, no-difference when the runs overlap', () => {
    expect(convergenceVerdict([...runs(manySteps, long, 'cnn'), ...runs(fewSteps, short, 'lcn')]).verdict).toBe('contradicted');
    expect(convergenceVerdict([...runs(fewSteps, short, 'cnn'), ...runs(fewSteps, short, 'lcn')]).verdict).toBe('no-difference');
  });

  it('counts a target only one model ever reached for that model', () => {
    const neverAt98 = syntheticSeeds('seeds', 'lcn', 50_000, [{ testAccuracy: 0.975, steps: [1_000, null], seconds: [100, null] }]);
    const { verdict, sentence } = convergenceVerdict([...runs(fewSteps, short, 'cnn'), ...neverAt98]);
    // At 97 % the two overlap, at 98 % only the CNN got there: not one way throughout.
    expect(verdict).toBe('mixed');
    expect(sentence).toMatch(/^The CNN needs clearly fewer steps to some targets but not clearly to the others/);
    expect(sentence).toContain('LCN never');
  });
});

describe('regularisation', () => {
  const withGap = (test: number[], gap: number): SyntheticMeasures[] => test.map((t) => ({ testAccuracy: t, trainAccuracy: t + gap }));
  const seeds = (cnn: SyntheticMeasures[], lcn: SyntheticMeasures[]) => [
    ...syntheticSeeds('seeds', 'cnn', 50_000, cnn),
    ...syntheticSeeds('seeds', 'lcn', 50_000, lcn),
  ];
  const even = [0.988, 0.989, 0.9885];

  it('is supported by a clearly smaller gap at no cost in test accuracy', () => {
    const { verdict, sentence } = regularisationVerdict(seeds(withGap(even, 0.002), withGap([0.9885, 0.988, 0.989], 0.01)));
    expect(verdict).toBe('supported');
    expect(sentence).toContain('train–test gap CNN +0.20 pp ± 0.00 vs LCN +1.00 pp ± 0.00');
  });

  it('is mixed when the smaller gap comes with lower test accuracy', () => {
    const { verdict, sentence } = regularisationVerdict(seeds(withGap([0.97, 0.971, 0.972], 0.002), withGap(even, 0.01)));
    expect(verdict).toBe('mixed');
    expect(sentence).toMatch(/less accurate on the test set/);
  });

  it('is contradicted by a larger CNN gap and no-difference when the gaps overlap', () => {
    expect(regularisationVerdict(seeds(withGap(even, 0.01), withGap(even, 0.002))).verdict).toBe('contradicted');
    expect(regularisationVerdict(seeds(withGap(even, 0.005), withGap(even, 0.005))).verdict).toBe('no-difference');
  });
});

describe('locality (sample efficiency)', () => {
  const at = (size: number, cnn: SyntheticMeasures[], lcn: SyntheticMeasures[], mlp?: SyntheticMeasures[]) => {
    const group = size === 50_000 ? 'seeds' : 'samples';
    return [
      ...syntheticSeeds(group, 'cnn', size, cnn),
      ...syntheticSeeds(group, 'lcn', size, lcn),
      ...(mlp ? syntheticSeeds(group, 'mlp', size, mlp) : []),
    ];
  };

  it('is supported when the CNN learns clearly more from few images and is nowhere worse', () => {
    const { verdict, sentence } = localityVerdict([...at(500, HIGH, LOW, LOW), ...at(50_000, HIGH, LOW_OVERLAPPING)]);
    expect(verdict).toBe('supported');
    expect(sentence).toMatch(/from 500 images the CNN reaches 95\.10 ± 0\.10 %, the LCN 90\.10 ± 0\.10 % and the MLP \(no locality\) 90\.10 ± 0\.10 %/);
    expect(sentence).toMatch(/at 50,000 images the difference is/);
  });

  it('is contradicted, no-difference or mixed as the sizes say', () => {
    expect(localityVerdict(at(500, LOW, HIGH)).verdict).toBe('contradicted');
    expect(localityVerdict([...at(500, HIGH, LOW_OVERLAPPING), ...at(2_000, HIGH, LOW_OVERLAPPING)]).verdict).toBe('no-difference');
    expect(localityVerdict([...at(500, HIGH, LOW), ...at(50_000, LOW, HIGH)]).verdict).toBe('mixed');
  });
});

describe('invariance', () => {
  const falling = (d: number) => Math.max(0.1, 0.99 - 0.13 * d);
  const fallingLess = (d: number) => Math.max(0.1, 0.99 - 0.05 * d);

  it('is supported only if the CNN keeps its accuracy under shifts', () => {
    const { verdict } = invarianceVerdict([shiftModel('cnn', () => 0.99), shiftModel('lcn', falling)]);
    expect(verdict).toBe('supported');
  });

  it('is contradicted when sharing alone leaves the answer as shift-bound as without it, and says why', () => {
    const { verdict, sentence } = invarianceVerdict([shiftModel('cnn', falling), shiftModel('lcn', (d) => falling(d) - 0.01)]);
    expect(verdict).toBe('contradicted');
    expect(sentence).toContain('sharing makes the features equivariant');
    expect(sentence).toContain('invariance of the answer needs a head that forgets where (pooling) or shifted training data');
  });

  it('is mixed when sharing clearly helps through pooling but the CNN still loses accuracy', () => {
    const { verdict, sentence } = invarianceVerdict([
      shiftModel('cnn', falling),
      shiftModel('lcn', falling),
      shiftModel('cnn-gap', fallingLess),
      shiftModel('lcn-gap', falling),
    ]);
    expect(verdict).toBe('mixed');
    expect(sentence).toContain('CNN-GAP 86.5% vs LCN-GAP 66.5%');
  });

  it('needs the dense-head pair', () => {
    expect(() => invarianceVerdict([shiftModel('cnn', falling)])).toThrow(/needs the dense-head CNN and LCN/);
  });
});

describe('prior', () => {
  const runs = (group: 'samples' | 'permuted', cnn: SyntheticMeasures[], mlp: SyntheticMeasures[]) => [
    ...syntheticSeeds(group, 'cnn', 10_000, cnn),
    ...syntheticSeeds(group, 'lcn', 10_000, cnn),
    ...syntheticSeeds(group, 'mlp', 10_000, mlp),
  ];

  it('is supported when it helps on natural digits and hurts on permuted ones', () => {
    const { verdict, sentence } = priorVerdict(runs('samples', HIGH, LOW), runs('permuted', LOW, HIGH));
    expect(verdict).toBe('supported');
    expect(sentence).toMatch(/^The prior of locality and sharing \(the CNN against the MLP\) helps on natural digits and hurts once the pixels are shuffled/);
    expect(sentence).toMatch(/\(10,000 training images\): natural CNN 95\.10 ± 0\.10 % vs MLP 90\.10 ± 0\.10 %, LCN 95\.10/);
    // Tiny p-values read as a bound, larger ones as a value.
    expect(sentence).toMatch(/Welch p (< 0\.001|= \d)/);
    expect(sentence).not.toContain('p = <');
  });

  it('is mixed, contradicted or no-difference as the halves go', () => {
    expect(priorVerdict(runs('samples', HIGH, LOW), runs('permuted', HIGH, LOW_OVERLAPPING)).verdict).toBe('mixed');
    expect(priorVerdict(runs('samples', LOW, HIGH), runs('permuted', HIGH, LOW_OVERLAPPING)).verdict).toBe('contradicted');
    expect(priorVerdict(runs('samples', HIGH, LOW_OVERLAPPING), runs('permuted', HIGH, LOW_OVERLAPPING)).verdict).toBe('no-difference');
  });
});
