import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose } from 'comlink';
import { createInferenceClient } from './client';
import { EngineError, toTransferable } from './errors';
import type { BackendChoice, EngineManifest } from './types';

/** What the fake worker answers; each method may be missing (then calling it fails in Comlink). */
type FakeApi = Record<string, (...args: unknown[]) => unknown>;

const choice: BackendChoice = { backend: 'cpu', reason: 'forced', detail: 'forced in the test' };
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
    const { worker, terminated } = fakeWorker({ load: () => new Promise(() => {}) });
    const client = createInferenceClient({ worker, storage: null });
    const loading = client.load(manifest);
    client.dispose();
    await expect(loading).rejects.toBeInstanceOf(EngineError);
    await expect(loading).rejects.toMatchObject({ code: 'disposed', message: expect.stringContaining('load was still pending') });
    expect(terminated()).toBe(true);
  });

  it('rejects every call made after dispose() without touching the worker', async () => {
    let calls = 0;
    const { worker } = fakeWorker({ predict: () => ++calls });
    const client = createInferenceClient({ worker, storage: null });
    client.dispose();
    client.dispose(); // idempotent
    await expect(client.predict(input)).rejects.toMatchObject({ code: 'disposed', message: expect.stringContaining('predict was called after') });
    await expect(client.load(manifest)).rejects.toMatchObject({ code: 'disposed' });
    expect(calls).toBe(0);
  });

  it('lets a replacement client load while the disposed one is cut off (Strict Mode mount, unmount, mount)', async () => {
    const first = fakeWorker({ load: () => new Promise(() => {}) });
    const second = fakeWorker({ load: async () => ({ choice, models: [] }) });
    const a = createInferenceClient({ worker: first.worker, storage: null });
    const aLoad = a.load(manifest);
    a.dispose();
    await expect(aLoad).rejects.toMatchObject({ code: 'disposed' });
    const b = createInferenceClient({ worker: second.worker, storage: null });
    await expect(b.load(manifest)).resolves.toEqual({ choice, models: [] });
    b.dispose();
  });

  it('rejects an answer of nothing with code "worker" instead of resolving undefined', async () => {
    // What the worker answered under `next dev` before the fix: load resolved to undefined, and the
    // lab showed "Cannot read properties of undefined (reading 'choice')".
    const { worker } = fakeWorker({ load: async () => undefined, setBackend: async () => undefined });
    const client = createInferenceClient({ worker, storage: null });
    await expect(client.load(manifest)).rejects.toMatchObject({ code: 'worker', message: 'The inference worker answered load with nothing' });
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
    await expect(client.predict(input)).resolves.toEqual({ cnn: { top: 3 } });
    await expect(client.backendInfo()).resolves.toBeNull(); // only undefined is no answer
    const failure = client.sweep(input);
    await expect(failure).rejects.toBeInstanceOf(EngineError);
    await expect(failure).rejects.toMatchObject({ code: 'usage', message: 'No model is loaded yet' });
    client.dispose();
  });

  it('remembers a measured automatic choice once load answers', async () => {
    const measured: BackendChoice = { backend: 'wasm', reason: 'measured', detail: 'fastest', adapterKey: 'none' };
    const { worker } = fakeWorker({ load: async () => ({ choice: measured, models: [] }) });
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    const client = createInferenceClient({ worker, storage });
    await client.load(manifest);
    expect([...stored.values()].map((v) => JSON.parse(v))).toEqual([{ none: 'wasm' }]);
    client.dispose();
  });
});
