import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/lib/models/ids';
import { shareOut } from './share-out';

describe('shareOut', () => {
  it('puts the three locally connected models on two processes so neither waits on the other', () => {
    const groups = shareOut(MODEL_IDS, 2);
    expect(groups).toHaveLength(2);
    expect(groups.flat().sort()).toEqual([...MODEL_IDS].sort());
    const lcns = groups.map((g) => g.filter((id) => id.startsWith('lcn')).length);
    expect(lcns.sort()).toEqual([1, 2]);
  });

  it('gives every model its own process when there are enough, and one process everything', () => {
    expect(shareOut(['cnn', 'mlp'], 4)).toHaveLength(2);
    const [only, ...more] = shareOut(MODEL_IDS, 1);
    expect(more).toEqual([]);
    expect(only.sort()).toEqual([...MODEL_IDS].sort());
  });

  it('balances by cost: longest first, to the lightest process', () => {
    const cost = { cnn: 5, lcn: 4, mlp: 3, 'cnn-gap': 3, 'lcn-gap': 1, 'cnn-shift': 0, 'lcn-shift': 0 } as const;
    expect(shareOut(['cnn', 'lcn', 'mlp', 'cnn-gap'], 2, (id) => cost[id])).toEqual([
      ['cnn', 'cnn-gap'],
      ['lcn', 'mlp'],
    ]);
  });
});
