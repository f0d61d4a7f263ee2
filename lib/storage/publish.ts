import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCard, type ModelCard } from '@/lib/models/card';
import { CARD_FILE, MODEL_JSON_FILE } from '@/lib/models/files';
import { MODEL_IDS, type ModelId } from '@/lib/models/ids';
import type { BlobStore } from './blob-store';
import { sha256Hex } from './hash';
import { isValidBlobKey } from './keys';
import { MANIFEST_KEY, parseManifest, type ManifestFile, type ManifestModel, type ModelManifest } from './manifest';

/** Characters of the content hash that names a model's folder (64 bits). */
const FOLDER_HASH_LENGTH = 16;

export interface PublishOptions {
  store: BlobStore;
  /** Directory holding `<id>/model.json`, its weight files, and `card.json`. */
  modelsDir: string;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface PublishReport {
  manifest: ModelManifest;
  /** Keys uploaded by this run (not counting the manifest). */
  uploaded: string[];
  /** Keys already in the store with the same size, left alone. */
  skipped: string[];
  /** False when the stored manifest already had exactly these bytes. */
  manifestWritten: boolean;
}

/** Thrown when `models/` is missing a file or its files disagree with each other. */
export class PublishError extends Error {
  override name = 'PublishError';
}

interface LocalFile {
  /** Path relative to the model folder, as model.json's weightsManifest names it. */
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Uploads every model in `modelsDir` and then the manifest that points at them.
 *
 * Each model's files go side by side into a content-addressed folder,
 * `models/<id>/<hash>/model.json` + `models/<id>/<hash>/weights.bin`, where `<hash>` covers every
 * file of the model. model.json keeps its relative weight paths, the folder's content can never
 * change, and the files are served as immutable. A file already present (same key and size) is
 * not uploaded again, so a second run uploads nothing. The manifest is written last and only
 * when it changed: an interrupted run leaves the previous manifest, which points only at
 * complete files.
 */
export async function publishModels({ store, modelsDir, log = () => {} }: PublishOptions): Promise<PublishReport> {
  const card = parseCard(JSON.parse(await readText(path.join(modelsDir, CARD_FILE))));
  const uploaded: string[] = [];
  const skipped: string[] = [];

  const models: ManifestModel[] = [];
  for (const id of MODEL_IDS) {
    const entry = card.models.find((m) => m.id === id);
    if (!entry) throw new PublishError(`card.json has no entry for model "${id}"`);
    const { modelJson, weights, params } = await readModelFiles(path.join(modelsDir, id));
    if (params !== entry.params) {
      throw new PublishError(`models/${id}: model.json has ${params} parameters, card.json says ${entry.params} (stale card?)`);
    }
    const folder = `models/${id}/${folderHash([modelJson, ...weights])}`;
    const refs: ManifestFile[] = [];
    for (const file of [modelJson, ...weights]) {
      const key = `${folder}/${file.name}`;
      const contentType = file === modelJson ? 'application/json' : 'application/octet-stream';
      const existing = await store.head(key);
      if (existing && existing.size === file.bytes.byteLength) {
        skipped.push(key);
        refs.push({ url: existing.url, bytes: file.bytes.byteLength, sha256: file.sha256 });
        continue;
      }
      const info = await store.put(key, file.bytes, { contentType, cache: 'immutable' });
      uploaded.push(key);
      log(`uploaded ${key} (${file.bytes.byteLength} bytes)`);
      refs.push({ url: info.url, bytes: file.bytes.byteLength, sha256: file.sha256 });
    }
    models.push(manifestEntry(id, entry, params, refs));
  }

  const manifest = parseManifest({ version: 1, models });
  const manifestWritten = await writeManifest(store, manifest);
  log(`${uploaded.length} uploaded, ${skipped.length} already present; manifest ${manifestWritten ? 'written' : 'unchanged'}`);
  return { manifest, uploaded, skipped, manifestWritten };
}

/** model.json and every weight file it lists, with their hashes, and the parameter count of its weight specs. */
async function readModelFiles(dir: string): Promise<{ modelJson: LocalFile; weights: LocalFile[]; params: number }> {
  const modelJson = await readLocalFile(dir, MODEL_JSON_FILE);
  const parsed = JSON.parse(new TextDecoder().decode(modelJson.bytes)) as {
    weightsManifest?: Array<{ paths: string[]; weights: Array<{ shape: number[] }> }>;
  };
  if (!Array.isArray(parsed.weightsManifest)) throw new PublishError(`${dir}/model.json has no weightsManifest`);
  const names = parsed.weightsManifest.flatMap((group) => group.paths);
  for (const name of names) {
    // The name becomes part of a blob key and of a URL relative to model.json.
    if (!isValidBlobKey(name) || name === MODEL_JSON_FILE) throw new PublishError(`${dir}/model.json lists an unusable weight path ${JSON.stringify(name)}`);
  }
  const weights = await Promise.all(names.map((name) => readLocalFile(dir, name)));
  const params = parsed.weightsManifest
    .flatMap((group) => group.weights)
    .reduce((sum, spec) => sum + spec.shape.reduce((product, size) => product * size, 1), 0);
  return { modelJson, weights, params };
}

async function readLocalFile(dir: string, name: string): Promise<LocalFile> {
  const file = path.join(dir, ...name.split('/'));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new PublishError(`Cannot read ${file}: ${(error as Error).message} (run \`npm run train\` first?)`);
  }
  return { name, bytes, sha256: sha256Hex(bytes) };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new PublishError(`Cannot read ${file}: ${(error as Error).message} (run \`npm run train\` first?)`);
  }
}

/** Hash over every file's name and content: the folder changes whenever any file does. */
function folderHash(files: LocalFile[]): string {
  return sha256Hex(files.map((f) => `${f.name}\n${f.sha256}\n`).join('')).slice(0, FOLDER_HASH_LENGTH);
}

function manifestEntry(id: ModelId, card: ModelCard, params: number, [modelJson, ...weights]: ManifestFile[]): ManifestModel {
  return {
    id,
    name: card.name,
    weightSharing: card.weightSharing,
    params,
    metrics: { testAccuracy: card.testAccuracy, trainAccuracy: card.trainAccuracy, generalisationGap: card.generalisationGap },
    modelJson,
    weights,
  };
}

/** Writes the manifest unless the store already holds exactly these bytes; true when written. */
async function writeManifest(store: BlobStore, manifest: ModelManifest): Promise<boolean> {
  const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const current = await store.get(MANIFEST_KEY);
  if (current && Buffer.from(current.body).equals(Buffer.from(bytes))) return false;
  await store.put(MANIFEST_KEY, bytes, { contentType: 'application/json', cache: 'revalidate' });
  return true;
}
