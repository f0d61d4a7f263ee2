import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import type { ModelId } from '@/lib/models/ids';
import { getModelSpec } from '@/lib/models/registry';
import { cellDistance } from '@/lib/viz/shift-stats';
import { FULL_SETTINGS, planRuns, type ExperimentSettings } from '../plan';
import { GROUP_NAMES, type GroupName, type Summary, type SummaryRun } from '../schema';
import type { ShiftEvidenceModel } from '../verdicts';

/** The measures a synthetic run is given; the rest of its record is filled in plausibly. */
export interface SyntheticMeasures {
  testAccuracy: number;
  trainAccuracy?: number;
  /** Steps to 97 % and 98 % (null: never), and the seconds to them. */
  steps?: [number | null, number | null];
  seconds?: [number | null, number | null];
}

/** A finished run of the full plan with the given measures. */
export function syntheticRun(group: GroupName, model: ModelId, seed: number, trainImages: number, m: SyntheticMeasures): SummaryRun {
  const run = planRuns(FULL_SETTINGS, [group]).find((r) => r.flags.model === model && r.flags.seed === seed && r.flags.trainImages === trainImages);
  if (!run) throw new Error(`no ${group} run of ${model}, seed ${seed}, ${trainImages} images in the full plan`);
  const [s97, s98] = m.steps ?? [1_000, 2_000];
  const [t97, t98] = m.seconds ?? [100, 200];
  const trainAccuracy = m.trainAccuracy ?? Math.min(1, m.testAccuracy + 0.005);
  return {
    key: run.key,
    flags: run.flags,
    results: {
      selectedStep: run.flags.epochs * 10,
      validationAccuracy: m.testAccuracy,
      testAccuracy: m.testAccuracy,
      trainAccuracy,
      generalisationGap: trainAccuracy - m.testAccuracy,
      steps: 7_820,
      samplesPerSecond: 300,
      trainSeconds: 1_500,
      wallSeconds: 1_700,
      convergence: [
        { target: 0.97, step: s97, trainSeconds: t97 },
        { target: 0.98, step: s98, trainSeconds: t98 },
      ],
      shiftAccuracy:
        group === 'seeds'
          ? [0, 1, 2, 3, 4].map((distance) => ({ distance, accuracy: Math.max(0.1, m.testAccuracy - 0.12 * distance) }))
          : [],
      curve: [
        { step: 0, trainSeconds: 0, validationLoss: 2.3, validationAccuracy: 0.1 },
        { step: s98 ?? 4_000, trainSeconds: t98 ?? 400, validationLoss: 0.06, validationAccuracy: m.testAccuracy },
      ],
    },
  };
}

/** Runs of one model over the plan's seeds, one measure set per seed. */
export function syntheticSeeds(
  group: GroupName,
  model: ModelId,
  trainImages: number,
  perSeed: readonly SyntheticMeasures[],
  settings: ExperimentSettings = FULL_SETTINGS,
): SummaryRun[] {
  return settings.seeds.map((seed, i) => syntheticRun(group, model, seed, trainImages, perSeed[i % perSeed.length]));
}

/** Test accuracies per seed as measures. */
export const accuracies = (...values: number[]): SyntheticMeasures[] => values.map((testAccuracy) => ({ testAccuracy }));

/** A summary holding the given runs, every group that has runs marked complete (planned = runs). */
export function syntheticSummary(runs: readonly SummaryRun[], incomplete: readonly GroupName[] = []): Summary {
  const groups: Summary['groups'] = {};
  for (const group of GROUP_NAMES) {
    const inGroup = runs.filter((r) => r.flags.group === group);
    if (inGroup.length) groups[group] = { planned: inGroup.length + (incomplete.includes(group) ? 1 : 0), runs: [...inGroup] };
  }
  return { version: 1, generatedAt: '2026-12-10T00:00:00.000Z', quick: false, groups };
}

/** A card model whose shift grid has `accuracyAt(d)` on every cell at distance d. */
export function shiftModel(id: ModelId, accuracyAt: (distance: number) => number): ShiftEvidenceModel {
  const spec = getModelSpec(id);
  const shiftGrid = Array.from({ length: SHIFT_GRID_CELLS }, (_, cell) => accuracyAt(cellDistance(cell)));
  return { id, name: spec.name, factors: spec.factors, weightSharing: spec.weightSharing, shiftGrid };
}
