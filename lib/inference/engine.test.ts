import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { memory, tensor4d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_PAIR, type ModelId } from '@/lib/models/ids';
import { loadModelFromFiles } from '@/lib/models/artifacts';
import { shiftGridOffsets, shiftImage } from '@/lib/digits/shift';
import { loadMnist } from '@/lib/mnist/load';
import { InferenceEngine } from './engine';
import { EngineError } from './errors';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { nodeWasmPaths } from '@/lib/tfjs/node-wasm';
import { randomDigit } from '@/lib/digits/testing/images';
import { FakeServer, serveRegistryModels } from './testing/fake-server';
import type { BackendChoice, EngineManifest, ModelStatus } from './types';

const mnist = loadMnist('test');
const digit = (i: number) => mnist.images.slice(i * 784, (i + 1) * 784);
const ids = [...DEFAULT_PAIR];
const newEngine = (server: FakeServer, candidates: ('wasm' | 'cpu')[] = ['wasm', 'cpu']) =>
  new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: server.fetch, candidates });

/** Resolves with the first value `find` returns that is not undefined, polling. */
function until<T>(find: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const poll = () => {
      const found = find();
      if (found !== undefined) resolve(found);
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('InferenceEngine (Node, wasm and cpu)', () => {
  const server = new FakeServer();
  let manifest: EngineManifest;
  let engine: InferenceEngine;
  const statuses: ModelStatus[] = [];
  const choices: BackendChoice[] = [];

  beforeAll(async () => {
    await setTestBackend('cpu'); // builds the fixture models; the engine then chooses its own backend
    manifest = await serveRegistryModels(server, ids, 3);
    engine = newEngine(server);
  });

  it('loads the small model first and answers with it while the large one is still downloading', async () => {
    let release = () => {};
    const lcnWeights = manifest.models.find((m) => m.id === 'lcn')!.weights[0].url;
    server.holdFor.set(lcnWeights, new Promise<void>((resolve) => (release = resolve)));
    await engine.init(manifest, { onModelStatus: (s) => statuses.push(s), onBackendChange: (c) => choices.push(c) });
    const loading = engine.ensureModels(['lcn', 'cnn']);
    await until(() => statuses.find((s) => s.modelId === 'cnn' && s.state === 'ready'));
    const early = await engine.predict(['cnn'], digit(0));
    expect(early.cnn?.probs).toHaveLength(10);
    await expect(engine.predict(['lcn'], digit(0))).rejects.toMatchObject({ code: 'usage', modelId: 'lcn' });
    const lcnSoFar = statuses.filter((s) => s.modelId === 'lcn');
    expect(lcnSoFar.at(-1)?.state).toBe('downloading');
    expect(lcnSoFar.at(-1)!.loadedBytes).toBeLessThan(lcnSoFar.at(-1)!.totalBytes);
    release();
    const infos = await loading;
    expect(infos.map((i) => i.modelId)).toEqual(['lcn', 'cnn']);
    server.holdFor.clear();

    // Each model: queued, its own bytes, building, ready; the CNN's download ended before the LCN's began.
    for (const id of ids) {
      const own = statuses.filter((s) => s.modelId === id);
      expect(own[0].state).toBe('queued');
      expect(own.at(-1)).toMatchObject({ state: 'ready', info: { modelId: id } });
      expect(own.some((s) => s.state === 'building')).toBe(true);
      const bytes = own.filter((s) => s.state === 'downloading').map((s) => s.loadedBytes);
      expect(bytes.at(-1)).toBe(own[0].totalBytes);
    }
    const firstLcnByte = statuses.findIndex((s) => s.modelId === 'lcn' && s.state === 'downloading');
    const lastCnnByte = statuses.findLastIndex((s) => s.modelId === 'cnn' && s.state === 'downloading');
    expect(lastCnnByte).toBeLessThan(firstLcnByte);
    // wasm runs the LCN's two layers on the project's WebAssembly kernel; cpu on tfjs ops.
    const lc = (b: string) => (b === 'wasm' ? 'kernel' : 'depthwise');
    expect(Object.fromEntries(infos.map((m) => [m.modelId, m.locallyConnectedPaths]))).toEqual({
      cnn: [],
      lcn: [lc(infos[1].backend), lc(infos[1].backend)],
    });
    for (const m of infos) expect(m.coldMs).toBeGreaterThan(0);
  });

  it('answers on wasm first, then races wasm and cpu on both workloads once the first model is ready', async () => {
    expect(choices[0]).toMatchObject({ backend: 'wasm', sweepBackend: 'wasm', reason: 'provisional' });
    const measured = await until(() => choices.find((c) => c.reason === 'measured'));
    expect(Object.keys(measured.timings ?? {}).sort()).toEqual(['cpu', 'wasm']);
    for (const t of Object.values(measured.timings ?? {})) expect(t?.single).toBeGreaterThan(0);
    expect(measured.timings?.wasm?.sweep).toBeGreaterThan(0);
    expect(measured.detail).toMatch(/^measured: predictions on (wasm|cpu) \(.+\), sweeps on (wasm|cpu)/);
    expect((await engine.backendInfo()).choice).toEqual(measured);
  });

  it('honours a choice remembered for the adapter, and runs predictions and sweeps on different backends when it says so', async () => {
    const key = (await engine.backendInfo()).choice?.adapterKey ?? '';
    const split = newEngine(server);
    const heard: BackendChoice[] = [];
    await split.init(manifest, { memory: { [key]: { single: 'cpu', sweep: 'wasm' } }, onBackendChange: (c) => heard.push(c) });
    await split.ensureModels(ids);
    expect(heard).toEqual([expect.objectContaining({ backend: 'cpu', sweepBackend: 'wasm', reason: 'remembered' })]);
    const pixels = digit(6);
    const predictions = await split.predict(ids, pixels);
    const sweeps = await split.sweep(ids, pixels);
    const reference = await engine.predict(ids, pixels);
    const centre = 144;
    for (const id of ids) {
      expect(predictions[id]?.backend).toBe('cpu');
      expect(sweeps[id]?.backend).toBe('wasm');
      expect(predictions[id]?.top).toBe(reference[id]?.top);
      for (let k = 0; k < 10; k++) {
        expect(Math.abs(predictions[id]!.probs[k] - reference[id]!.probs[k])).toBeLessThan(1e-4);
        expect(Math.abs(sweeps[id]!.probs[centre * 10 + k] - reference[id]!.probs[k])).toBeLessThan(1e-4);
      }
    }
    const before = memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await split.predict(ids, pixels);
      await split.sweep(['cnn'], pixels);
    }
    expect(memory().numTensors).toBe(before);
    await split.dispose();
  });

  it('predicts like tfjs-layers model.predict on the same backend', async () => {
    const pixels = digit(0);
    const out = await engine.predict(ids, pixels);
    for (const entry of manifest.models) {
      const json = JSON.parse(new TextDecoder().decode(server.files.get(entry.modelJson.url)));
      const weights = [(server.files.get(entry.weights[0].url) as Uint8Array).slice().buffer];
      const model = await loadModelFromFiles(json, weights);
      const expected = tidy(() =>
        (
          model.predict(
            tensor4d(
              Float32Array.from(pixels, (v) => v / 255),
              [1, 28, 28, 1],
            ),
          ) as Tensor
        ).dataSync(),
      );
      model.dispose();
      const got = out[entry.id]!;
      expect(got.probs).toHaveLength(10);
      expect(got.top).toBe(got.probs.indexOf(Math.max(...got.probs)));
      expect(got.latencyMs).toBeGreaterThan(0);
      for (let k = 0; k < 10; k++) expect(Math.abs(got.probs[k] - expected[k])).toBeLessThan(1e-5);
    }
  });

  it('sweeps the CNN by equivariance and the LCN batched, matching single predictions', async () => {
    const pixels = digit(1);
    const sweeps = await engine.sweep(ids, pixels);
    expect(sweeps.cnn?.method).toBe('equivariant');
    expect(sweeps.lcn?.method).toBe('batched');
    const batched = await engine.sweep(['cnn'], pixels, { method: 'batched' });
    expect(Object.keys(batched)).toEqual(['cnn']);
    expect(batched.cnn?.method).toBe('batched');
    expect(Array.from(batched.cnn!.tops)).toEqual(Array.from(sweeps.cnn!.tops));
    for (let i = 0; i < batched.cnn!.probs.length; i++) expect(Math.abs(batched.cnn!.probs[i] - sweeps.cnn!.probs[i])).toBeLessThan(1e-5);
    const grid = shiftGridOffsets();
    for (const cell of [0, 144, 150, 288]) {
      const { dx, dy } = grid[cell];
      const single = await engine.predict(ids, shiftImage(pixels, dx, dy));
      for (const id of ids) {
        expect(sweeps[id]!.tops[cell]).toBe(single[id]!.top);
        for (let k = 0; k < 10; k++) expect(Math.abs(sweeps[id]!.probs[cell * 10 + k] - single[id]!.probs[k])).toBeLessThan(1e-5);
      }
    }
  });

  it('evaluates accuracy per shift, consistently between the equivariant and batched paths', async () => {
    const n = 4;
    const samples = { images: mnist.images.slice(0, n * 784), labels: mnist.labels.slice(0, n) };
    const shifts = [
      { dx: 0, dy: 0 },
      { dx: 2, dy: -1 },
      { dx: -8, dy: 8 },
    ];
    const result = await engine.evaluate(ids, samples, shifts);
    expect(result.cnn?.method).toBe('equivariant');
    expect(result.lcn?.method).toBe('batched');
    for (const id of ids) {
      expect(result[id]?.accuracyByShift).toHaveLength(3);
      expect(result[id]?.evaluated).toBe(12);
      // Cross-check each cell against single predictions.
      let correct = 0;
      for (let d = 0; d < n; d++) {
        for (const { dx, dy } of shifts) {
          const p = await engine.predict([id], shiftImage(digit(d), dx, dy));
          if (p[id]?.top === mnist.labels[d]) correct++;
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
    const evaluation = engine.evaluate(['lcn'], samples, shifts).then(() => order.push('evaluate'));
    await new Promise((r) => setTimeout(r, 0));
    const prediction = engine.predict(ids, digit(5)).then(() => order.push('predict'));
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
    await engine.predict(ids, inputs[0]);
    await engine.sweep(ids, inputs[0]);
    const before = memory().numTensors;
    for (let i = 0; i < 1000; i++) await engine.predict(ids, inputs[i % 3]);
    await engine.sweep(ids, inputs[1]);
    expect(memory().numTensors).toBe(before);
    expect((await engine.backendInfo()).numTensors).toBe(before);
  });

  it('switches backends on request and gives the same answers; automatic again means the measured choice', async () => {
    const pixels = digit(2);
    const before = await engine.predict(ids, pixels);
    const first = before.cnn!.backend;
    const other = first === 'wasm' ? 'cpu' : 'wasm';
    const choice = await engine.setBackend(other);
    expect(choice).toMatchObject({ backend: other, sweepBackend: other, reason: 'forced' });
    const after = await engine.predict(ids, pixels);
    for (const id of ids) {
      expect(after[id]?.backend).toBe(other);
      expect(after[id]?.top).toBe(before[id]?.top);
      for (let k = 0; k < 10; k++) expect(Math.abs(after[id]!.probs[k] - before[id]!.probs[k])).toBeLessThan(1e-4);
    }
    expect(await engine.setBackend('auto')).toMatchObject({ reason: 'remembered' });
  });

  it('rejects bad input, unknown models and models not loaded with usage errors', async () => {
    await expect(engine.predict(ids, new Uint8Array(10))).rejects.toMatchObject({ code: 'usage' });
    const fresh = newEngine(server, ['cpu']);
    await fresh.init({ models: manifest.models.slice(0, 1) });
    await expect(fresh.predict(['cnn'], digit(0))).rejects.toBeInstanceOf(EngineError);
    expect(() => fresh.ensureModels(['lcn'])).toThrow(/not in the manifest/);
  });

  it("reports a corrupted weight file as that model's error, builds nothing from it, and keeps the others", async () => {
    const broken = new FakeServer();
    const m = await serveRegistryModels(broken, ids, 1);
    const url = m.models[1].weights[0].url;
    const bytes = broken.files.get(url) as Uint8Array;
    bytes[100] ^= 0xff;
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: broken.fetch, candidates: ['cpu'] });
    const seen: ModelStatus[] = [];
    await fresh.init(m, { onModelStatus: (s) => seen.push(s) });
    await expect(fresh.ensureModels(ids)).rejects.toMatchObject({ code: 'integrity', file: url, modelId: 'lcn' });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.filter((s) => s.modelId === 'lcn').at(-1)).toMatchObject({ state: 'error', error: { code: 'integrity', file: url } });
    expect((await fresh.backendInfo()).models).toEqual(['cnn']);
    expect((await fresh.predict(['cnn'], digit(0))).cnn?.probs).toHaveLength(10);
  });

  it('cancels the download of a model taken off screen, reports no error for it, and loads the one that replaced it', async () => {
    const slow = new FakeServer();
    const m = await serveRegistryModels(slow, ['cnn', 'lcn', 'cnn-gap'], 1);
    slow.holdFor.set(m.models[1].weights[0].url, new Promise(() => {})); // the LCN's weights stall
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: slow.fetch, candidates: ['cpu'] });
    const seen: ModelStatus[] = [];
    await fresh.init(m, { onModelStatus: (s) => seen.push(s) });
    const pair = fresh.ensureModels(['cnn', 'lcn']);
    await until(() => seen.find((s) => s.modelId === 'lcn' && s.state === 'downloading' && s.loadedBytes > 0));
    const next = fresh.ensureModels(['cnn', 'cnn-gap']);
    await expect(pair).rejects.toMatchObject({ code: 'cancelled', modelId: 'lcn' });
    expect((await next).map((i) => i.modelId)).toEqual(['cnn', 'cnn-gap']);
    expect(seen.filter((s) => s.modelId === 'lcn' && s.state === 'error')).toEqual([]);
    expect((await fresh.backendInfo()).models.sort()).toEqual(['cnn', 'cnn-gap']);
    await fresh.dispose();
  });

  it('loads weights stored gzip-compressed and answers exactly as from the plain file', async () => {
    const entry = manifest.models.find((m) => m.id === 'cnn')!;
    const plain = server.files.get(entry.weights[0].url)!;
    const gz = new FakeServer();
    const stored = await gz.add('https://store.test/gz/weights.bin.gz', new Uint8Array(gzipSync(plain)));
    const m = {
      models: [
        {
          ...entry,
          modelJson: await gz.add('https://store.test/gz/model.json', server.files.get(entry.modelJson.url)!),
          weights: [{ ...stored, inflatedBytes: plain.byteLength }],
        },
      ],
    };
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: gz.fetch, candidates: ['wasm'] });
    await fresh.init(m);
    await fresh.ensureModels(['cnn']);
    for (const i of [0, 1])
      expect((await fresh.predict(['cnn'], digit(i))).cnn!.probs).toEqual((await engine.predict(['cnn'], digit(i))).cnn!.probs);
    await fresh.dispose();
  });

  it('loads quantised weights (a tfjs manifest `quantization`) without anything more, close to float32', async () => {
    const quantised = new FakeServer();
    const m = await serveRegistryModels(quantised, ['lcn'], 3);
    const entry = m.models[0];
    const json = JSON.parse(new TextDecoder().decode(quantised.files.get(entry.modelJson.url)));
    const { modelJson, weights } = quantiseUint8(json, quantised.files.get(entry.weights[0].url) as Uint8Array);
    const q = {
      models: [
        {
          id: 'lcn' as ModelId,
          modelJson: await quantised.add('https://store.test/q/model.json', new TextEncoder().encode(JSON.stringify(modelJson))),
          weights: [await quantised.add('https://store.test/q/weights.bin', weights)],
        },
      ],
    };
    expect(q.models[0].weights[0].bytes).toBeLessThan(entry.weights[0].bytes / 3.9);
    const fresh = new InferenceEngine({ wasmPaths: nodeWasmPaths() }, { fetch: quantised.fetch, candidates: ['wasm'] });
    await fresh.init(q);
    await fresh.ensureModels(['lcn']);
    for (const i of [0, 1, 2]) {
      const got = (await fresh.predict(['lcn'], digit(i))).lcn!;
      const want = (await engine.predict(['lcn'], digit(i))).lcn!;
      expect(got.top).toBe(want.top);
      for (let k = 0; k < 10; k++) expect(Math.abs(got.probs[k] - want.probs[k])).toBeLessThan(0.05);
    }
    await fresh.dispose();
  });

  it('benchmarks every backend × model × workload, leaving the running models as they were', async () => {
    const before = memory().numTensors;
    const progress: number[] = [];
    const result = await engine.benchmark(ids, { singleRuns: 3, sweepRuns: 1 }, (p) => progress.push(p.done));
    expect(result.adapter).toBe('no WebGPU adapter');
    expect(result.failed).toEqual([]);
    expect(result.cells.map((c) => `${c.backend} ${c.modelId} ${c.sweepMethod}`)).toEqual([
      'wasm cnn equivariant',
      'wasm lcn batched',
      'cpu cnn equivariant',
      'cpu lcn batched',
    ]);
    for (const c of result.cells) for (const ms of [c.singleP50Ms, c.singleP95Ms, c.sweepMs, c.coldMs]) expect(ms).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(4);
    expect(memory().numTensors).toBe(before);
    expect((await engine.predict(ids, digit(0))).cnn?.probs).toHaveLength(10);
  });
});

/**
 * Test support: per-tensor uint8 quantisation in tfjs's weights-manifest format (value ≈ min +
 * scale · q), as a published file may carry it; the publish-time writer is not the engine's concern.
 */
function quantiseUint8(
  modelJson: { weightsManifest: { weights: { name: string; shape: number[]; dtype: string }[] }[] },
  bytes: Uint8Array,
) {
  const floats = new Float32Array(bytes.slice().buffer);
  const out: number[] = [];
  let offset = 0;
  const weights = modelJson.weightsManifest[0].weights.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = floats.subarray(offset, offset + size);
    offset += size;
    const min = values.reduce((a, b) => Math.min(a, b), Infinity);
    const scale = (values.reduce((a, b) => Math.max(a, b), -Infinity) - min) / 255 || 1;
    for (const v of values) out.push(Math.round((v - min) / scale));
    return { ...spec, quantization: { dtype: 'uint8', min, scale } };
  });
  return { modelJson: { ...modelJson, weightsManifest: [{ ...modelJson.weightsManifest[0], weights }] }, weights: Uint8Array.from(out) };
}
