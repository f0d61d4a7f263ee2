import { describe, expect, it } from 'vitest';
import { MODEL_SPECS } from './registry';
import type { ModelId } from './ids';
import { pairContrast } from './pair-contrast';

const model = (id: ModelId) => MODEL_SPECS.find((s) => s.id === id)!;
const contrast = (a: ModelId, b: ModelId) => pairContrast(model(a), model(b));

describe('pairContrast', () => {
  it('names the one factor a neighbouring pair differs in', () => {
    expect(contrast('cnn', 'lcn')).toBe('Same head, same training data — only weight sharing differs.');
    expect(contrast('cnn-gap', 'lcn-gap')).toBe('Same head, same training data — only weight sharing differs.');
    expect(contrast('cnn', 'cnn-gap')).toBe('Same feature layers, same training data — only the head differs (dense vs global average pooling).');
    expect(contrast('cnn', 'cnn-shift')).toBe('Same feature layers, same head — only the training data differs (centred vs shifted up to 4 px).');
    expect(contrast('lcn', 'mlp')).toBe('Same head, same training data — only locality differs (local filters vs every pixel to every unit).');
  });

  it('describes the difference in the order of the pair', () => {
    expect(contrast('lcn-shift', 'lcn')).toBe('Same feature layers, same head — only the training data differs (shifted up to 4 px vs centred).');
    expect(contrast('mlp', 'lcn')).toMatch(/\(every pixel to every unit vs local filters\)/);
  });

  it('says a comparison mixes causes when several factors differ', () => {
    expect(contrast('cnn', 'lcn-gap')).toBe('Same training data — differs in weight sharing and head: the comparison mixes two causes.');
    expect(contrast('cnn', 'mlp')).toBe('Same head, same training data — differs in weight sharing and locality: the comparison mixes two causes.');
    expect(contrast('cnn-shift', 'mlp')).toBe('Same head — differs in weight sharing, locality and training data: the comparison mixes three causes.');
    expect(contrast('cnn-gap', 'lcn-shift')).toBe('Differs in weight sharing, head and training data: the comparison mixes three causes.');
  });

  it('says so when the factors are the same', () => {
    expect(pairContrast(model('cnn'), { ...model('cnn'), name: 'CNN again' })).toBe(
      'Same feature layers, same head, same training data: the two differ in nothing the zoo varies.',
    );
  });

  it('does not guess for a card published before the zoo, without factors', () => {
    expect(pairContrast({ name: 'CNN' }, model('lcn'))).toBe('CNN’s card does not say how the model was built, so what this comparison isolates is not known.');
    expect(pairContrast({ name: 'CNN' }, { name: 'LCN' })).toMatch(/^Neither card does/);
  });
});
