/** Test support (Node only): models served from memory through a fake fetch. */
import { io } from '@tensorflow/tfjs-core';
import { artifactsToFiles } from '@/lib/models/artifacts';
import { WEIGHTS_FILE } from '@/lib/models/files';
import type { ModelId } from '@/lib/models/ids';
import { getModelSpec } from '@/lib/models/registry';
import { digestSha256Hex } from '../download';
import type { EngineManifest, ManifestFile, ManifestModelEntry } from '../types';

/** An in-memory file server: url → bytes, with hooks to break things. */
export class FakeServer {
  readonly files = new Map<string, Uint8Array>();
  /** URLs that answer with this HTTP status instead of their bytes. */
  readonly statusFor = new Map<string, number>();
  /** URLs whose body stalls after its first chunk until the promise resolves (a slow network). */
  readonly holdFor = new Map<string, Promise<void>>();
  requests: string[] = [];

  /** A fetch that streams each file in 64 KiB pieces; aborting `signal` breaks the body off, as fetch does. */
  fetch = async (url: string, { signal }: { signal?: AbortSignal } = {}): Promise<Response> => {
    const chunk = 65_536;
    signal?.throwIfAborted();
    this.requests.push(url);
    const status = this.statusFor.get(url);
    if (status) return new Response('nope', { status });
    const bytes = this.files.get(url);
    if (!bytes) return new Response('missing', { status: 404 });
    let offset = 0;
    const hold = this.holdFor.get(url);
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => undefined);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        if (offset > 0 && hold) await Promise.race([hold, aborted]);
        signal?.throwIfAborted();
        controller.enqueue(bytes.slice(offset, offset + chunk));
        offset += chunk;
      },
    });
    return new Response(body, { status: 200 });
  };

  async add(url: string, bytes: Uint8Array): Promise<ManifestFile> {
    this.files.set(url, bytes);
    return { key: new URL(url).pathname.slice(1), url, bytes: bytes.byteLength, sha256: await digestSha256Hex(bytes) };
  }
}

/** Saves freshly built (seeded, untrained) registry models into `server` and returns a manifest. */
export async function serveRegistryModels(server: FakeServer, ids: readonly ModelId[], seed = 1): Promise<EngineManifest> {
  const models: ManifestModelEntry[] = [];
  for (const id of ids) {
    const model = getModelSpec(id).build({ seed });
    let files: ReturnType<typeof artifactsToFiles> | null = null;
    await model.save(
      io.withSaveHandler(async (artifacts) => {
        files = artifactsToFiles(artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    model.dispose();
    if (!files) throw new Error('save produced no artifacts');
    const { modelJson, weights } = files as ReturnType<typeof artifactsToFiles>;
    const jsonFile = await server.add(`https://store.test/${id}/model.json`, new TextEncoder().encode(JSON.stringify(modelJson)));
    const weightFile = await server.add(`https://store.test/${id}/${WEIGHTS_FILE}`, new Uint8Array(weights));
    models.push({ id, modelJson: jsonFile, weights: [weightFile] });
  }
  return { models };
}
