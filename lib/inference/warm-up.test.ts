import { describe, expect, it } from 'vitest';
import type { SweepResult } from './types';
import { WARM_UP_SWEEPS, warmUpSweeps } from './warm-up';

const result = (ms: number): SweepResult => ({
  tops: new Uint8Array(289),
  probs: new Float32Array(2890),
  ms,
  method: 'batched',
  backend: 'wasm',
});

describe('warmUpSweeps', () => {
  it('sends every run before the first answers, so nothing asked for later gets between them', async () => {
    const sent: string[] = [];
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const asked: string[][] = [];
    const engine = {
      sweep: async (ids: readonly string[]) => {
        asked.push([...ids]);
        const n = sent.push('warm-up');
        await answered;
        return { cnn: result(n === 1 ? 60 : 3), lcn: result(n === 1 ? 105 : 30) };
      },
    };
    const warmed = warmUpSweeps(engine, ['cnn', 'lcn'], new Uint8Array(784));
    sent.push('visitor');
    expect(sent).toEqual([...Array(WARM_UP_SWEEPS).fill('warm-up'), 'visitor']);
    answer();
    // The first (cold) run's time is what comes back, per model.
    expect(await warmed).toEqual({ cnn: 60, lcn: 105 });
    // Only the models asked for are swept.
    expect(asked).toEqual(Array(WARM_UP_SWEEPS).fill(['cnn', 'lcn']));
  });

  it('runs at least once', async () => {
    let calls = 0;
    await warmUpSweeps({ sweep: async () => (calls++, { cnn: result(1) }) }, ['cnn'], new Uint8Array(784), 0);
    expect(calls).toBe(1);
  });

  it('fails as the engine does', async () => {
    await expect(warmUpSweeps({ sweep: async () => Promise.reject(new Error('disposed')) }, ['cnn'], new Uint8Array(784))).rejects.toThrow(
      'disposed',
    );
  });
});
