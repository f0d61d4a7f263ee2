import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/lib/models/ids';
import { LocalBlobStore } from './local-store';
import { MANIFEST_KEY } from './manifest';
import { createManifestReader, ManifestMissingError } from './manifest-reader';
import { PublishError, publishModels } from './publish';
import { makeTempDir } from './testing/drivers';
import { writeModelsFixture } from './testing/model-fixture';
import { recordingStore } from './testing/recording-store';

describe('createManifestReader', () => {
  let storeDir: string;
  let modelsDir: string;
  const cleanups: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    const a = await makeTempDir('store');
    const b = await makeTempDir('models');
    cleanups.push(a.cleanup, b.cleanup);
    storeDir = a.dir;
    modelsDir = b.dir;
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('seeds an empty store on the first read, once, however many reads race', async () => {
    await writeModelsFixture(modelsDir);
    const store = recordingStore(new LocalBlobStore(storeDir));
    const read = createManifestReader({ store, seedFrom: modelsDir });
    const manifests = await Promise.all(Array.from({ length: 5 }, () => read()));
    expect(manifests.every((m) => JSON.stringify(m) === JSON.stringify(manifests[0]))).toBe(true);
    expect(manifests[0].models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    // model.json, weights.bin and card.json per model, then the manifest.
    expect(store.puts).toHaveLength(MODEL_IDS.length * 3 + 1);
    expect(store.puts.at(-1)).toBe(MANIFEST_KEY);
    await read();
    expect(store.puts).toHaveLength(MODEL_IDS.length * 3 + 1);
  });

  it('says how to publish when the store has no manifest and nothing to seed from', async () => {
    const read = createManifestReader({ store: new LocalBlobStore(storeDir) });
    await expect(read()).rejects.toBeInstanceOf(ManifestMissingError);
    await expect(read()).rejects.toThrow(/npm run models:publish/);
  });

  it('reports a failed seed, and retries it on the next read', async () => {
    const read = createManifestReader({ store: new LocalBlobStore(storeDir), seedFrom: modelsDir });
    await expect(read()).rejects.toBeInstanceOf(PublishError);
    await writeModelsFixture(modelsDir);
    await expect(read()).resolves.toMatchObject({ version: 2 });
  });

  it('reuses a manifest read within cacheMs, and rereads without it', async () => {
    await writeModelsFixture(modelsDir);
    const store = new LocalBlobStore(storeDir);
    const cachedRead = createManifestReader({ store, seedFrom: modelsDir, cacheMs: 60_000 });
    const freshRead = createManifestReader({ store });
    const first = await cachedRead();
    await writeModelsFixture(modelsDir, 1);
    await publishModels({ store, modelsDir });
    expect(await cachedRead()).toEqual(first);
    expect(await freshRead()).not.toEqual(first);
  });

  it('fetches and validates each version of the manifest once: later reads only check its etag, and concurrent reads share a check', async () => {
    await writeModelsFixture(modelsDir);
    const inner = new LocalBlobStore(storeDir);
    const store = recordingStore(inner);
    const read = createManifestReader({ store, seedFrom: modelsDir });
    const first = await read();
    store.reads.length = 0;
    const again = await Promise.all(Array.from({ length: 5 }, () => read()));
    expect(again.every((m) => m === first)).toBe(true);
    expect(store.reads).toEqual([`head ${MANIFEST_KEY}`]);

    await writeModelsFixture(modelsDir, 1);
    await publishModels({ store: inner, modelsDir });
    store.reads.length = 0;
    const republished = await read();
    expect(republished).not.toEqual(first);
    expect(store.reads).toEqual([`head ${MANIFEST_KEY}`, `get ${MANIFEST_KEY}`]);
  });

  it('keeps serving the published manifest when the models folder is gone', async () => {
    await writeModelsFixture(modelsDir);
    const store = new LocalBlobStore(storeDir);
    const published = await createManifestReader({ store, seedFrom: modelsDir })();
    await rm(modelsDir, { recursive: true });
    const lines: string[] = [];
    const read = createManifestReader({ store, seedFrom: modelsDir, log: (line) => lines.push(line) });
    expect(await read()).toEqual(published);
    expect(lines.join('\n')).toMatch(/could not publish/);
  });
});
