import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { encodeMnistSample } from '@/lib/mnist/sample';
import { sha256Hex } from '@/lib/storage/hash';
import { Trainer } from './trainer';

const digits = gzipSync(encodeMnistSample({ count: 2, labels: Uint8Array.of(3, 4), pixels: new Uint8Array(2 * INPUT_PIXELS).fill(9) }));
const entry = (sha256 = sha256Hex(digits), bytes = digits.byteLength) => ({
  count: 2,
  file: { key: 'datasets/mnist-train/x/training-digits.bin.gz', url: 'http://store/d.bin.gz', bytes, sha256 },
});
const serving =
  (body: Uint8Array, status = 200) =>
  async () =>
    new Response(new Uint8Array(body), { status });

describe('Trainer.loadData', () => {
  it('downloads, checks the sha256 and decodes the training digits, reporting bytes', async () => {
    const progress: number[] = [];
    const trainer = new Trainer({ wasmPaths: '' }, serving(digits));
    expect(await trainer.loadData(entry(), (p) => progress.push(p.loadedBytes))).toBe(2);
    expect(progress.at(-1)).toBe(digits.byteLength);
  });

  it('refuses bytes that fail the check, names the file, and tries again next time', async () => {
    const trainer = new Trainer({ wasmPaths: '' }, serving(digits));
    await expect(trainer.loadData(entry('0'.repeat(64)))).rejects.toMatchObject({ code: 'integrity', message: /failed its sha256 check/ });
    expect(await trainer.loadData(entry())).toBe(2);
    const broken = new Trainer({ wasmPaths: '' }, serving(digits, 404));
    await expect(broken.loadData(entry())).rejects.toMatchObject({ code: 'download', message: /HTTP 404/ });
  });

  it('refuses to start without data or with bad settings, in words', async () => {
    const trainer = new Trainer({ wasmPaths: '' }, serving(digits));
    await expect(trainer.start({ models: ['cnn', 'lcn'], trainImages: 1000, epochs: 5 }, 'cpu')).rejects.toThrow(/not loaded/);
    await expect(trainer.start({ models: ['cnn', 'lcn'], trainImages: 10, epochs: 5 }, 'cpu')).rejects.toThrow(
      /trainImages: must be at least 100/,
    );
    expect(() => trainer.predict(new Uint8Array(INPUT_PIXELS))).toThrow(/finish a race first/);
  });
});
