import { beforeAll, describe, expect, it } from 'vitest';
import { memory, tensor4d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { MODEL_IDS } from '@/lib/models/ids';
import { loadModelFromFiles } from '@/lib/models/artifacts';
import { shiftGridOffsets, shiftImage } from '@/lib/digits/shift';
import { loadMnist } from '@/lib/mnist/load';
import { InferenceEngine } from './engine';
import { EngineError } from './errors';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { nodeWasmPaths } from '@/lib/tfjs/node-wasm';
import { randomDigit } from '@/lib/digits/testing/images';
import { FakeServer, serveRegistryModels } from './testing/fake-server';
import type { EngineManifest, LoadProgressEvent } from './types';

const mnist = loadMnist('test');
const digit = (i: number) => mnist.images.slice(i * 784, (i + 1) * 784);

describe('InferenceEngine (Node, wasm and cpu)', () => {
  const server = new FakeServer();
  let manifest: EngineManifest;
  let engine: InferenceEngine;

  beforeAll(async () => {
    await setTestBackend('cpu'); // builds the fixture models; the engine then chooses its own backend
    manifest = await serveRegistryModels(server, MODEL_IDS, 3);
    engine = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: server.fetch, candidates: ['wasm', 'cpu'] });
  });

  it('loads both models with byte progress, races the backends and reports cold runs', async () => {
    const events: LoadProgressEvent[] = [];
    const result = await engine.load(manifest, { onProgress: (e) => events.push(e) });
    const total = manifest.models.reduce((s, m) => s + m.modelJson.bytes + m.weights.reduce((a, w) => a + w.bytes, 0), 0);
    expect(events.at(-1)?.allLoadedBytes).toBe(total);
    expect(events.at(-1)?.allTotalBytes).toBe(total);
    expect(result.choice.reason).toBe('measured');
    expect(Object.keys(result.choice.timings ?? {}).sort()).toEqual(['cpu', 'wasm']);
    expect(result.models.map((m) => m.modelId)).toEqual(['cnn', 'lcn']);
    for (const m of result.models) expect(m.coldMs).toBeGreaterThan(0);
    // wasm runs the LCN's two layers on the project's WebAssembly kernel; cpu on tfjs ops.
    const lc = result.choice.backend === 'wasm' ? 'kernel' : 'depthwise';
    expect(Object.fromEntries(result.models.map((m) => [m.modelId, m.locallyConnectedPaths]))).toEqual({ cnn: [], lcn: [lc, lc] });
  });

  it('remembers nothing itself but honours a remembered choice', async () => {
    const info = await engine.backendInfo();
    const key = info.choice?.adapterKey ?? '';
    const again = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: server.fetch, candidates: ['wasm', 'cpu'] });
    const result = await again.load({ models: manifest.models.slice(0, 1) }, { memory: { [key]: 'cpu' } });
    expect(result.choice).toMatchObject({ backend: 'cpu', reason: 'remembered' });
    await again.dispose();
    await engine.setBackend('auto');
  });

  it('predicts like tfjs-layers model.predict on the same backend', async () => {
    const pixels = digit(0);
    const out = await engine.predict(pixels);
    for (const entry of manifest.models) {
      const json = JSON.parse(new TextDecoder().decode(server.files.get(entry.modelJson.url)));
      const weights = [(server.files.get(entry.weights[0].url) as Uint8Array).slice().buffer];
      const model = await loadModelFromFiles(json, weights);
      const expected = tidy(() => (model.predict(tensor4d(Float32Array.from(pixels, (v) => v / 255), [1, 28, 28, 1])) as Tensor).dataSync());
      model.dispose();
      const got = out[entry.id];
      expect(got.probs).toHaveLength(10);
      expect(got.top).toBe(got.probs.indexOf(Math.max(...got.probs)));
      expect(got.latencyMs).toBeGreaterThan(0);
      for (let k = 0; k < 10; k++) expect(Math.abs(got.probs[k] - expected[k])).toBeLessThan(1e-5);
    }
  });

  it('sweeps the CNN by equivariance and the LCN batched, matching single predictions', async () => {
    const pixels = digit(1);
    const sweeps = await engine.sweep(pixels);
    expect(sweeps.cnn.method).toBe('equivariant');
    expect(sweeps.lcn.method).toBe('batched');
    const batched = await engine.sweep(pixels, { method: 'batched', models: ['cnn'] });
    expect(Object.keys(batched)).toEqual(['cnn']);
    expect(batched.cnn.method).toBe('batched');
    expect(Array.from(batched.cnn.tops)).toEqual(Array.from(sweeps.cnn.tops));
    for (let i = 0; i < batched.cnn.probs.length; i++) expect(Math.abs(batched.cnn.probs[i] - sweeps.cnn.probs[i])).toBeLessThan(1e-5);
    const grid = shiftGridOffsets();
    for (const cell of [0, 144, 150, 288]) {
      const { dx, dy } = grid[cell];
      const single = await engine.predict(shiftImage(pixels, dx, dy));
      for (const id of MODEL_IDS) {
        expect(sweeps[id].tops[cell]).toBe(single[id].top);
        for (let k = 0; k < 10; k++) expect(Math.abs(sweeps[id].probs[cell * 10 + k] - single[id].probs[k])).toBeLessThan(1e-5);
      }
    }
  });

  it('evaluates accuracy per shift, consistently between the equivariant and batched paths', async () => {
    const n = 4;
    const samples = { images: mnist.images.slice(0, n * 784), labels: mnist.labels.slice(0, n) };
    const shifts = [{ dx: 0, dy: 0 }, { dx: 2, dy: -1 }, { dx: -8, dy: 8 }];
    const result = await engine.evaluate(samples, shifts);
    expect(result.cnn?.method).toBe('equivariant');
    expect(result.lcn?.method).toBe('batched');
    for (const id of MODEL_IDS) {
      expect(result[id]?.accuracyByShift).toHaveLength(3);
      expect(result[id]?.evaluated).toBe(12);
      // Cross-check each cell against single predictions.
      let correct = 0;
      for (let d = 0; d < n; d++) {
        for (const { dx, dy } of shifts) {
          const p = await engine.predict(shiftImage(digit(d), dx, dy));
          if (p[id].top === mnist.labels[d]) correct++;
        }
      }
      expect(result[id]?.accuracy).toBeCloseTo(correct / 12, 6);
    }
  });

  it('lets a prediction through while a long evaluation runs', async () => {
    const n = 150; // 150 digits × 17 shifts: several chunks for the batched LCN
    const samples = { images: mnist.images.slice(0, n * 784), labels: mnist.labels.slice(0, n) };
    const shifts = Array.from({ length: 17 }, (_, i) => ({ dx: i - 8, dy: 0 }));
    const order: string[] = [];
    const evaluation = engine.evaluate(samples, shifts, { models: ['lcn'] }).then(() => order.push('evaluate'));
    await new Promise((r) => setTimeout(r, 0));
    const prediction = engine.predict(digit(5)).then(() => order.push('predict'));
    await Promise.all([evaluation, prediction]);
    expect(order).toEqual(['predict', 'evaluate']);
  });

  it('shows inside every model: stage maps of an input and its shift, compared by shifting back, and first-layer weights', async () => {
    const before = memory().numTensors;
    const inside = await engine.featureMaps(digit(2), { dx: 3, dy: 2 }, { weights: { filter: 1 } });
    expect(Object.keys(inside)).toEqual(['cnn', 'lcn']);
    expect(inside.cnn!.stages.map((s) => s.shape.channels)).toEqual([16, 32]);
    expect(inside.cnn!.stages[0].relativeError).toBeLessThan(1e-5);
    expect(inside.lcn!.stages[0].relativeError).toBeGreaterThan(0.1);
    expect(inside.cnn!.weights).toMatchObject({ kind: 'conv2d', tiles: 16 });
    expect(inside.lcn!.weights).toMatchObject({ kind: 'locallyConnected', tiles: 576, filter: 1 });
    const only = await engine.featureMaps(digit(2), { dx: 0, dy: 0 }, { models: ['lcn'] });
    expect(Object.keys(only)).toEqual(['lcn']);
    expect(only.lcn!.weights).toBeUndefined();
    await expect(engine.featureMaps(digit(2), { dx: 9, dy: 0 })).rejects.toMatchObject({ code: 'usage' });
    expect(memory().numTensors).toBe(before);
  });

  it('measures warm latency over at least 20 runs, plus cold and sweep times', async () => {
    const stats = await engine.latencyStats('cnn', digit(4), 20);
    expect(stats.runs).toBe(20);
    expect(stats.p95Ms).toBeGreaterThanOrEqual(stats.p50Ms);
    expect(stats.coldMs).toBeGreaterThan(0);
    expect(stats.sweepMethod).toBe('equivariant');
    expect(stats.sweepMs).toBeGreaterThan(0);
  });

  it.each(['wasm', 'cpu'] as const)('leaks no tensors over 1,000 predictions on %s', async (backend) => {
    await engine.setBackend(backend);
    const inputs = [randomDigit(1), randomDigit(2), digit(3)];
    await engine.predict(inputs[0]);
    await engine.sweep(inputs[0]);
    const before = memory().numTensors;
    for (let i = 0; i < 1000; i++) await engine.predict(inputs[i % 3]);
    await engine.sweep(inputs[1]);
    expect(memory().numTensors).toBe(before);
    expect((await engine.backendInfo()).numTensors).toBe(before);
    await engine.setBackend('auto');
  });

  it('switches backends on request and gives the same answers', async () => {
    const pixels = digit(2);
    const before = await engine.predict(pixels);
    const first = (await engine.backendInfo()).choice?.backend;
    const other = first === 'wasm' ? 'cpu' : 'wasm';
    const choice = await engine.setBackend(other);
    expect(choice).toMatchObject({ backend: other, reason: 'forced' });
    const after = await engine.predict(pixels);
    for (const id of MODEL_IDS) {
      expect(after[id].top).toBe(before[id].top);
      for (let k = 0; k < 10; k++) expect(Math.abs(after[id].probs[k] - before[id].probs[k])).toBeLessThan(1e-4);
    }
  });

  it('rejects bad input and use before load with usage errors', async () => {
    await expect(engine.predict(new Uint8Array(10))).rejects.toMatchObject({ code: 'usage' });
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: server.fetch, candidates: ['cpu'] });
    await expect(fresh.predict(digit(0))).rejects.toBeInstanceOf(EngineError);
  });

  it('fails a load on a corrupted weight file before building anything', async () => {
    const broken = new FakeServer();
    const m = await serveRegistryModels(broken, ['cnn'], 1);
    const url = m.models[0].weights[0].url;
    const bytes = broken.files.get(url) as Uint8Array;
    bytes[100] ^= 0xff;
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: broken.fetch, candidates: ['cpu'] });
    await expect(fresh.load(m)).rejects.toMatchObject({ code: 'integrity', file: url, modelId: 'cnn' });
    expect((await fresh.backendInfo()).models).toEqual([]);
  });
});
