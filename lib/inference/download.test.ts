import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { DownloadQueue, fetchModelFiles, fetchVerified, digestSha256Hex, PROGRESS_INTERVAL_MS } from './download';
import { entryBytes } from './types';
import { FakeServer } from './testing/fake-server';
import type { ModelId } from '@/lib/models/ids';

describe('verified streaming download', () => {
  it('reports progress chunk by chunk and returns the exact bytes', async () => {
    const server = new FakeServer();
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => i % 251);
    const file = await server.add('https://store.test/w.bin', bytes);
    const deltas: number[] = [];
    const out = await fetchVerified(file, 'cnn', (d) => deltas.push(d), server.fetch);
    expect(new Uint8Array(out)).toEqual(bytes);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.reduce((a, b) => a + b, 0)).toBe(bytes.byteLength);
  });

  it('hashes like sha256sum', async () => {
    expect(await digestSha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rejects a corrupted file with an integrity error naming it', async () => {
    const server = new FakeServer();
    const file = await server.add('https://store.test/w.bin', new Uint8Array([1, 2, 3, 4]));
    server.files.set(file.url, new Uint8Array([1, 2, 3, 5]));
    const error = await fetchVerified(file, 'lcn', () => {}, server.fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'integrity', file: file.url, modelId: 'lcn', retryable: true });
    expect((error as Error).message).toContain('w.bin');
  });

  it('rejects a failed download with a download error carrying the status', async () => {
    const server = new FakeServer();
    const file = await server.add('https://store.test/w.bin', new Uint8Array([1]));
    server.statusFor.set(file.url, 500);
    await expect(fetchVerified(file, 'cnn', () => {}, server.fetch)).rejects.toMatchObject({
      code: 'download',
      status: 500,
      file: file.url,
    });
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(fetchVerified(file, 'cnn', () => {}, offline)).rejects.toMatchObject({ code: 'download' });
  });

  describe('a file stored gzip-compressed', () => {
    const content = Uint8Array.from({ length: 100_000 }, (_, i) => (i % 7) * 3);
    /** `stored` served as a gzip-stored file whose manifest entry says it inflates to `inflatedBytes`. */
    async function gzipStored(stored: Uint8Array, inflatedBytes = content.byteLength) {
      const server = new FakeServer();
      const file = { ...(await server.add('https://store.test/w.bin.gz', stored)), inflatedBytes };
      return { server, file };
    }

    it('is checked as stored (progress and hash over the compressed bytes), then inflated', async () => {
      const gz = new Uint8Array(gzipSync(content));
      const { server, file } = await gzipStored(gz);
      const deltas: number[] = [];
      const out = await fetchVerified(file, 'lcn', (d) => deltas.push(d), server.fetch);
      expect(new Uint8Array(out)).toEqual(content);
      expect(deltas.reduce((a, b) => a + b, 0)).toBe(gz.byteLength);
    });

    it('is rejected when it inflates to another size than the manifest says', async () => {
      const { server, file } = await gzipStored(new Uint8Array(gzipSync(content)), content.byteLength + 1);
      await expect(fetchVerified(file, 'lcn', () => {}, server.fetch)).rejects.toMatchObject({
        code: 'integrity',
        file: file.url,
        message: expect.stringContaining(`inflates to ${content.byteLength} bytes, the manifest says ${content.byteLength + 1}`),
      });
    });

    it('is rejected, naming it, when its (correctly hashed) bytes are not gzip', async () => {
      const { server, file } = await gzipStored(content);
      await expect(fetchVerified(file, 'lcn', () => {}, server.fetch)).rejects.toMatchObject({
        code: 'integrity',
        modelId: 'lcn',
        message: expect.stringContaining('w.bin.gz does not inflate'),
      });
    });
  });

  it('checks every file before parsing model.json', async () => {
    const server = new FakeServer();
    const json = await server.add('https://store.test/model.json', new TextEncoder().encode('{"modelTopology":{},"weightsManifest":[]}'));
    const weights = await server.add('https://store.test/w.bin', new Uint8Array(8));
    server.files.set(weights.url, new Uint8Array(9));
    await expect(fetchModelFiles({ id: 'cnn', modelJson: json, weights: [weights] }, () => {}, server.fetch)).rejects.toMatchObject({
      code: 'integrity',
      file: weights.url,
    });
  });
});

describe('DownloadQueue', () => {
  /** A fake model: model.json plus one weight file of `bytes` bytes. */
  async function entry(server: FakeServer, id: ModelId, bytes: number) {
    const modelJson = await server.add(
      `https://store.test/${id}/model.json`,
      new TextEncoder().encode('{"modelTopology":{},"weightsManifest":[]}'),
    );
    const weights = await server.add(`https://store.test/${id}/w.bin`, new Uint8Array(bytes));
    return { id, modelJson, weights: [weights] };
  }

  it('downloads one model at a time, the smallest first, after the first only once held-back work is done', async () => {
    const server = new FakeServer();
    const lcn = await entry(server, 'lcn', 300_000);
    const cnn = await entry(server, 'cnn', 70_000);
    const log: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const queue = new DownloadQueue(
      server.fetch,
      (id, loaded, total) => {
        if (loaded === 0) log.push(`${id} starts`);
        if (loaded === total) log.push(`${id} done`);
      },
      () => held.then(() => void log.push('backend started')),
    );
    // Asked for together, the large one first: the small one still goes first.
    const both = Promise.all([queue.request(lcn), queue.request(cnn)]);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['cnn starts', 'cnn done']);
    release();
    const [lcnFiles, cnnFiles] = await both;
    expect(log).toEqual(['cnn starts', 'cnn done', 'backend started', 'lcn starts', 'lcn done']);
    expect([lcnFiles.modelId, cnnFiles.modelId]).toEqual(['lcn', 'cnn']);
    expect(queue.request(cnn)).toBe(queue.request(cnn)); // once per model
  });

  it('reports progress at most once per interval, and always the start and the last byte', async () => {
    const server = new FakeServer();
    const lcn = await entry(server, 'lcn', 1_000_000); // 16 chunks of 64 KiB, streamed at once
    const reports: number[] = [];
    await new DownloadQueue(server.fetch, (_, loaded) => reports.push(loaded)).request(lcn);
    const total = entryBytes(lcn);
    expect(reports[0]).toBe(0);
    expect(reports.at(-1)).toBe(total);
    expect(reports.length).toBeLessThan(6);

    // A slow stream: a report per interval.
    let release = () => {};
    server.holdFor.set(lcn.weights[0].url, new Promise<void>((resolve) => (release = resolve)));
    const slow: number[] = [];
    const done = new DownloadQueue(server.fetch, (_, loaded) => slow.push(loaded)).request(lcn);
    await new Promise((r) => setTimeout(r, PROGRESS_INTERVAL_MS * 1.5));
    expect(slow).toEqual([0, expect.any(Number)]); // the start, then the first chunk
    release();
    await done;
    expect(slow.at(-1)).toBe(total);
  });

  it('gives way to the models wanted now: a queued download never starts, the one under way is aborted', async () => {
    const server = new FakeServer();
    const cnn = await entry(server, 'cnn', 70_000);
    const lcn = await entry(server, 'lcn', 300_000);
    const mlp = await entry(server, 'mlp', 400_000);
    const gap = await entry(server, 'cnn-gap', 20_000);
    server.holdFor.set(lcn.weights[0].url, new Promise(() => {})); // stalls after its first chunk
    const log: string[] = [];
    const queue = new DownloadQueue(server.fetch, (id, loaded, total) => {
      if (loaded === 0) log.push(`${id} starts`);
      if (loaded === total) log.push(`${id} done`);
    });
    const pair = [queue.request(cnn), queue.request(lcn), queue.request(mlp)];
    await pair[0];
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['cnn starts', 'cnn done', 'lcn starts']);

    queue.keepOnly(['cnn', 'cnn-gap']);
    const next = queue.request(gap);
    await expect(pair[1]).rejects.toMatchObject({ code: 'cancelled', modelId: 'lcn' });
    await expect(pair[2]).rejects.toMatchObject({ code: 'cancelled', modelId: 'mlp' });
    await expect(next).resolves.toMatchObject({ modelId: 'cnn-gap' });
    expect(log).toEqual(['cnn starts', 'cnn done', 'lcn starts', 'cnn-gap starts', 'cnn-gap done']);
    expect(server.requests.filter((url) => url.includes('/mlp/'))).toEqual([]);

    // Wanted again, a cancelled model downloads afresh.
    server.holdFor.clear();
    await expect(queue.request(lcn)).resolves.toMatchObject({ modelId: 'lcn' });
  });

  it('lets a failed model be asked for again, and goes on with the others meanwhile', async () => {
    const server = new FakeServer();
    const cnn = await entry(server, 'cnn', 1000);
    const lcn = await entry(server, 'lcn', 2000);
    server.statusFor.set(cnn.weights[0].url, 503);
    const queue = new DownloadQueue(server.fetch, () => {});
    const failed = queue.request(cnn);
    const other = queue.request(lcn);
    await expect(failed).rejects.toMatchObject({ code: 'download', status: 503 });
    await expect(other).resolves.toMatchObject({ modelId: 'lcn' });
    server.statusFor.clear();
    await expect(queue.request(cnn)).resolves.toMatchObject({ modelId: 'cnn' });
  });
});
