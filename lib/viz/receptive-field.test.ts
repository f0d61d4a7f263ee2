import { describe, expect, it } from 'vitest';
import { fieldRect, receptiveFieldAfter } from './receptive-field';

const conv5 = { kernel: 5, stride: 1, padding: 'valid' } as const;
const pool2 = { kernel: 2, stride: 2, padding: 'valid' } as const;

describe('receptiveFieldAfter', () => {
  it('gives the two feature stages of the lab’s models: 5×5 at stride 1, then 14×14 at stride 2', () => {
    expect(receptiveFieldAfter([])).toEqual({ size: 1, jump: 1, start: 0 });
    expect(receptiveFieldAfter([conv5])).toEqual({ size: 5, jump: 1, start: 0 });
    expect(receptiveFieldAfter([conv5, pool2, conv5])).toEqual({ size: 14, jump: 2, start: 0 });
    expect(receptiveFieldAfter([conv5, pool2, conv5, pool2])).toEqual({ size: 16, jump: 4, start: 0 });
  });

  it('centres a same-padded window on its position', () => {
    expect(receptiveFieldAfter([{ kernel: 3, stride: 1, padding: 'same' }])).toEqual({ size: 3, jump: 1, start: -1 });
  });
});

describe('fieldRect', () => {
  it('places a position’s field on the input and clips it to the image', () => {
    const stage2 = receptiveFieldAfter([conv5, pool2, conv5]);
    expect(fieldRect(stage2, 0, 0, 28)).toEqual({ top: 0, left: 0, bottom: 13, right: 13 });
    expect(fieldRect(stage2, 7, 3, 28)).toEqual({ top: 14, left: 6, bottom: 27, right: 19 });
    expect(fieldRect({ size: 3, jump: 1, start: -1 }, 0, 27, 28)).toEqual({ top: 0, left: 26, bottom: 1, right: 27 });
  });
});
