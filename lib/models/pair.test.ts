import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from './ids';
import { choosePairSide, defaultPairIds, fallbackModel } from './pair';

describe('defaultPairIds', () => {
  it('is the CNN and the LCN when both are published', () => {
    expect(defaultPairIds(MODEL_IDS)).toEqual(['cnn', 'lcn']);
    expect(defaultPairIds(['lcn', 'cnn'])).toEqual(['cnn', 'lcn']);
  });

  it('fills a missing side with another published model', () => {
    expect(defaultPairIds(['lcn', 'mlp'])).toEqual(['lcn', 'mlp']);
    expect(defaultPairIds(['cnn-gap', 'cnn', 'mlp'])).toEqual(['cnn', 'cnn-gap']);
  });

  it('still names two different models when fewer than two are published', () => {
    expect(defaultPairIds(['mlp'])).toEqual(['mlp', 'lcn']);
    expect(defaultPairIds([])).toEqual(['cnn', 'lcn']);
  });
});

describe('fallbackModel', () => {
  it('takes the first published preference that is not taken', () => {
    expect(fallbackModel(MODEL_IDS, ['cnn', 'lcn'], 'cnn')).toBe('lcn');
    expect(fallbackModel(['mlp', 'lcn-gap'], ['cnn', 'lcn'], 'mlp')).toBe('lcn-gap');
  });
});

describe('choosePairSide', () => {
  it('replaces one side', () => {
    expect(choosePairSide(['cnn', 'lcn'], 0, 'cnn-gap')).toEqual(['cnn-gap', 'lcn']);
    expect(choosePairSide(['cnn', 'lcn'], 1, 'mlp')).toEqual(['cnn', 'mlp']);
  });

  it("swaps the sides when the other side's model is chosen", () => {
    expect(choosePairSide(['cnn', 'lcn'], 0, 'lcn')).toEqual(['lcn', 'cnn']);
    expect(choosePairSide(['cnn', 'lcn'], 1, 'cnn')).toEqual(['lcn', 'cnn']);
  });

  it('keeps the pair when a side is chosen again', () => {
    const pair = ['cnn', 'lcn'] as const;
    expect(choosePairSide(pair, 0, 'cnn')).toBe(pair);
  });
});
