import type { ModelId } from '@/lib/models/ids';
import type { ModelSpec } from '@/lib/models/registry';
import { formatPercent, formatPoints, formatRatio } from '@/lib/viz/format';
import { accuracyByDistance } from '@/lib/viz/shift-stats';
import { combineHalves, type Half, type Verdict, type VerdictResult } from './claims';
import { CONVERGENCE_TARGETS, type SummaryRun } from './schema';
import { compare, meanSd, SIGNIFICANCE, type Comparison } from './stats';

/**
 * The verdict rules: each turns the measured numbers into supported | contradicted | mixed |
 * no-difference and one sentence quoting them. A difference counts only when Welch's test gives
 * p < SIGNIFICANCE and it is larger than the seeds' spread (stats.ts: `compare`).
 */

const integer = (n: number) => Math.round(n).toLocaleString('en-US');

/** "98.85 ± 0.05 %" */
export function percentSd({ mean, sd }: { mean: number; sd: number }): string {
  return `${(mean * 100).toFixed(2)} ± ${(sd * 100).toFixed(2)} %`;
}

/** How a comparison reads: "p = 0.003, beyond the seeds' spread" / "p = 0.4, within …". */
export function evidenceOf(c: Comparison): string {
  const p = c.welch ? `Welch p ${c.welch.p < 0.001 ? '< 0.001' : `= ${c.welch.p.toPrecision(2)}`}` : 'one run a side, no test';
  return `${p}, ${c.exceedsSpread ? 'beyond' : 'within'} the seeds' spread`;
}

/** A measure of every run of one model, in seed order. */
export function valuesOf<T>(runs: readonly SummaryRun[], model: ModelId, measure: (run: SummaryRun) => T): T[] {
  return runs
    .filter((r) => r.flags.model === model)
    .sort((a, b) => a.flags.seed - b.flags.seed)
    .map(measure);
}

// —— parameters ——

/** Shared and unshared models that differ in nothing else (same head, same training data). */
export function sharingPairs(specs: readonly ModelSpec[]): { shared: ModelSpec; unshared: ModelSpec }[] {
  return specs.flatMap((shared) => {
    if (shared.factors.connectivity !== 'shared') return [];
    const unshared = specs.find(
      (u) => u.factors.connectivity === 'unshared' && u.factors.head === shared.factors.head && u.factors.trainShift === shared.factors.trainShift,
    );
    return unshared ? [{ shared, unshared }] : [];
  });
}

/** Claim 1: sharing means fewer parameters. Counted from the registry (the same count a built model has, tested there). */
export function parametersVerdict(specs: readonly ModelSpec[]): VerdictResult {
  const pairs = sharingPairs(specs);
  if (pairs.length === 0) throw new RangeError('parametersVerdict needs at least one shared/unshared pair of models');
  const fewer = pairs.filter((p) => p.shared.params < p.unshared.params).length;
  const more = pairs.filter((p) => p.shared.params > p.unshared.params).length;
  const verdict: Verdict = fewer === pairs.length ? 'supported' : more === pairs.length ? 'contradicted' : fewer + more === 0 ? 'no-difference' : 'mixed';
  const quoted = pairs
    .map(({ shared, unshared }) => `${shared.name} ${integer(shared.params)} vs ${unshared.name} ${integer(unshared.params)} (${formatRatio(unshared.params / shared.params)})`)
    .join('; ');
  const lead =
    verdict === 'supported'
      ? 'With the same layers, sharing cuts the parameters in every pair'
      : verdict === 'contradicted'
        ? 'With the same layers, the shared model has more parameters in every pair'
        : verdict === 'no-difference'
          ? 'The shared and unshared models have the same parameter counts'
          : 'Sharing cuts the parameters in some pairs only';
  return { verdict, sentence: `${lead}: ${quoted}.` };
}

// —— convergence ——

type Side = 'shared' | 'unshared' | 'neither' | 'unreached';

/** Who got there first in one measure (steps or seconds to a target); null entries never got there. */
function firstThere(shared: readonly (number | null)[], unshared: readonly (number | null)[]): { side: Side; comparison: Comparison | null } {
  const allReached = (xs: readonly (number | null)[]) => xs.every((x) => x !== null);
  const noneReached = (xs: readonly (number | null)[]) => xs.every((x) => x === null);
  if (noneReached(shared) && noneReached(unshared)) return { side: 'unreached', comparison: null };
  if (allReached(shared) && noneReached(unshared)) return { side: 'shared', comparison: null };
  if (allReached(unshared) && noneReached(shared)) return { side: 'unshared', comparison: null };
  if (!allReached(shared) || !allReached(unshared)) return { side: 'neither', comparison: null };
  const c = compare(unshared as number[], shared as number[]);
  return { side: c.higher === 'a' ? 'shared' : c.higher === 'b' ? 'unshared' : 'neither', comparison: c };
}

function describeRace(label: string, unit: string, shared: (number | null)[], unshared: (number | null)[], race: ReturnType<typeof firstThere>): string {
  const side = (xs: (number | null)[]) => {
    const reached = xs.filter((x): x is number => x !== null);
    if (reached.length === 0) return 'never';
    const { mean, sd } = meanSd(reached);
    return `${integer(mean)} ± ${integer(sd)} ${unit}${reached.length < xs.length ? ` (${reached.length} of ${xs.length} runs got there)` : ''}`;
  };
  return `${label}: CNN ${side(shared)}, LCN ${side(unshared)}${race.comparison ? ` (${evidenceOf(race.comparison)})` : ''}`;
}

/**
 * Claim 2: fewer parameters, therefore faster convergence. Read in optimiser steps to 97 % and 98 %
 * validation accuracy; the training time is quoted beside, and when it disagrees with the steps the
 * verdict is mixed (a step of each model costs differently).
 */
export function convergenceVerdict(seeds: readonly SummaryRun[]): VerdictResult {
  const parts: string[] = [];
  const stepSides: Side[] = [];
  const timeSides: Side[] = [];
  for (const [i, target] of CONVERGENCE_TARGETS.entries()) {
    const measure = (key: 'step' | 'trainSeconds') => (model: ModelId) => valuesOf(seeds, model, (r) => r.results.convergence[i][key]);
    const [stepsShared, stepsUnshared] = [measure('step')('cnn'), measure('step')('lcn')];
    const [secondsShared, secondsUnshared] = [measure('trainSeconds')('cnn'), measure('trainSeconds')('lcn')];
    const steps = firstThere(stepsShared, stepsUnshared);
    const seconds = firstThere(secondsShared, secondsUnshared);
    stepSides.push(steps.side);
    timeSides.push(seconds.side);
    parts.push(
      `${describeRace(`to ${formatPercent(target, 0)}`, 'steps', stepsShared, stepsUnshared, steps)}, in training time ${describeRace('', 's', secondsShared, secondsUnshared, seconds).slice(2)}`,
    );
  }
  const decided = stepSides.filter((s) => s !== 'unreached');
  const all = (side: Side) => decided.length > 0 && decided.every((s) => s === side);
  const timeAgainst = timeSides.includes('unshared');
  const verdict: Verdict = all('shared')
    ? timeAgainst
      ? 'mixed'
      : 'supported'
    : all('unshared')
      ? 'contradicted'
      : decided.every((s) => s === 'neither')
        ? 'no-difference'
        : 'mixed';
  const lead = {
    supported: 'The CNN reaches the targets in clearly fewer optimiser steps',
    contradicted: 'The LCN, with more parameters, reaches the targets in clearly fewer optimiser steps',
    'no-difference': decided.length ? 'Neither model reaches the targets clearly sooner' : 'Neither model reached the targets',
    mixed:
      timeAgainst && all('shared')
        ? 'The CNN needs fewer steps, but each costs more, so the LCN gets there sooner in time'
        : decided.every((s) => s !== 'unshared')
          ? 'The CNN needs clearly fewer steps to some targets but not clearly to the others'
          : 'The race does not go one way',
  }[verdict];
  return { verdict, sentence: `${lead} — ${parts.join('; ')}.` };
}

// —— regularisation ——

/**
 * Claim 3: less flexibility regularises. Supported when the CNN's train–test gap is clearly smaller
 * without its test accuracy being clearly lower; a smaller gap bought with lower accuracy is mixed.
 */
export function regularisationVerdict(seeds: readonly SummaryRun[]): VerdictResult {
  const gap = compare(
    valuesOf(seeds, 'lcn', (r) => r.results.generalisationGap),
    valuesOf(seeds, 'cnn', (r) => r.results.generalisationGap),
  );
  const test = compare(
    valuesOf(seeds, 'cnn', (r) => r.results.testAccuracy),
    valuesOf(seeds, 'lcn', (r) => r.results.testAccuracy),
  );
  const gapText = (m: { mean: number; sd: number }) => `${formatPoints(m.mean)} ± ${(m.sd * 100).toFixed(2)}`;
  const numbers =
    `train–test gap CNN ${gapText(gap.b)} vs LCN ${gapText(gap.a)} (${evidenceOf(gap)}); ` +
    `test accuracy CNN ${percentSd(test.a)} vs LCN ${percentSd(test.b)} (${evidenceOf(test)})`;
  if (gap.higher === 'a') {
    return test.higher === 'b'
      ? { verdict: 'mixed', sentence: `The CNN overfits less, but it is also less accurate on the test set — ${numbers}.` }
      : { verdict: 'supported', sentence: `The CNN overfits clearly less at no cost in test accuracy — ${numbers}.` };
  }
  if (gap.higher === 'b') return { verdict: 'contradicted', sentence: `The CNN overfits more than the LCN — ${numbers}.` };
  return { verdict: 'no-difference', sentence: `The two models overfit alike — ${numbers}.` };
}

// —— locality ——

/** The test accuracies of every model at every training-set size (samples plus the seeds group's full-data runs). */
export function accuracyBySize(runs: readonly SummaryRun[]): { size: number; model: ModelId; values: number[] }[] {
  const sizes = [...new Set(runs.map((r) => r.flags.trainImages))].sort((a, b) => a - b);
  const models = [...new Set(runs.map((r) => r.flags.model))];
  return sizes.flatMap((size) =>
    models.flatMap((model) => {
      const values = valuesOf(
        runs.filter((r) => r.flags.trainImages === size),
        model,
        (r) => r.results.testAccuracy,
      );
      return values.length ? [{ size, model, values }] : [];
    }),
  );
}

/**
 * Claim 4: local shared features cut what must be learnt, so fewer examples suffice. Supported
 * when the CNN beats the LCN clearly at the smallest training set and is clearly worse at none.
 */
export function localityVerdict(runs: readonly SummaryRun[]): VerdictResult {
  const table = accuracyBySize(runs);
  const at = (size: number, model: ModelId) => table.find((row) => row.size === size && row.model === model)?.values;
  const sizes = [...new Set(table.map((row) => row.size))].filter((size) => at(size, 'cnn') && at(size, 'lcn'));
  if (sizes.length === 0) throw new RangeError('localityVerdict needs CNN and LCN runs at a common training-set size');
  const bySize = sizes.map((size) => ({ size, c: compare(at(size, 'cnn')!, at(size, 'lcn')!) }));
  const smallest = bySize[0];
  const cnnWorse = bySize.some(({ c }) => c.higher === 'b');
  const cnnBetter = bySize.some(({ c }) => c.higher === 'a');
  const verdict: Verdict =
    smallest.c.higher === 'a' && !cnnWorse ? 'supported' : smallest.c.higher === 'b' && !cnnBetter ? 'contradicted' : !cnnWorse && !cnnBetter ? 'no-difference' : 'mixed';
  const largest = bySize[bySize.length - 1];
  const mlp = at(smallest.size, 'mlp');
  const mlpText = mlp ? ` and the MLP (no locality) ${percentSd(meanSd(mlp))}` : '';
  const lead = {
    supported: 'With few examples the shared local features learn clearly more',
    contradicted: 'With few examples the unshared model learns clearly more',
    'no-difference': 'Sharing makes no clear difference at any training-set size',
    mixed: 'Sharing helps at some training-set sizes and not at others',
  }[verdict];
  return {
    verdict,
    sentence:
      `${lead}: from ${integer(smallest.size)} images the CNN reaches ${percentSd(smallest.c.a)}, the LCN ${percentSd(smallest.c.b)}${mlpText} ` +
      `(CNN vs LCN ${evidenceOf(smallest.c)}); at ${integer(largest.size)} images the difference is ${formatPoints(largest.c.difference)} (${evidenceOf(largest.c)}).`,
  };
}

// —— invariance ——

/** What the invariance rule reads of a model: its card's shift grid and its place in the design. */
export type ShiftEvidenceModel = Pick<ModelSpec, 'id' | 'name' | 'factors'> & { weightSharing: boolean; shiftGrid: readonly number[] };

/** Shift distances the invariance claim reads. */
export const INVARIANCE_DISTANCES = [1, 2, 3, 4] as const;

/**
 * A difference of the card's single-seed models counts only beyond this many accuracy points: the
 * zoo trains one seed per model, so there is no spread to test against.
 */
export const INVARIANCE_MARGIN = 0.05;

/** Unshifted accuracy and mean accuracy over shifts of 1–4 px (square rings of the card's shift grid). */
export function shiftProfile(grid: readonly number[]): { unshifted: number; shifted: number } {
  const rings = accuracyByDistance(grid);
  const shifted = INVARIANCE_DISTANCES.reduce((s, d) => s + rings[d].accuracy, 0) / INVARIANCE_DISTANCES.length;
  return { unshifted: rings[0].accuracy, shifted };
}

/**
 * Claim 5: translation invariance is built in. Sharing makes the features equivariant (they move
 * with the digit); the answer is invariant only if the CNN keeps its accuracy when the digit
 * moves. Supported if it does; mixed if it does not but sharing clearly helps (with or without
 * pooling); contradicted if sharing alone leaves the answer as shift-bound as the LCN's.
 * Needs the dense-head CNN and LCN; the other pairs are read when the card has them.
 */
export function invarianceVerdict(models: readonly ShiftEvidenceModel[]): VerdictResult {
  const find = (head: string, trainShift: (s: number) => boolean, shared: boolean) =>
    models.find((m) => m.factors.head === head && trainShift(m.factors.trainShift) && m.weightSharing === shared && m.factors.connectivity !== 'dense');
  const cnn = find('dense', (s) => s === 0, true);
  const lcn = find('dense', (s) => s === 0, false);
  if (!cnn || !lcn) throw new RangeError('invarianceVerdict needs the dense-head CNN and LCN');
  const pair = (shared?: ShiftEvidenceModel, unshared?: ShiftEvidenceModel) =>
    shared && unshared ? { shared, unshared, gain: shiftProfile(shared.shiftGrid).shifted - shiftProfile(unshared.shiftGrid).shifted } : null;
  const dense = pair(cnn, lcn)!;
  const gap = pair(find('gap', (s) => s === 0, true), find('gap', (s) => s === 0, false));
  const shifted = pair(find('dense', (s) => s > 0, true), find('dense', (s) => s > 0, false));
  const cnnProfile = shiftProfile(cnn.shiftGrid);
  const cnnDrop = cnnProfile.unshifted - cnnProfile.shifted;
  const sharingHelps = [dense, gap].some((p) => p && p.gain > INVARIANCE_MARGIN);
  const verdict: Verdict = cnnDrop <= INVARIANCE_MARGIN ? 'supported' : sharingHelps ? 'mixed' : 'contradicted';
  const pairText = (p: NonNullable<ReturnType<typeof pair>>) =>
    `${p.shared.name} ${formatPercent(shiftProfile(p.shared.shiftGrid).shifted)} vs ${p.unshared.name} ${formatPercent(shiftProfile(p.unshared.shiftGrid).shifted)}`;
  const pairs = [dense, gap, shifted].flatMap((p) => (p ? [pairText(p)] : [])).join('; ');
  const fall = `${formatPercent(cnnProfile.unshifted)} unshifted to ${formatPercent(cnnProfile.shifted)} on average over shifts of 1–4 px`;
  const lead =
    verdict === 'supported'
      ? `The CNN's answer barely moves with the digit: ${fall}`
      : verdict === 'mixed'
        ? `Sharing helps the answer survive a shift but does not make it invariant: the CNN falls from ${fall}`
        : `Sharing alone does not make the answer invariant: the CNN falls from ${fall}, not clearly less than the LCN`;
  const subtle =
    'sharing makes the features equivariant (they move with the digit); invariance of the answer needs a head that forgets where (pooling) or shifted training data';
  return {
    verdict,
    sentence: `${lead} — mean accuracy over shifts of 1–4 px: ${pairs} (one seed each, differences under ${formatPoints(INVARIANCE_MARGIN, 0).slice(1)} not read); ${subtle}.`,
  };
}

// —— prior ——

/**
 * Claim 6: a prior helps when it fits the data and hurts when it does not. Locality and sharing
 * fit natural images; a fixed pixel permutation removes what they assume while an MLP loses
 * nothing. Half one: the CNN clearly beats the MLP on natural images; half two: it clearly loses
 * to it on permuted ones (same training-set size and recipe).
 */
export function priorVerdict(natural: readonly SummaryRun[], permuted: readonly SummaryRun[]): VerdictResult {
  const test = (runs: readonly SummaryRun[], model: ModelId) => valuesOf(runs, model, (r) => r.results.testAccuracy);
  const naturalC = compare(test(natural, 'cnn'), test(natural, 'mlp'));
  const permutedC = compare(test(permuted, 'cnn'), test(permuted, 'mlp'));
  const helps: Half = naturalC.higher === 'a' ? 'holds' : naturalC.higher === 'b' ? 'reversed' : 'unclear';
  const hurts: Half = permutedC.higher === 'b' ? 'holds' : permutedC.higher === 'a' ? 'reversed' : 'unclear';
  const verdict = combineHalves(helps, hurts);
  const lcn = (runs: readonly SummaryRun[]) => {
    const values = test(runs, 'lcn');
    return values.length ? `, LCN ${percentSd(meanSd(values))}` : '';
  };
  const size = integer(permuted[0]?.flags.trainImages ?? 0);
  const onNatural = { holds: 'helps on natural digits', reversed: 'hurts even on natural digits', unclear: 'makes no clear difference on natural digits' }[helps];
  const onPermuted = {
    holds: 'hurts once the pixels are shuffled',
    reversed: 'still helps once the pixels are shuffled',
    unclear: 'makes no clear difference once the pixels are shuffled',
  }[hurts];
  const lead = `The prior of locality and sharing (the CNN against the MLP) ${onNatural} and ${onPermuted}`;
  return {
    verdict,
    sentence:
      `${lead} (${size} training images): natural CNN ${percentSd(naturalC.a)} vs MLP ${percentSd(naturalC.b)}${lcn(natural)} (${evidenceOf(naturalC)}); ` +
      `permuted CNN ${percentSd(permutedC.a)} vs MLP ${percentSd(permutedC.b)}${lcn(permuted)} (${evidenceOf(permutedC)}).`,
  };
}

/** The level at which comparisons are called clear, for the page's method note. */
export const CLEAR_DIFFERENCE = `Welch's t-test p < ${SIGNIFICANCE} and every seed of one model beyond every seed of the other`;
