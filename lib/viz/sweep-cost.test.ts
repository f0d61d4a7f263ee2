import { describe, expect, it } from 'vitest';
import { sweepRatio } from './sweep-cost';

describe('sweepRatio', () => {
  it('puts the slower sweep over the faster, whichever order the models come in', () => {
    expect(
      sweepRatio([
        { name: 'CNN', ms: 2 },
        { name: 'LCN', ms: 24 },
      ]),
    ).toEqual({ slower: 'LCN', faster: 'CNN', ratio: 12 });
    expect(
      sweepRatio([
        { name: 'LCN', ms: 24 },
        { name: 'CNN', ms: 2 },
      ]),
    ).toEqual({ slower: 'LCN', faster: 'CNN', ratio: 12 });
  });

  it('waits for both times and needs exactly two positive ones', () => {
    expect(
      sweepRatio([
        { name: 'CNN', ms: 2 },
        { name: 'LCN', ms: undefined },
      ]),
    ).toBeNull();
    expect(
      sweepRatio([
        { name: 'CNN', ms: 0 },
        { name: 'LCN', ms: 3 },
      ]),
    ).toBeNull();
    expect(sweepRatio([{ name: 'CNN', ms: 2 }])).toBeNull();
    expect(
      sweepRatio([
        { name: 'A', ms: 1 },
        { name: 'B', ms: 2 },
        { name: 'C', ms: 3 },
      ]),
    ).toBeNull();
  });
});
