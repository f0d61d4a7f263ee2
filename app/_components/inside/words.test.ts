import { describe, expect, it } from 'vitest';
import { formatOffset, formatRelative, stageVerdict, strideNote } from './words';

describe('words of the Inside section', () => {
  it('formats relative differences and offsets', () => {
    expect([0, 3.2e-7, 0.0123, 1.2345, Infinity].map(formatRelative)).toEqual(['0', '3.2e-7', '0.012', '1.23', '∞']);
    expect(formatOffset({ dx: 3, dy: -2 })).toBe('(+3, −2)');
  });

  it('says why a stage matches or not, from the number and the layer', () => {
    const conv = { layer: 'conv2d' as const, stride: 1, exact: true, moveBack: { dx: 3, dy: 2 } };
    expect(stageVerdict({ ...conv, relativeError: 0 }, { dx: 3, dy: 2 })).toMatch(/moved with the input/);
    expect(stageVerdict({ ...conv, relativeError: 1.3, layer: 'locallyConnected' }, { dx: 3, dy: 2 })).toMatch(/its own kernels/);
    const odd = stageVerdict({ ...conv, stride: 2, exact: false, moveBack: { dx: 1, dy: 1 }, relativeError: 0.4 }, { dx: 3, dy: 2 });
    expect(odd).toMatch(/not a multiple of this stage’s stride 2/);
    expect(odd).toMatch(/\(\+1, \+1\)/);
    expect(odd).toMatch(/even with shared weights/);
    expect(stageVerdict({ ...conv, relativeError: 0 }, { dx: 0, dy: 0 })).toMatch(/No shift/);
    expect(strideNote(2)).toMatch(/multiples of 2/);
  });
});
