import { describe, expect, it, vi } from 'vitest';
import { prefetchWorkerChunks, startWithChunkPrefetch, workerChunkUrls } from './worker-chunks';

const chunks = ['/_next/static/chunks/turbopack-a.js', '/_next/static/chunks/3fofq.js'];
const params = JSON.stringify([chunks, '', '/_next/', null, null]);

describe('a bundled worker’s chunks', () => {
  it('reads them from Turbopack’s #params= (as the browser encodes it) or ?params=, as same-origin URLs in order', () => {
    const base = 'https://lab.example/_next/static/chunks/turbopack-worker-1h.js';
    const expected = chunks.map((c) => `https://lab.example${c}`);
    expect(workerChunkUrls(new URL(`${base}#params=${encodeURIComponent(params)}`))).toEqual(expected);
    expect(workerChunkUrls(new URL(`${base}?params=${encodeURIComponent(params)}`))).toEqual(expected);
  });

  it('names nothing for any other shape, and never a foreign origin', () => {
    expect(workerChunkUrls(new URL('https://lab.example/_next/static/media/worker.ts'))).toEqual([]);
    expect(workerChunkUrls(new URL('https://lab.example/w.js#params=%zz'))).toEqual([]);
    expect(workerChunkUrls(new URL('https://lab.example/w.js#params=not-json'))).toEqual([]);
    expect(workerChunkUrls(new URL(`https://lab.example/w.js?params=${encodeURIComponent('{"0":1}')}`))).toEqual([]);
    const foreign = JSON.stringify([['https://evil.example/x.js', 7, '/_next/static/chunks/ok.js']]);
    expect(workerChunkUrls(new URL(`https://lab.example/w.js?params=${encodeURIComponent(foreign)}`))).toEqual([
      'https://lab.example/_next/static/chunks/ok.js',
    ]);
  });

  it('fetches every chunk at once, reads each body, and swallows failures', async () => {
    const read = vi.fn(async () => new ArrayBuffer(0));
    const fetchImpl = vi.fn(async (url: string) => {
      if (url.endsWith('3fofq.js')) throw new TypeError('offline');
      return { arrayBuffer: read } as unknown as Response;
    });
    prefetchWorkerChunks(new URL(`https://lab.example/w.js#params=${encodeURIComponent(params)}`), fetchImpl as unknown as typeof fetch);
    expect(fetchImpl.mock.calls.map(([url]) => url)).toEqual(chunks.map((c) => `https://lab.example${c}`));
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
  });

  it('prefetches as the bundled worker starts, hands the constructor its own arguments, and restores the global Worker', () => {
    const started: unknown[][] = [];
    class FakeWorker {
      constructor(...args: unknown[]) {
        started.push(args);
      }
    }
    const fetchImpl = vi.fn(async () => ({ arrayBuffer: async () => new ArrayBuffer(0) }));
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('fetch', fetchImpl);
    try {
      const url = `https://lab.example/w.js#params=${encodeURIComponent(params)}`;
      const worker = startWithChunkPrefetch(() => new Worker(url, { type: 'module', name: 'inference' }));
      expect(worker).toBeInstanceOf(FakeWorker);
      expect(started).toEqual([[url, { type: 'module', name: 'inference' }]]);
      expect(fetchImpl).toHaveBeenCalledTimes(chunks.length);
      expect(globalThis.Worker).toBe(FakeWorker);
      expect(() =>
        startWithChunkPrefetch(() => {
          throw new Error('no workers here');
        }),
      ).toThrow('no workers here');
      expect(globalThis.Worker).toBe(FakeWorker);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
