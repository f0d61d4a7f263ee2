import type { Card } from '@/lib/models/card';
import { MODEL_IDS, type ModelId } from '@/lib/models/ids';
import { getModelSpec, MODEL_SPECS, type ModelFactors } from '@/lib/models/registry';
import { formatPercent } from '@/lib/viz/format';
import { accuracyByDistance } from '@/lib/viz/shift-stats';
import { CLAIM_KEYS, type ClaimKey, type VerdictResult } from './claims';
import { labHref } from './lab-link';
import { FULL_SETTINGS } from './plan';
import { completeGroup, CONVERGENCE_TARGETS, type GroupName, type Summary, type SummaryRun } from './schema';
import { meanSd } from './stats';
import {
  accuracyBySize,
  convergenceVerdict,
  invarianceVerdict,
  localityVerdict,
  parametersVerdict,
  priorVerdict,
  regularisationVerdict,
  valuesOf,
  type ShiftEvidenceModel,
} from './verdicts';

/**
 * What the evidence page shows for each claim, computed from the experiments' summary, the zoo's
 * card and the registry: the verdict, a chart's data and text alternative, the numbers, or what
 * is still pending and the command that produces it. Plain data, so the page only renders it.
 */

/** One mark of a chart: `series` is a model name (its colour), `z` one run's line, `facet` a panel. */
export interface ChartPoint {
  series: string;
  x: number | string;
  y: number;
  z?: string;
  facet?: string;
}

export interface EvidenceChart {
  /** The text alternative: what the chart shows, with its key numbers. */
  label: string;
  x: { label: string; type: 'linear' | 'log' | 'band' };
  y: { label: string; type: 'linear' | 'log'; percent: boolean; domain?: [number, number] };
  /** Joined per z (else per series and facet). */
  lines: ChartPoint[];
  /** One per run. */
  dots: ChartPoint[];
  /** Means, drawn as ticks on a band axis. */
  ticks: ChartPoint[];
  /** The models drawn, for the colour and symbol scales. */
  models: ChartModel[];
}

/** A model as a chart's scales need it (plain data: the chart runs in the browser, the registry does not). */
export interface ChartModel {
  id: ModelId;
  name: string;
  factors: ModelFactors;
}

const chartModels = (ids: readonly ModelId[]): ChartModel[] =>
  ids.map((id) => {
    const { name, factors } = getModelSpec(id);
    return { id, name, factors };
  });

export interface EvidenceTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface ClaimEvidence {
  key: ClaimKey;
  title: string;
  /** The claim in plain words. */
  claim: string;
  /** What was measured, and on which data. */
  experiment: string;
  lab: { href: string; text: string };
  result:
    | { status: 'ready'; verdict: VerdictResult; chart: EvidenceChart; table: EvidenceTable; note?: string }
    | { status: 'pending'; reason: string; command: string };
}

const EXPERIMENTS_COMMAND = (groups: readonly GroupName[]) => `npm run experiments -- --groups ${groups.join(',')} --jobs 2`;
const nameOf = (id: ModelId) => getModelSpec(id).name;
const pctSd = (values: readonly number[]) => {
  const { mean, sd } = meanSd(values);
  return values.length > 1 ? `${(mean * 100).toFixed(2)} ± ${(sd * 100).toFixed(2)}` : (mean * 100).toFixed(2);
};
const countSd = (values: readonly (number | null)[]) => {
  const reached = values.filter((v): v is number => v !== null);
  if (!reached.length) return 'never';
  const { mean, sd } = meanSd(reached);
  return `${Math.round(mean).toLocaleString('en-US')} ± ${Math.round(sd).toLocaleString('en-US')}${reached.length < values.length ? ` (${reached.length}/${values.length})` : ''}`;
};
const modelsIn = (runs: readonly SummaryRun[]) => MODEL_IDS.filter((id) => runs.some((r) => r.flags.model === id));

/** Why the groups are not ready, or null when they are. */
function pendingReason(summary: Summary | null, groups: readonly GroupName[]): string | null {
  if (!summary) return 'experiments/summary.json does not exist yet: the experiments have not been run.';
  const missing = groups.flatMap((g) => {
    const group = summary.groups[g];
    if (!group) return [`no finished run of the ${g} group`];
    return group.runs.length < group.planned ? [`the ${g} group has ${group.runs.length} of ${group.planned} runs`] : [];
  });
  return missing.length ? `experiments/summary.json: ${missing.join('; ')}.` : null;
}

function pendingOr(summary: Summary | null, groups: readonly GroupName[], ready: () => ClaimEvidence['result']): ClaimEvidence['result'] {
  const reason = pendingReason(summary, groups);
  return reason ? { status: 'pending', reason, command: EXPERIMENTS_COMMAND(groups) } : ready();
}

function parametersEvidence(): ClaimEvidence['result'] {
  const models = MODEL_SPECS.map((s) => s.id);
  return {
    status: 'ready',
    verdict: parametersVerdict(MODEL_SPECS),
    chart: {
      label: `Dot chart of trainable parameters per model, log scale: ${MODEL_SPECS.map((s) => `${s.name} ${s.params.toLocaleString('en-US')}`).join(', ')}.`,
      x: { label: 'model', type: 'band' },
      y: { label: 'trainable parameters (log scale)', type: 'log', percent: false },
      lines: [],
      dots: MODEL_SPECS.map((s) => ({ series: s.name, x: s.name, y: s.params })),
      ticks: [],
      models: chartModels(models),
    },
    table: {
      caption: 'Trainable parameters of every model (registry)',
      columns: ['model', 'weight sharing', 'parameters'],
      rows: MODEL_SPECS.map((s) => [s.name, s.factors.connectivity === 'dense' ? 'none (dense)' : s.weightSharing ? 'shared' : 'unshared', s.params.toLocaleString('en-US')]),
    },
  };
}

function convergenceEvidence(runs: readonly SummaryRun[]): ClaimEvidence['result'] {
  const models = modelsIn(runs);
  const targetColumns = CONVERGENCE_TARGETS.flatMap((t) => [`steps to ${formatPercent(t, 0)}`, `seconds to ${formatPercent(t, 0)}`]);
  return {
    status: 'ready',
    verdict: convergenceVerdict(runs),
    chart: {
      label: `Line chart of validation accuracy against optimiser steps, one line per run (${runs.length} runs, ${models.map(nameOf).join(' and ')}), zoomed to 90–100 %. ${models
        .map((m) => `${nameOf(m)} reaches 98 % after ${countSd(valuesOf(runs, m, (r) => r.results.convergence[1].step))} steps`)
        .join('; ')}.`,
      x: { label: 'optimiser steps', type: 'linear' },
      y: { label: 'validation accuracy', type: 'linear', percent: true, domain: [0.9, 1] },
      lines: runs.flatMap((r) => r.results.curve.map((p) => ({ series: nameOf(r.flags.model), x: p.step, y: p.validationAccuracy, z: r.key }))),
      dots: [],
      ticks: [],
      models: chartModels(models),
    },
    table: {
      caption: 'Optimiser steps and training seconds to each validation accuracy, mean ± sd over seeds',
      columns: ['model', ...targetColumns],
      rows: models.map((m) => [
        nameOf(m),
        ...CONVERGENCE_TARGETS.flatMap((_, i) => [
          countSd(valuesOf(runs, m, (r) => r.results.convergence[i].step)),
          countSd(valuesOf(runs, m, (r) => r.results.convergence[i].trainSeconds)),
        ]),
      ]),
    },
    note: 'Training seconds were measured on a shared 2-core machine (one process per core), so they compare the models only roughly.',
  };
}

function regularisationEvidence(runs: readonly SummaryRun[]): ClaimEvidence['result'] {
  const models = modelsIn(runs);
  const measures = [
    { name: 'train', of: (r: SummaryRun) => r.results.trainAccuracy },
    { name: 'test', of: (r: SummaryRun) => r.results.testAccuracy },
  ];
  const points = (kind: 'dots' | 'ticks') =>
    models.flatMap((m) =>
      measures.flatMap(({ name, of }) => {
        const values = valuesOf(runs, m, of);
        const ys = kind === 'dots' ? values : [meanSd(values).mean];
        return ys.map((y) => ({ series: nameOf(m), x: name, y, facet: nameOf(m) }));
      }),
    );
  return {
    status: 'ready',
    verdict: regularisationVerdict(runs),
    chart: {
      label: `Dot chart of train and test accuracy per seed, a tick at the mean: ${models
        .map((m) => `${nameOf(m)} train ${pctSd(valuesOf(runs, m, measures[0].of))} %, test ${pctSd(valuesOf(runs, m, measures[1].of))} %`)
        .join('; ')}.`,
      x: { label: 'accuracy on', type: 'band' },
      y: { label: 'accuracy', type: 'linear', percent: true },
      lines: [],
      dots: points('dots'),
      ticks: points('ticks'),
      models: chartModels(models),
    },
    table: {
      caption: 'Train accuracy, test accuracy and their gap, % (mean ± sd over seeds)',
      columns: ['model', 'train', 'test', 'gap (pp)'],
      rows: models.map((m) => [
        nameOf(m),
        pctSd(valuesOf(runs, m, measures[0].of)),
        pctSd(valuesOf(runs, m, measures[1].of)),
        pctSd(valuesOf(runs, m, (r) => r.results.generalisationGap)),
      ]),
    },
  };
}

function localityEvidence(runs: readonly SummaryRun[]): ClaimEvidence['result'] {
  const table = accuracyBySize(runs);
  const models = modelsIn(runs);
  const sizes = [...new Set(table.map((row) => row.size))];
  return {
    status: 'ready',
    verdict: localityVerdict(runs),
    chart: {
      label: `Line chart of test accuracy against training images (log scale), mean over seeds with each seed as a dot: ${models
        .map((m) => {
          const rows = table.filter((row) => row.model === m);
          return `${nameOf(m)} ${formatPercent(meanSd(rows[0].values).mean)} at ${rows[0].size.toLocaleString('en-US')}, ${formatPercent(meanSd(rows[rows.length - 1].values).mean)} at ${rows[rows.length - 1].size.toLocaleString('en-US')}`;
        })
        .join('; ')}.`,
      x: { label: 'training images (log scale)', type: 'log' },
      y: { label: 'test accuracy', type: 'linear', percent: true },
      lines: table.map((row) => ({ series: nameOf(row.model), x: row.size, y: meanSd(row.values).mean })),
      dots: table.flatMap((row) => row.values.map((y) => ({ series: nameOf(row.model), x: row.size, y }))),
      ticks: [],
      models: chartModels(models),
    },
    table: {
      caption: 'Test accuracy on all test images by training-set size, % (mean ± sd over seeds)',
      columns: ['training images', ...models.map(nameOf)],
      rows: sizes.map((size) => [
        size.toLocaleString('en-US'),
        ...models.map((m) => {
          const row = table.find((r) => r.size === size && r.model === m);
          return row ? pctSd(row.values) : '—';
        }),
      ]),
    },
  };
}

/** The card's models with their place in the design from the registry (older cards carry no factors). */
function shiftModels(card: Card | null): ShiftEvidenceModel[] {
  return (card?.models ?? []).map((m) => {
    const spec = getModelSpec(m.id);
    return { id: m.id, name: spec.name, factors: spec.factors, weightSharing: spec.weightSharing, shiftGrid: m.shiftGrid };
  });
}

/** The models the invariance claim reads: every convolutional or locally connected one. */
const INVARIANCE_MODELS = MODEL_SPECS.filter((s) => s.factors.connectivity !== 'dense').map((s) => s.id);

function invarianceEvidence(card: Card | null): ClaimEvidence['result'] {
  const models = shiftModels(card).filter((m) => INVARIANCE_MODELS.includes(m.id));
  const present = models.map((m) => m.id);
  const missing = INVARIANCE_MODELS.filter((id) => !present.includes(id));
  const trainCommand = `npm run train -- --models ${missing.join(',')} --jobs 2`;
  if (!present.includes('cnn') || !present.includes('lcn'))
    return { status: 'pending', reason: 'models/card.json does not hold both the CNN and the LCN yet.', command: trainCommand };
  const rings = models.map((m) => ({ model: m, points: accuracyByDistance(m.shiftGrid) }));
  return {
    status: 'ready',
    verdict: invarianceVerdict(models),
    chart: {
      label: `Line chart of test accuracy against shift distance 0–8 px for ${models.map((m) => m.name).join(', ')}: ${rings
        .map(({ model, points }) => `${model.name} ${formatPercent(points[0].accuracy)} at 0 px, ${formatPercent(points[4].accuracy)} at 4 px`)
        .join('; ')}.`,
      x: { label: 'shift distance max(|dx|, |dy|), px', type: 'linear' },
      y: { label: 'test accuracy', type: 'linear', percent: true, domain: [0, 1] },
      lines: rings.flatMap(({ model, points }) => points.map((p) => ({ series: model.name, x: p.distance, y: p.accuracy }))),
      dots: rings.flatMap(({ model, points }) => points.map((p) => ({ series: model.name, x: p.distance, y: p.accuracy }))),
      ticks: [],
      models: chartModels(present),
    },
    table: {
      caption: 'Test accuracy by shift distance, % (models/card.json, one seed each)',
      columns: ['distance (px)', ...models.map((m) => m.name)],
      rows: rings[0].points.map((_, d) => [String(d), ...rings.map(({ points }) => (points[d].accuracy * 100).toFixed(1))]),
    },
    note: missing.length ? `Pending models, not yet in models/card.json: ${missing.map(nameOf).join(', ')} (${trainCommand} adds them).` : undefined,
  };
}

function priorEvidence(summary: Summary): ClaimEvidence['result'] {
  const permuted = completeGroup(summary, 'permuted')!;
  const size = permuted[0].flags.trainImages;
  const natural = completeGroup(summary, 'samples')!.filter((r) => r.flags.trainImages === size);
  if (natural.length === 0)
    return { status: 'pending', reason: `The samples group has no run at ${size} images, the permuted runs' natural twin.`, command: EXPERIMENTS_COMMAND(['samples']) };
  const models = modelsIn(permuted);
  const conditions = [
    { name: 'natural', runs: natural },
    { name: 'permuted', runs: permuted },
  ];
  const points = (kind: 'dots' | 'ticks') =>
    conditions.flatMap(({ name, runs }) =>
      models.flatMap((m) => {
        const values = valuesOf(runs, m, (r) => r.results.testAccuracy);
        return (kind === 'dots' ? values : [meanSd(values).mean]).map((y) => ({ series: nameOf(m), x: nameOf(m), y, facet: name }));
      }),
    );
  return {
    status: 'ready',
    verdict: priorVerdict(natural, permuted),
    chart: {
      label: `Dot chart of test accuracy per seed on natural and on pixel-permuted digits (${size.toLocaleString('en-US')} training images), a tick at the mean: ${conditions
        .map(({ name, runs }) => `${name}: ${models.map((m) => `${nameOf(m)} ${pctSd(valuesOf(runs, m, (r) => r.results.testAccuracy))} %`).join(', ')}`)
        .join('; ')}.`,
      x: { label: 'model', type: 'band' },
      y: { label: 'test accuracy', type: 'linear', percent: true },
      lines: [],
      dots: points('dots'),
      ticks: points('ticks'),
      models: chartModels(models),
    },
    table: {
      caption: `Test accuracy, natural and pixel-permuted digits, ${size.toLocaleString('en-US')} training images, % (mean ± sd over seeds)`,
      columns: ['images', ...models.map(nameOf)],
      rows: conditions.map(({ name, runs }) => [name, ...models.map((m) => pctSd(valuesOf(runs, m, (r) => r.results.testAccuracy)))]),
    },
  };
}

const FULL = FULL_SETTINGS;
const n = (count: number) => count.toLocaleString('en-US');
const SEEDS = `${['no', 'one', 'two', 'three', 'four', 'five'][FULL.seeds.length] ?? FULL.seeds.length} seeds`;

/** The words of each claim, its experiment and its lab link: one place; the sizes come from the plan. */
const CLAIMS: Record<ClaimKey, Omit<ClaimEvidence, 'key' | 'result'>> = {
  parameters: {
    title: 'Fewer parameters',
    claim: 'Sharing one small set of weights across every position needs far fewer parameters than a separate set per position.',
    experiment: 'Counted, not trained: the trainable parameters of every model in the zoo, where each shared model has an unshared twin with the same layers.',
    lab: { href: labHref({ a: 'cnn', b: 'lcn', digit: 0, dx: 0, dy: 0 }), text: 'Compare the CNN and the LCN in the lab' },
  },
  convergence: {
    title: 'Faster convergence',
    claim: 'With fewer parameters to fit, the shared model learns in fewer steps.',
    experiment:
      `The CNN and the LCN trained with the zoo’s recipe on the first ${n(FULL.fullTrainImages)} training images, ${SEEDS} each; validation accuracy on the last ${n(FULL.validationImages)} training images every ${FULL.curveEvery} optimiser steps; the steps and training seconds until it first reaches 97 % and 98 %.`,
    lab: { href: labHref({ a: 'cnn', b: 'lcn', digit: 0, dx: 0, dy: 0 }), text: 'See both trained models read a digit' },
  },
  regularisation: {
    title: 'Less flexibility, less overfitting',
    claim: 'A model that cannot fit every position separately overfits less: its train and test accuracy stay closer.',
    experiment:
      `The same runs as for convergence: for each, the checkpoint with the best validation accuracy, then its accuracy on its ${n(FULL.fullTrainImages)} training images and on all ${n(FULL.testImages)} test images.`,
    lab: { href: labHref({ a: 'cnn', b: 'lcn', digit: 0, dx: 0, dy: 0 }), text: 'Compare the CNN and the LCN in the lab' },
  },
  locality: {
    title: 'Fewer examples needed',
    claim: 'Local features, shared across the image, leave fewer patterns to learn, so fewer examples suffice.',
    experiment:
      `The CNN, the LCN and the MLP (no locality) trained on ${FULL.sampleSizes.map(n).join(', ')} training images with ${SEEDS} (plus the ${n(FULL.fullTrainImages)}-image runs above), each run at least ${n(FULL.minSteps)} optimiser steps, the checkpoint chosen on the last ${n(FULL.validationImages)} training images; test accuracy on all ${n(FULL.testImages)} test images.`,
    lab: { href: labHref({ a: 'cnn', b: 'mlp', digit: 0, dx: 0, dy: 0 }), text: 'Compare the CNN and the MLP in the lab' },
  },
  invariance: {
    title: 'Translation invariance built in',
    claim: 'Because the same filter is applied everywhere, a shared network recognises a digit wherever it is.',
    experiment:
      'No new training: the zoo’s card (models/card.json) measured every model on the test images shifted by up to 8 px in each direction; shared and unshared twins with a dense head, with global average pooling, and trained on shifted digits.',
    lab: { href: labHref({ a: 'cnn-gap', b: 'lcn-gap', digit: 0, dx: 5, dy: 0 }), text: 'Shift a digit by 5 px under the pooled pair in the lab' },
  },
  prior: {
    title: 'A prior: right for images, wrong elsewhere',
    claim: 'Locality and sharing are assumptions about images: they help when the data has that structure and hurt when it does not.',
    experiment:
      `The CNN, the LCN and the MLP trained on ${n(FULL.permutedTrainImages)} images whose 784 pixels were shuffled by one fixed seeded permutation (the same for every image, the test set too), ${SEEDS} each, against the same runs on natural images from the samples group.`,
    lab: { href: labHref({ a: 'cnn', b: 'mlp', digit: 0, dx: 0, dy: 0 }), text: 'Compare the CNN and the MLP in the lab' },
  },
};

/** Every claim's evidence, in page order. */
export function buildEvidence(summary: Summary | null, card: Card | null): ClaimEvidence[] {
  const seeds = () => completeGroup(summary, 'seeds')!;
  const results: Record<ClaimKey, () => ClaimEvidence['result']> = {
    parameters: parametersEvidence,
    convergence: () => pendingOr(summary, ['seeds'], () => convergenceEvidence(seeds())),
    regularisation: () => pendingOr(summary, ['seeds'], () => regularisationEvidence(seeds())),
    locality: () => pendingOr(summary, ['seeds', 'samples'], () => localityEvidence([...completeGroup(summary, 'samples')!, ...seeds()])),
    invariance: () => invarianceEvidence(card),
    prior: () => pendingOr(summary, ['samples', 'permuted'], () => priorEvidence(summary!)),
  };
  return CLAIM_KEYS.map((key) => ({ key, ...CLAIMS[key], result: results[key]() }));
}
