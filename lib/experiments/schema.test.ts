import { describe, expect, it } from 'vitest';
import { FULL_SETTINGS, planRuns, runId } from './plan';
import { completeGroup, parseSummary, type RunRecord } from './schema';
import { summarise } from './summarise';
import { accuracies, syntheticSeeds, syntheticSummary } from './testing/synthetic';

describe('the summary schema', () => {
  it('accepts a summary and round-trips it', () => {
    const summary = syntheticSummary(syntheticSeeds('seeds', 'cnn', 50_000, accuracies(0.99)));
    expect(parseSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
  });

  it('names the file and the field that does not fit', () => {
    const summary = syntheticSummary(syntheticSeeds('seeds', 'cnn', 50_000, accuracies(0.99)));
    const broken = JSON.parse(JSON.stringify(summary));
    broken.groups.seeds.runs[0].results.testAccuracy = 1.5;
    expect(() => parseSummary(broken, 'experiments/summary.json')).toThrow(/^experiments\/summary\.json: groups\.seeds\.runs\.0\.results\.testAccuracy: /);
    expect(() => parseSummary({ ...summary, groups: { colour: summary.groups.seeds } })).toThrow(/groups/);
    expect(() => parseSummary({ ...summary, version: 2 })).toThrow(/^summary\.json: version/);
  });

  it('a group is complete only when every planned run has finished', () => {
    const runs = syntheticSeeds('seeds', 'cnn', 50_000, accuracies(0.99));
    expect(completeGroup(syntheticSummary(runs), 'seeds')).toHaveLength(3);
    expect(completeGroup(syntheticSummary(runs, ['seeds']), 'seeds')).toBeNull();
    expect(completeGroup(null, 'seeds')).toBeNull();
  });
});

describe('summarise', () => {
  it('keeps the plan order and count per group, leaves out groups with no finished run and records outside the plan', () => {
    const plan = planRuns(FULL_SETTINGS, ['seeds', 'samples']);
    const records = new Map<string, RunRecord>();
    for (const run of syntheticSeeds('seeds', 'lcn', 50_000, accuracies(0.98, 0.985, 0.99)).reverse())
      records.set(runId({ group: 'seeds', key: run.key }), { version: 1, hyperparameters: {}, backend: 'wasm', date: 'd', ...run });
    records.set('permuted/cnn-n10000-s42-perm784', [...records.values()][0]);
    const summary = summarise(plan, records, false, '2026-12-10T00:00:00.000Z');
    expect(Object.keys(summary.groups)).toEqual(['seeds']);
    expect(summary.groups.seeds!.planned).toBe(6);
    expect(summary.groups.seeds!.runs.map((r) => r.key)).toEqual(['lcn-n50000-s42', 'lcn-n50000-s43', 'lcn-n50000-s44']);
    expect(parseSummary(summary)).toEqual(summary);
  });
});
