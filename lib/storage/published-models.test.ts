import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/lib/models/ids';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-store';
import { MANIFEST_KEY, parseManifest } from './manifest';
import { publishModels } from './publish';
import { labModel, PublishedCardError, readPublishedModels } from './published-models';
import { makeTempDir } from './testing/drivers';
import { writeModelsFixture } from './testing/model-fixture';
import { recordingStore } from './testing/recording-store';

describe('readPublishedModels', () => {
  const cleanups: Array<() => Promise<void>> = [];
  let store: LocalBlobStore;
  beforeEach(async () => {
    const blobs = await makeTempDir('store');
    const models = await makeTempDir('models');
    cleanups.push(blobs.cleanup, models.cleanup);
    store = new LocalBlobStore(blobs.dir);
    await writeModelsFixture(models.dir);
    await publishModels({ store, modelsDir: models.dir });
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function published() {
    const blob = await store.get(MANIFEST_KEY);
    return parseManifest(JSON.parse(new TextDecoder().decode(blob!.body)));
  }

  it('gives every model of the manifest its card, read from next to its weights', async () => {
    const models = await readPublishedModels(store, await published());
    expect(models.map((m) => [m.id, m.card.id, m.card.name])).toEqual(MODEL_IDS.map((id) => [id, id, `${id.toUpperCase()} fixture`]));
    expect(models[0].modelJson.url).toMatch(/model\.json$/);
  });

  it('gives the lab page each model’s files and its card’s facts, without the charts’ data', async () => {
    const [model] = await readPublishedModels(store, await published());
    const lab = labModel(model);
    expect(lab.modelJson).toEqual(model.modelJson);
    expect(lab.card).toMatchObject({ id: model.id, name: model.card.name, params: model.card.params });
    expect(lab.card).not.toHaveProperty('shiftGrid');
    expect(model.card.shiftGrid).toHaveLength(289);
  });

  it('reads each card once: content-addressed cards never change', async () => {
    const reads: string[] = [];
    const spy: BlobStore = { ...recordingStore(store), get: (key) => (reads.push(key), store.get(key)) };
    const cache = new Map();
    await readPublishedModels(spy, await published(), cache);
    await readPublishedModels(spy, await published(), cache);
    expect(reads).toHaveLength(MODEL_IDS.length);
  });

  it('refuses a card whose bytes do not match the manifest, a missing card and a card of another model', async () => {
    const good = await published();
    const altered = structuredClone(good);
    altered.models[0].cardJson.sha256 = 'f'.repeat(64);
    await expect(readPublishedModels(store, altered)).rejects.toThrow(/does not match its sha256/);

    const missing = structuredClone(good);
    missing.models[0].cardJson.key = 'models/cnn/0000000000000000/card.json';
    await expect(readPublishedModels(store, missing)).rejects.toThrow(PublishedCardError);

    const swapped = structuredClone(good);
    swapped.models[0].cardJson = good.models[1].cardJson;
    await expect(readPublishedModels(store, swapped)).rejects.toThrow(/not the card of model 'cnn'/);
  });
});
