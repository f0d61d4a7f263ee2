import { describe, expect, it } from 'vitest';
import type { Card } from '@/lib/models/card';
import { CLAIM_KEYS, VERDICTS } from './claims';
import { buildEvidence } from './evidence';
import { accuracies, shiftModel, syntheticSeeds, syntheticSummary } from './testing/synthetic';
import { FULL_SETTINGS } from './plan';

const card = (ids: ('cnn' | 'lcn' | 'cnn-gap')[]): Card => ({
  version: 1,
  generatedAt: '2026-12-01T00:00:00.000Z',
  definitions: {},
  models: ids.map((id) => ({ ...shiftModel(id, (d) => 0.99 - 0.1 * d) }) as unknown as Card['models'][number]),
});

const fullRuns = () => [
  ...syntheticSeeds('seeds', 'cnn', 50_000, accuracies(0.988, 0.989, 0.99)),
  ...syntheticSeeds('seeds', 'lcn', 50_000, accuracies(0.987, 0.988, 0.989)),
  ...FULL_SETTINGS.sampleSizes.flatMap((size) =>
    (['cnn', 'lcn', 'mlp'] as const).flatMap((m) => syntheticSeeds('samples', m, size, accuracies(0.9, 0.91, 0.92))),
  ),
  ...(['cnn', 'lcn', 'mlp'] as const).flatMap((m) => syntheticSeeds('permuted', m, 10_000, accuracies(0.8, 0.81, 0.82))),
];

describe('buildEvidence', () => {
  it('without a summary: every experiment claim pending with the command that produces it, no numbers', () => {
    const evidence = buildEvidence(null, card(['cnn', 'lcn']));
    expect(evidence.map((e) => e.key)).toEqual([...CLAIM_KEYS]);
    const byKey = Object.fromEntries(evidence.map((e) => [e.key, e.result]));
    expect(byKey.parameters.status).toBe('ready');
    expect(byKey.invariance.status).toBe('ready');
    expect(byKey.convergence).toEqual({
      status: 'pending',
      reason: 'experiments/summary.json does not exist yet: the experiments have not been run.',
      command: 'npm run experiments -- --groups seeds --jobs 2',
    });
    expect(byKey.locality).toMatchObject({ status: 'pending', command: 'npm run experiments -- --groups seeds,samples --jobs 2' });
    expect(byKey.prior).toMatchObject({ status: 'pending', command: 'npm run experiments -- --groups samples,permuted --jobs 2' });
  });

  it('names the models the card still lacks as pending, with the training command; no CNN or LCN: the claim is pending', () => {
    const invariance = buildEvidence(null, card(['cnn', 'lcn', 'cnn-gap'])).find((e) => e.key === 'invariance')!.result;
    expect(invariance.status === 'ready' && invariance.note).toBe(
      'Pending models, not yet in models/card.json: LCN-GAP, CNN-shift, LCN-shift (npm run train -- --models lcn-gap,cnn-shift,lcn-shift --jobs 2 adds them).',
    );
    expect(buildEvidence(null, card(['cnn'])).find((e) => e.key === 'invariance')!.result.status).toBe('pending');
    expect(buildEvidence(null, null).find((e) => e.key === 'invariance')!.result.status).toBe('pending');
  });

  it('an unfinished group stays pending and says how far it got', () => {
    const summary = syntheticSummary(fullRuns(), ['seeds']);
    const convergence = buildEvidence(summary, null).find((e) => e.key === 'convergence')!.result;
    expect(convergence).toMatchObject({ status: 'pending', reason: 'experiments/summary.json: the seeds group has 6 of 7 runs.' });
  });

  it('with every group complete: a verdict, a labelled chart and a table for every claim', () => {
    for (const e of buildEvidence(syntheticSummary(fullRuns()), card(['cnn', 'lcn']))) {
      expect(e.result.status, e.key).toBe('ready');
      if (e.result.status !== 'ready') continue;
      expect(VERDICTS).toContain(e.result.verdict.verdict);
      expect(e.result.chart.label.length, e.key).toBeGreaterThan(40);
      expect(e.result.chart.dots.length + e.result.chart.lines.length, e.key).toBeGreaterThan(0);
      for (const row of e.result.table.rows) expect(row).toHaveLength(e.result.table.columns.length);
      expect(e.lab.href).toMatch(/^\/\?a=[\w-]+&b=[\w-]+&digit=\d+&dx=-?\d+&dy=-?\d+$/);
    }
  });
});
