import { describe, expect, it } from 'vitest';
import type { RaceResult } from '@/lib/learning/race';
import { raceShareRequest } from './client';
import { canonicalShareJson, shareIdOf } from './id';
import { validateShare } from './schema';
import { validShareBody } from './testing/share-body';

function race(): RaceResult {
  const side = (modelId: 'cnn' | 'lcn', end: number) => ({
    modelId,
    step: 80,
    totalSteps: 80,
    loss: Array.from({ length: 80 }, (_, i) => [i + 1, 2 / (i + 1) + 0.123456789] as [number, number]),
    accuracy: [
      [0, 0.1],
      [40, 0.8],
      [80, end],
    ] as [number, number][],
    seconds: 12.3456789,
    trainSeconds: 10.1,
    finalAccuracy: end,
    samplesPerSecond: 495.55,
  });
  return {
    settings: { models: ['cnn', 'lcn'], trainImages: 1000, epochs: 5 },
    backend: 'wasm',
    outcome: 'done',
    wallSeconds: 25.5,
    heldOutDigits: 1000,
    models: [side('cnn', 0.93), side('lcn', 0.9)],
  };
}

describe('a shared race (version 3)', () => {
  it('validates, rounds, re-validates to itself and has a stable id', () => {
    const parsed = validateShare(raceShareRequest(race()));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.share.v).toBe(3);
    if (parsed.share.v !== 3) return;
    expect(parsed.share.race.models[0].loss[0][1]).toBe(2.1235);
    expect(parsed.share.race.models[0].seconds).toBe(12.346);
    expect(validateShare(JSON.parse(canonicalShareJson(parsed.share)))).toEqual(parsed);
    expect(shareIdOf(canonicalShareJson(parsed.share))).toBe(shareIdOf(canonicalShareJson(parsed.share)));
    expect(JSON.stringify(raceShareRequest(race())).length).toBeLessThan(16 * 1024);
  });

  it.each([
    ['sides not in the settings order', (r: RaceResult) => (r.models = [r.models[1], r.models[0]]), 'race.models.0.modelId'],
    ['a model a race cannot train', (r: RaceResult) => ((r.settings.models as string[])[0] = 'cnn-gap'), 'race.settings.models.0'],
    ['too many digits', (r: RaceResult) => (r.settings.trainImages = 60_000), 'race.settings.trainImages'],
    ['an accuracy above 1', (r: RaceResult) => (r.models[0].accuracy[1][1] = 1.5), 'race.models.0.accuracy.1.1'],
    ['steps going back', (r: RaceResult) => (r.models[0].accuracy[2][0] = 10), 'race.models.0.accuracy'],
    ['too many loss points', (r: RaceResult) => (r.models[0].loss = Array.from({ length: 500 }, (_, i) => [i, 1])), 'race.models.0.loss'],
    ['a step past the end', (r: RaceResult) => (r.models[1].step = 81), 'race.models.1.step'],
  ])('rejects %s, naming the field', (_, edit, field) => {
    const r = race();
    edit(r);
    const parsed = validateShare(raceShareRequest(r));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.field).toBe(field);
  });

  it('accepts a race stopped before its first step (no loss point yet)', () => {
    const r = race();
    r.outcome = 'stopped';
    r.models.forEach((m) => Object.assign(m, { step: 0, loss: [], accuracy: [[0, 0.1]], finalAccuracy: 0.1 }));
    expect(validateShare(raceShareRequest(r)).ok).toBe(true);
  });

  it('leaves version 1 and 2 links as they were', () => {
    const v2 = validateShare(validShareBody());
    expect(v2.ok && v2.share.v).toBe(2);
  });
});
