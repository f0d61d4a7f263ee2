import { describe, expect, it } from 'vitest';
import { bestPoint, convergenceOf } from './curve';

const point = (step: number, validationAccuracy: number) => ({ step, trainSeconds: step / 10, validationLoss: 1 - validationAccuracy, validationAccuracy });
const curve = [point(0, 0.1), point(200, 0.965), point(400, 0.975), point(600, 0.981), point(800, 0.981), point(1000, 0.979)];

describe('the validation curve', () => {
  it('keeps the best checkpoint, the earliest of equals', () => {
    expect(bestPoint(curve).step).toBe(600);
    expect(() => bestPoint([])).toThrow(/at least one point/);
  });

  it('reports the first step and training time at each target, null where never reached', () => {
    expect(convergenceOf(curve, [0.97, 0.98, 0.99])).toEqual([
      { target: 0.97, step: 400, trainSeconds: 40 },
      { target: 0.98, step: 600, trainSeconds: 60 },
      { target: 0.99, step: null, trainSeconds: null },
    ]);
  });
});
