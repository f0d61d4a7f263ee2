import { describe, expect, it } from 'vitest';
import { buffersOf } from './transferables';

describe('buffersOf', () => {
  it('lists every typed array’s buffer once, however deep', () => {
    const shared = new Float32Array(4);
    const other = new Uint8Array(2);
    expect(buffersOf({ a: shared, b: [shared.subarray(1), { c: other }], n: 3, s: 'x', z: null })).toEqual([shared.buffer, other.buffer]);
  });
});
