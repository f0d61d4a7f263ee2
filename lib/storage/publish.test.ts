import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { io } from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCard } from '@/lib/models/card';
import { MODEL_IDS } from '@/lib/models/ids';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import type { BlobStore } from './blob-store';
import { sha256Hex } from './hash';
import { MANIFEST_KEY, parseManifest } from './manifest';
import { PublishError, publishModels } from './publish';
import { makeTempDir, STORE_DRIVERS, type StoreUnderTest } from './testing/drivers';
import { FIXTURE_PARAMS, writeModelsFixture } from './testing/model-fixture';
import { recordingStore } from './testing/recording-store';
import { gunzipSync, gzipSync } from 'node:zlib';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { encodeMnistSample } from '@/lib/mnist/sample';
import { TRAINING_DIGITS_FILE } from '@/lib/mnist/training-digits';

/** model.json, weights.bin and the model's card.json. */
const FILES_PER_MODEL = 3;

describe.each(STORE_DRIVERS)('publishModels into the $driver store', ({ create }) => {
  let subject: StoreUnderTest;
  let modelsDir: string;
  let removeModels: () => Promise<void>;
  beforeEach(async () => {
    subject = await create();
    ({ dir: modelsDir, cleanup: removeModels } = await makeTempDir('models'));
    await writeModelsFixture(modelsDir);
  });
  afterEach(async () => {
    await subject.cleanup();
    await removeModels();
  });

  async function storedManifest(store: BlobStore = subject.store) {
    const blob = await store.get(MANIFEST_KEY);
    return blob ? parseManifest(JSON.parse(new TextDecoder().decode(blob.body))) : null;
  }

  it('uploads every model file under a content-hashed folder and writes a manifest that checks out', async () => {
    const report = await publishModels({ store: subject.store, modelsDir });
    expect(report.uploaded).toHaveLength(MODEL_IDS.length * FILES_PER_MODEL);
    expect(report.manifestWritten).toBe(true);
    for (const key of report.uploaded)
      expect(key).toMatch(new RegExp(`^models/(${MODEL_IDS.join('|')})/[0-9a-f]{16}/(model\\.json|weights\\.bin|card\\.json)$`));

    const manifest = await storedManifest();
    expect(manifest).toEqual(report.manifest);
    expect(manifest!.models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    for (const model of manifest!.models) {
      // Next to the weights: the model's card alone, everything the lab shows about it.
      const card = parseCard(JSON.parse(new TextDecoder().decode((await subject.store.get(model.cardJson.key))!.body)));
      expect(card.models).toHaveLength(1);
      expect(card.models[0]).toMatchObject({
        id: model.id,
        params: FIXTURE_PARAMS,
        name: `${model.id.toUpperCase()} fixture`,
        weightSharing: model.id.startsWith('cnn'),
      });
      expect(card.models[0].testAccuracy).toBeGreaterThan(0.9);
      expect(model.cardJson.url.replace(/card\.json$/, 'model.json')).toBe(model.modelJson.url);
      const onDisk = await readFile(path.join(modelsDir, model.id, 'weights.bin'));
      expect(model.weights).toEqual([
        {
          key: expect.stringMatching(/weights\.bin$/),
          url: expect.stringMatching(/weights\.bin$/),
          bytes: onDisk.length,
          sha256: sha256Hex(onDisk),
        },
      ]);
      // model.json and its weights sit side by side, so its relative weight path resolves.
      expect(model.weights[0].url.replace(/weights\.bin$/, 'model.json')).toBe(model.modelJson.url);
      const stored = await subject.store.get(model.modelJson.key);
      expect(sha256Hex(stored!.body)).toBe(model.modelJson.sha256);
      expect(stored!.info.cacheControl).toMatch(/max-age=31536000/);
    }
    expect((await subject.store.head(MANIFEST_KEY))!.cacheControl).not.toMatch(/31536000/);
  });

  it('publishes the training digits under a content-hashed key with their sha256, and none when the file is absent', async () => {
    const without = await publishModels({ store: subject.store, modelsDir });
    expect(without.manifest.trainingDigits).toBeUndefined();
    const sample = encodeMnistSample({ count: 3, labels: Uint8Array.of(1, 2, 3), pixels: new Uint8Array(3 * INPUT_PIXELS).fill(7) });
    const gz = gzipSync(sample);
    await writeFile(path.join(modelsDir, TRAINING_DIGITS_FILE), gz);
    const report = await publishModels({ store: subject.store, modelsDir });
    const digits = report.manifest.trainingDigits!;
    expect(digits.count).toBe(3);
    expect(digits.file.key).toMatch(/^datasets\/mnist-train\/[0-9a-f]{16}\/training-digits\.bin\.gz$/);
    expect(digits.file.sha256).toBe(sha256Hex(gz));
    expect(Buffer.from((await subject.store.get(digits.file.key))!.body).equals(Buffer.from(gz))).toBe(true);
    expect((await storedManifest())!.trainingDigits).toEqual(digits);

    await writeFile(path.join(modelsDir, TRAINING_DIGITS_FILE), Uint8Array.of(1, 2, 3));
    await expect(publishModels({ store: subject.store, modelsDir })).rejects.toThrow(/training-digits\.bin\.gz is not a gzip MNIST sample/);
  });

  it('is idempotent: a second run uploads nothing and leaves the manifest alone', async () => {
    await publishModels({ store: subject.store, modelsDir });
    const recording = recordingStore(subject.store);
    const again = await publishModels({ store: recording, modelsDir });
    expect(again.uploaded).toEqual([]);
    expect(again.skipped).toHaveLength(MODEL_IDS.length * FILES_PER_MODEL);
    expect(again.manifestWritten).toBe(false);
    expect(recording.puts).toEqual([]);
  });

  it('publishes a retrained model into a new folder and keeps the old files for cached pages', async () => {
    const first = await publishModels({ store: subject.store, modelsDir });
    await writeModelsFixture(modelsDir, 1);
    const second = await publishModels({ store: subject.store, modelsDir });
    expect(second.uploaded).toHaveLength(MODEL_IDS.length * FILES_PER_MODEL);
    expect(second.manifestWritten).toBe(true);
    expect((await storedManifest())!.models[0].modelJson.url).not.toBe(first.manifest.models[0].modelJson.url);
    for (const key of first.uploaded) expect(await subject.store.head(key), key).not.toBeNull();
  });

  it('publishes new numbers for the same weights: a re-evaluated card moves the model to a new folder', async () => {
    const first = await publishModels({ store: subject.store, modelsDir });
    const cardFile = path.join(modelsDir, 'card.json');
    const card = JSON.parse(await readFile(cardFile, 'utf8'));
    card.models[0].testAccuracy = 0.5;
    await writeFile(cardFile, JSON.stringify(card));
    const second = await publishModels({ store: subject.store, modelsDir });
    const [before, after] = [first.manifest.models[0], second.manifest.models[0]];
    expect(after.weights[0].sha256).toBe(before.weights[0].sha256);
    expect(after.cardJson.key).not.toBe(before.cardJson.key);
    const published = parseCard(JSON.parse(new TextDecoder().decode((await subject.store.get(after.cardJson.key))!.body)));
    expect(published.models[0].testAccuracy).toBe(0.5);
    expect(second.manifest.models[1]).toEqual(first.manifest.models[1]);
  });

  it('writes the manifest last: a failure midway leaves no manifest, and a rerun completes', async () => {
    const failing = recordingStore(subject.store, { failOnPut: 3 });
    await expect(publishModels({ store: failing, modelsDir })).rejects.toThrow(/injected failure/);
    expect(failing.puts).not.toContain(MANIFEST_KEY);
    expect(await subject.store.head(MANIFEST_KEY)).toBeNull();

    const rerun = await publishModels({ store: subject.store, modelsDir });
    expect(rerun.skipped).toHaveLength(2);
    expect(rerun.uploaded).toHaveLength(MODEL_IDS.length * FILES_PER_MODEL - 2);
    expect(await storedManifest()).toEqual(rerun.manifest);
  });

  it('a failed republish keeps the previous manifest, which points only at complete files', async () => {
    const first = await publishModels({ store: subject.store, modelsDir });
    await writeModelsFixture(modelsDir, 2);
    await expect(publishModels({ store: recordingStore(subject.store, { failOnPut: 2 }), modelsDir })).rejects.toThrow();
    expect(await storedManifest()).toEqual(first.manifest);
  });
});

describe('publishModels refuses inconsistent models/', () => {
  let modelsDir: string;
  let cleanup: () => Promise<void>;
  let store: StoreUnderTest;
  beforeEach(async () => {
    ({ dir: modelsDir, cleanup } = await makeTempDir('models'));
    await writeModelsFixture(modelsDir);
    store = await STORE_DRIVERS[0].create();
  });
  afterEach(async () => {
    await cleanup();
    await store.cleanup();
  });

  const editModelJson = async (edit: (json: { weightsManifest: Array<{ paths: string[] }> }) => void) => {
    const file = path.join(modelsDir, 'lcn', 'model.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    edit(json);
    await writeFile(file, JSON.stringify(json));
  };

  it('without card.json', async () => {
    await rm(path.join(modelsDir, 'card.json'));
    await expect(publishModels({ store: store.store, modelsDir })).rejects.toThrow(/card\.json.*npm run train/s);
  });

  it('with a weight file missing', async () => {
    await rm(path.join(modelsDir, 'lcn', 'weights.bin'));
    await expect(publishModels({ store: store.store, modelsDir })).rejects.toBeInstanceOf(PublishError);
    expect(await store.store.head(MANIFEST_KEY)).toBeNull();
  });

  it('when the card and model.json disagree on the parameter count', async () => {
    await editModelJson((json) => (json.weightsManifest[0] as unknown as { weights: unknown[] }).weights.pop());
    await expect(publishModels({ store: store.store, modelsDir })).rejects.toThrow(/8 parameters, card\.json says 10/);
  });

  it.each(['../../etc/passwd', '/abs.bin', 'model.json'])('when model.json lists the weight path %j', async (bad) => {
    await editModelJson((json) => (json.weightsManifest[0].paths = [bad]));
    await expect(publishModels({ store: store.store, modelsDir })).rejects.toThrow(/unusable weight path/);
  });
});

describe('publishModels at the precision each card chose', () => {
  let modelsDir: string;
  let cleanup: () => Promise<void>;
  let store: StoreUnderTest;
  beforeEach(async () => {
    await setTestBackend('cpu');
    ({ dir: modelsDir, cleanup } = await makeTempDir('models'));
    await writeModelsFixture(modelsDir);
    store = await STORE_DRIVERS[0].create();
  });
  afterEach(async () => {
    await cleanup();
    await store.cleanup();
  });

  it('publishes a model whose card says uint8 as quantised bytes that decode to within scale / 2 of its float32 weights', async () => {
    const asTrained = await publishModels({ store: store.store, modelsDir });
    const cardFile = path.join(modelsDir, 'card.json');
    const card = JSON.parse(await readFile(cardFile, 'utf8'));
    card.models.find((m: { id: string }) => m.id === 'lcn').precision = 'uint8';
    await writeFile(cardFile, JSON.stringify(card));
    const report = await publishModels({ store: store.store, modelsDir });

    const lcnOf = (r: typeof report) => r.manifest.models.find((m) => m.id === 'lcn')!;
    const [before, after] = [lcnOf(asTrained), lcnOf(report)];
    // One byte per parameter, described by the manifest, in a folder of its own.
    expect(after.weights[0].bytes).toBe(FIXTURE_PARAMS);
    expect(path.dirname(after.weights[0].key)).not.toBe(path.dirname(before.weights[0].key));
    const published = (await store.store.get(after.weights[0].key))!.body;
    expect(published.byteLength).toBe(after.weights[0].bytes);
    expect(sha256Hex(published)).toBe(after.weights[0].sha256);

    const modelJson = JSON.parse(new TextDecoder().decode((await store.store.get(after.modelJson.key))!.body)) as io.ModelJSON;
    const specs = modelJson.weightsManifest[0].weights;
    const decoded = io.decodeWeights(published.slice().buffer, specs);
    const float32 = new Float32Array(new Uint8Array(await readFile(path.join(modelsDir, 'lcn', 'weights.bin'))).buffer);
    let offset = 0;
    for (const spec of specs) {
      expect(spec.quantization?.dtype).toBe('uint8');
      const scale = spec.quantization!.scale!;
      const values = decoded[spec.name].dataSync();
      values.forEach((v, i) => expect(Math.abs(v - float32[offset + i])).toBeLessThanOrEqual(scale / 2 + Math.abs(v) * 2 ** -23));
      offset += values.length;
    }
    expect(offset).toBe(FIXTURE_PARAMS);
    // The models whose cards chose no precision go out as trained, unchanged.
    const others = (r: typeof report) => r.manifest.models.filter((m) => m.id !== 'lcn');
    expect(others(report)).toEqual(others(asTrained));
  });

  it('stores weights gzip-compressed when that makes them smaller, giving their inflated size; others as they are', async () => {
    // The LCN with 1,010 parameters of few distinct values, as quantised weights are: they compress.
    const params = 1010;
    const modelJsonFile = path.join(modelsDir, 'lcn', 'model.json');
    const modelJson = JSON.parse(await readFile(modelJsonFile, 'utf8'));
    modelJson.weightsManifest[0].weights = [
      { name: 'lcn/kernel', shape: [100, 10], dtype: 'float32' },
      { name: 'lcn/bias', shape: [10], dtype: 'float32' },
    ];
    await writeFile(modelJsonFile, JSON.stringify(modelJson));
    const float32 = new Uint8Array(new Float32Array(params).map((_, i) => (i % 4) * 0.25).buffer);
    await writeFile(path.join(modelsDir, 'lcn', 'weights.bin'), float32);
    const cardFile = path.join(modelsDir, 'card.json');
    const card = JSON.parse(await readFile(cardFile, 'utf8'));
    Object.assign(
      card.models.find((m: { id: string }) => m.id === 'lcn'),
      { params, weightBytes: params * 4 },
    );
    await writeFile(cardFile, JSON.stringify(card));

    const report = await publishModels({ store: store.store, modelsDir });
    const [lcnWeights] = report.manifest.models.find((m) => m.id === 'lcn')!.weights;
    expect(lcnWeights.key).toMatch(/\/weights\.bin\.gz$/);
    expect(lcnWeights.inflatedBytes).toBe(float32.byteLength);
    expect(lcnWeights.bytes).toBeLessThan(float32.byteLength * 0.95);
    const stored = (await store.store.get(lcnWeights.key))!.body;
    expect(stored.byteLength).toBe(lcnWeights.bytes);
    expect(sha256Hex(stored)).toBe(lcnWeights.sha256);
    expect(new Uint8Array(gunzipSync(stored))).toEqual(float32);
    // The fixture's other weights (40 bytes each) would grow: stored as they are.
    for (const model of report.manifest.models.filter((m) => m.id !== 'lcn')) {
      expect(model.weights[0].key).toMatch(/\/weights\.bin$/);
      expect(model.weights[0].inflatedBytes).toBeUndefined();
    }
    // Deterministic: publishing again uploads nothing.
    expect((await publishModels({ store: store.store, modelsDir })).uploaded).toEqual([]);
  });
});
