import { describe, expect, it } from 'vitest';
import { labHref } from './lab-link';

describe('labHref', () => {
  it("writes the lab's URL state", () => {
    expect(labHref({ a: 'cnn-gap', b: 'lcn-gap', digit: 0, dx: 5, dy: 0 })).toBe('/?a=cnn-gap&b=lcn-gap&digit=0&dx=5&dy=0');
    expect(labHref({ a: 'cnn', b: 'mlp', digit: 12, dx: -3, dy: 8 })).toBe('/?a=cnn&b=mlp&digit=12&dx=-3&dy=8');
  });

  it('names a state the lab cannot show', () => {
    expect(() => labHref({ a: 'cnn', b: 'cnn', digit: 0, dx: 0, dy: 0 })).toThrow(/both 'cnn'/);
    expect(() => labHref({ a: 'cnn', b: 'lcn', digit: 1.5, dx: 0, dy: 0 })).toThrow(/digit must be a non-negative integer, got 1.5/);
    expect(() => labHref({ a: 'cnn', b: 'lcn', digit: 0, dx: 9, dy: 0 })).toThrow(/dx must be an integer in ±8, got 9/);
    expect(() => labHref({ a: 'cnn', b: 'vit' as 'lcn', digit: 0, dx: 0, dy: 0 })).toThrow(/unknown model id 'vit'/);
  });
});
