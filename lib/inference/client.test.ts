import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose } from 'comlink';
import { createInferenceClient } from './client';
import { EngineError, toTransferable } from './errors';
import type { BackendChoice, EngineManifest } from './types';

/** What the fake worker answers; each method may be missing (then calling it fails in Comlink). */
type FakeApi = Record<string, (...args: unknown[]) => unknown>;

const manifest: EngineManifest = { models: [] };
const input = new Uint8Array(784);

/** A Worker stand-in: one end of a MessageChannel, the fake engine exposed on the other. */
function fakeWorker(api: FakeApi): { worker: Worker; terminated: () => boolean } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  let terminated = false;
  const worker = Object.assign(port1, {
    terminate: () => {
      terminated = true;
      port1.close();
    },
  });
  return { worker: worker as unknown as Worker, terminated: () => terminated };
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

describe('createInferenceClient lifecycle', () => {
  it('rejects a call still pending at dispose() with code "disposed" and stops the worker', async () => {
    // React Strict Mode's first effect run: load is sent, then the client is disposed before any answer.
    const { worker, terminated } = fakeWorker({ init: async () => [], ensureModels: () => new Promise(() => {}) });
    const client = createInferenceClient({ worker, storage: null });
    await client.init(manifest);
    const loading = client.ensureModels(['cnn']);
    client.dispose();
    await expect(loading).rejects.toBeInstanceOf(EngineError);
    await expect(loading).rejects.toMatchObject({ code: 'disposed', message: expect.stringContaining('ensureModels was still pending') });
    expect(terminated()).toBe(true);
  });

  it('rejects every call made after dispose() without touching the worker', async () => {
    let calls = 0;
    const { worker } = fakeWorker({ predict: () => ++calls });
    const client = createInferenceClient({ worker, storage: null });
    client.dispose();
    client.dispose(); // idempotent
    await expect(client.predict(['cnn'], input)).rejects.toMatchObject({
      code: 'disposed',
      message: expect.stringContaining('predict was called after'),
    });
    await expect(client.init(manifest)).rejects.toMatchObject({ code: 'disposed' });
    expect(calls).toBe(0);
  });

  it('lets a replacement client load while the disposed one is cut off (Strict Mode mount, unmount, mount)', async () => {
    const first = fakeWorker({ init: () => new Promise(() => {}) });
    const second = fakeWorker({ init: async () => ['cnn', 'lcn'] });
    const a = createInferenceClient({ worker: first.worker, storage: null });
    const aInit = a.init(manifest);
    a.dispose();
    await expect(aInit).rejects.toMatchObject({ code: 'disposed' });
    const b = createInferenceClient({ worker: second.worker, storage: null });
    await expect(b.init(manifest)).resolves.toEqual(['cnn', 'lcn']);
    b.dispose();
  });

  it('rejects an answer of nothing with code "worker" instead of resolving undefined', async () => {
    // What the worker answered under `next dev` before the fix: load resolved to undefined, and the
    // lab showed "Cannot read properties of undefined (reading 'choice')".
    const { worker } = fakeWorker({ init: async () => undefined, setBackend: async () => undefined });
    const client = createInferenceClient({ worker, storage: null });
    await expect(client.init(manifest)).rejects.toMatchObject({
      code: 'worker',
      message: 'The inference worker answered init with nothing',
    });
    await expect(client.setBackend('cpu')).rejects.toMatchObject({ code: 'worker' });
    client.dispose();
  });

  it('passes answers through and turns worker failures back into EngineErrors', async () => {
    const { worker } = fakeWorker({
      predict: async () => ({ cnn: { top: 3 } }),
      backendInfo: async () => null,
      sweep: async () => {
        throw toTransferable(new EngineError({ code: 'usage', message: 'No model is loaded yet' }));
      },
    });
    const client = createInferenceClient({ worker, storage: null });
    await expect(client.predict(['cnn'], input)).resolves.toEqual({ cnn: { top: 3 } });
    await expect(client.backendInfo()).resolves.toBeNull(); // only undefined is no answer
    const failure = client.sweep(['cnn'], input);
    await expect(failure).rejects.toBeInstanceOf(EngineError);
    await expect(failure).rejects.toMatchObject({ code: 'usage', message: 'No model is loaded yet' });
    client.dispose();
  });

  it('remembers a measured choice the engine reports (per workload), and tells the listeners', async () => {
    const measured: BackendChoice = { backend: 'wasm', sweepBackend: 'webgpu', reason: 'measured', detail: 'fastest', adapterKey: 'none' };
    const provisional: BackendChoice = { ...measured, sweepBackend: 'wasm', reason: 'provisional' };
    const { worker } = fakeWorker({
      init: async (_manifest, _options, _onStatus, onBackendChange) => {
        const notify = onBackendChange as (c: BackendChoice) => Promise<void>;
        await notify(provisional);
        await notify(measured);
        return [];
      },
    });
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    const client = createInferenceClient({ worker, storage });
    const heard: string[] = [];
    client.onBackendChange((c) => heard.push(c.reason));
    await client.init(manifest);
    expect(heard).toEqual(['provisional', 'measured']);
    expect([...stored.values()].map((v) => JSON.parse(v))).toEqual([{ none: { single: 'wasm', sweep: 'webgpu' } }]);
    client.dispose();
  });
});

describe('the device benchmark in a worker of its own', () => {
  const result = { adapter: 'no WebGPU adapter', cells: [], failed: [] };

  it("runs there and ends that worker when done, the lab's worker untouched", async () => {
    const lab = fakeWorker({ init: async () => [] });
    const bench = fakeWorker({
      init: async () => [],
      benchmark: async (ids, _options, onProgress) => {
        await (onProgress as (p: unknown) => Promise<void>)({ done: 0, total: 2, backend: 'wasm', modelId: (ids as string[])[0] });
        return result;
      },
    });
    const client = createInferenceClient({ worker: lab.worker, storage: null, benchmarkWorker: () => bench.worker });
    await expect(client.benchmark(['cnn'])).rejects.toMatchObject({ code: 'usage' }); // before init
    await client.init(manifest);
    const progress: unknown[] = [];
    await expect(client.benchmark(['cnn'], { onProgress: (p) => progress.push(p) })).resolves.toEqual(result);
    expect(progress).toEqual([{ done: 0, total: 2, backend: 'wasm', modelId: 'cnn' }]);
    expect(bench.terminated()).toBe(true);
    expect(lab.terminated()).toBe(false);
    client.dispose();
  });

  it('cancels at once: the call rejects with "cancelled" and the worker is ended', async () => {
    const bench = fakeWorker({ init: async () => [], benchmark: () => new Promise(() => {}) });
    const client = createInferenceClient({
      worker: fakeWorker({ init: async () => [] }).worker,
      storage: null,
      benchmarkWorker: () => bench.worker,
    });
    await client.init(manifest);
    const controller = new AbortController();
    const running = client.benchmark(['cnn', 'lcn'], { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(bench.terminated()).toBe(true);
    client.dispose();
  });

  it('is ended by dispose() too', async () => {
    const bench = fakeWorker({ init: async () => [], benchmark: () => new Promise(() => {}) });
    const client = createInferenceClient({
      worker: fakeWorker({ init: async () => [] }).worker,
      storage: null,
      benchmarkWorker: () => bench.worker,
    });
    await client.init(manifest);
    const running = client.benchmark(['cnn']);
    await new Promise((r) => setTimeout(r, 10));
    client.dispose();
    await expect(running).rejects.toMatchObject({ code: 'disposed' });
    expect(bench.terminated()).toBe(true);
  });
});
