import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import type { ModelFiles } from '@/lib/models/artifacts';
import { parseCard, publishedPrecision, type Card, type ModelCard } from '@/lib/models/card';
import { CARD_FILE, MODEL_JSON_FILE } from '@/lib/models/files';
import type { WeightPrecision } from '@/lib/models/precision';
import { quantiseModel } from '@/lib/models/quantise';
import type { BlobStore } from './blob-store';
import { sha256Hex } from './hash';
import { isValidBlobKey } from './keys';
import {
  MANIFEST_KEY,
  parseManifest,
  type ManifestFile,
  type ManifestModel,
  type ManifestTrainingDigits,
  type ModelManifest,
} from './manifest';
import { parseMnistSample } from '@/lib/mnist/sample';
import { TRAINING_DIGITS_FILE } from '@/lib/mnist/training-digits';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Characters of the content hash that names a model's folder (64 bits). */
const FOLDER_HASH_LENGTH = 16;
/**
 * A weights file is stored gzip-compressed when that makes it at least this much smaller: quantised
 * weights cluster around a few byte values (the uint8 LCN: 1,065,994 → 831,073 bytes), while float32
 * weights hardly compress and would only cost the reader an inflate.
 */
const GZIP_MIN_SAVING = 0.05;

export interface PublishOptions {
  store: BlobStore;
  /** Directory holding `card.json` and, for every model in it, `<id>/model.json` and its weight files. */
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
  /** Path relative to the model folder: as model.json's weightsManifest names it, plus `.gz` when gzip-stored. */
  name: string;
  bytes: Uint8Array;
  sha256: string;
  contentType: string;
  /** Set when `bytes` are the gzip of the file: its size once inflated. */
  inflatedBytes?: number;
}

/**
 * Uploads every model of `modelsDir/card.json` and then the manifest that points at them.
 *
 * Each model's files go side by side into a content-addressed folder,
 * `models/<id>/<hash>/{model.json, weights.bin, card.json}`, where `<hash>` covers every file of
 * the model and card.json is that model's card alone: what the lab shows about the model travels
 * with its weights, so a publish without a redeploy never pairs new weights with old numbers.
 * The weights go out at the precision the card chose (quantised here from the float32 files, which
 * stay as training wrote them), and gzip-compressed when that pays (`weights.bin.gz`, the manifest
 * giving its inflated size), so the manifest's sizes and hashes are those of the published bytes.
 * The manifest lists the weight files in model.json's order, the folder's content can never change,
 * and the files are served as immutable. A file already present (same key and size) is not uploaded
 * again, so a second run uploads nothing. The manifest is written last and only when it changed:
 * an interrupted run leaves the previous manifest, which points only at complete files.
 */
export async function publishModels({ store, modelsDir, log = () => {} }: PublishOptions): Promise<PublishReport> {
  const card = parseCard(JSON.parse(await readText(path.join(modelsDir, CARD_FILE))));
  const uploaded: string[] = [];
  const skipped: string[] = [];

  /** Uploads `file` into `folder` unless it is there already (same key and size); its manifest entry. */
  const upload = async (folder: string, file: LocalFile): Promise<ManifestFile> => {
    const key = `${folder}/${file.name}`;
    const ref = {
      key,
      bytes: file.bytes.byteLength,
      sha256: file.sha256,
      ...(file.inflatedBytes && { inflatedBytes: file.inflatedBytes }),
    };
    const existing = await store.head(key);
    if (existing && existing.size === file.bytes.byteLength) {
      skipped.push(key);
      return { ...ref, url: existing.url };
    }
    const info = await store.put(key, file.bytes, { contentType: file.contentType, cache: 'immutable' });
    uploaded.push(key);
    log(`uploaded ${key} (${file.bytes.byteLength} bytes)`);
    return { ...ref, url: info.url };
  };

  const models: ManifestModel[] = [];
  for (const entry of card.models) {
    const { id } = entry;
    const trained = await readModelFolder(path.join(modelsDir, id));
    if (trained.params !== entry.params) {
      throw new PublishError(`models/${id}: model.json has ${trained.params} parameters, card.json says ${entry.params} (stale card?)`);
    }
    const { modelJson, weights: unpacked } = atPrecision(id, trained, publishedPrecision(entry));
    const weights = unpacked.map(gzipWhenSmaller);
    const cardJson = jsonFile(CARD_FILE, modelCardFile(card, entry));
    const folder = `models/${id}/${folderHash([modelJson, ...weights, cardJson])}`;
    const modelJsonRef = await upload(folder, modelJson);
    const weightRefs: ManifestFile[] = [];
    for (const file of weights) weightRefs.push(await upload(folder, file));
    models.push({ id, modelJson: modelJsonRef, weights: weightRefs, cardJson: await upload(folder, cardJson) });
  }

  const trainingDigits = await publishTrainingDigits(modelsDir, upload);
  const manifest = parseManifest({ version: 2, ...(trainingDigits && { trainingDigits }), models });
  const manifestWritten = await writeManifest(store, manifest);
  log(`${uploaded.length} uploaded, ${skipped.length} already present; manifest ${manifestWritten ? 'written' : 'unchanged'}`);
  return { manifest, uploaded, skipped, manifestWritten };
}

/**
 * The model's files at the precision its card chose, quantised here from the float32 training output
 * (which stays as trained in models/); model.json then carries each weight's dequantisation.
 */
function atPrecision(id: string, files: ModelFolder, precision: WeightPrecision): ModelFolder {
  if (precision === 'float32') return files;
  if (files.weights.length !== 1) throw new PublishError(`models/${id}: publishing at ${precision} needs a single weights file`);
  const [weightFile] = files.weights;
  const float32: ModelFiles = {
    modelJson: JSON.parse(new TextDecoder().decode(files.modelJson.bytes)) as io.ModelJSON,
    weights: weightFile.bytes.slice().buffer,
  };
  let quantised: ModelFiles;
  try {
    quantised = quantiseModel(float32, precision);
  } catch (error) {
    throw new PublishError(`models/${id}: cannot publish at ${precision}: ${(error as Error).message}`);
  }
  return {
    modelJson: jsonFile(MODEL_JSON_FILE, quantised.modelJson),
    weights: [localFile(weightFile.name, new Uint8Array(quantised.weights), weightFile.contentType)],
    params: files.params,
  };
}

/** `file` gzip-compressed when that saves at least {@link GZIP_MIN_SAVING} of it (deterministic: same bytes, same key). */
function gzipWhenSmaller(file: LocalFile): LocalFile {
  const gz = new Uint8Array(gzipSync(file.bytes, { level: 9 }));
  if (gz.byteLength > file.bytes.byteLength * (1 - GZIP_MIN_SAVING)) return file;
  return { ...localFile(`${file.name}.gz`, gz, 'application/gzip'), inflatedBytes: file.bytes.byteLength };
}

/** The card of one model alone: the same document (version, definitions) with only its entry. */
function modelCardFile(card: Card, entry: ModelCard): Card {
  return { ...card, models: [entry] };
}

/** A model's folder: model.json, every weight file it lists, and the parameter count of its weight specs. */
interface ModelFolder {
  modelJson: LocalFile;
  weights: LocalFile[];
  params: number;
}

/** model.json and every weight file it lists, with their hashes, and the parameter count of its weight specs. */
async function readModelFolder(dir: string): Promise<ModelFolder> {
  const modelJson = await readLocalFile(dir, MODEL_JSON_FILE, 'application/json');
  const parsed = JSON.parse(new TextDecoder().decode(modelJson.bytes)) as {
    weightsManifest?: Array<{ paths: string[]; weights: Array<{ shape: number[] }> }>;
  };
  if (!Array.isArray(parsed.weightsManifest)) throw new PublishError(`${dir}/model.json has no weightsManifest`);
  const names = parsed.weightsManifest.flatMap((group) => group.paths);
  for (const name of names) {
    // The name becomes part of a blob key and of a URL relative to model.json.
    if (!isValidBlobKey(name) || name === MODEL_JSON_FILE || name === CARD_FILE) {
      throw new PublishError(`${dir}/model.json lists an unusable weight path ${JSON.stringify(name)}`);
    }
  }
  const weights = await Promise.all(names.map((name) => readLocalFile(dir, name, 'application/octet-stream')));
  const params = parsed.weightsManifest
    .flatMap((group) => group.weights)
    .reduce((sum, spec) => sum + spec.shape.reduce((product, size) => product * size, 1), 0);
  return { modelJson, weights, params };
}

async function readLocalFile(dir: string, name: string, contentType: string): Promise<LocalFile> {
  const file = path.join(dir, ...name.split('/'));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new PublishError(`Cannot read ${file}: ${(error as Error).message} (run \`npm run train\` first?)`);
  }
  return localFile(name, bytes, contentType);
}

function localFile(name: string, bytes: Uint8Array, contentType: string): LocalFile {
  return { name, bytes, sha256: sha256Hex(bytes), contentType };
}

function jsonFile(name: string, value: unknown): LocalFile {
  return localFile(name, new TextEncoder().encode(JSON.stringify(value)), 'application/json');
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new PublishError(`Cannot read ${file}: ${(error as Error).message} (run \`npm run train\` first?)`);
  }
}

/**
 * The training digits (models/training-digits.bin.gz, optional: without the file the manifest has no
 * `trainingDigits` and only the "Train them yourself" panel is unavailable), checked to be a valid
 * sample and uploaded under `datasets/mnist-train/<hash>/`.
 */
async function publishTrainingDigits(
  modelsDir: string,
  upload: (folder: string, file: LocalFile) => Promise<ManifestFile>,
): Promise<ManifestTrainingDigits | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path.join(modelsDir, TRAINING_DIGITS_FILE)));
  } catch {
    return undefined;
  }
  let count: number;
  try {
    count = parseMnistSample(gunzipSync(bytes)).count;
  } catch (error) {
    throw new PublishError(`${modelsDir}/${TRAINING_DIGITS_FILE} is not a gzip MNIST sample: ${(error as Error).message}`);
  }
  const file = localFile(TRAINING_DIGITS_FILE, bytes, 'application/octet-stream');
  return { count, file: await upload(`datasets/mnist-train/${folderHash([file])}`, file) };
}

/** Hash over every file's name and content: the folder changes whenever any file does. */
function folderHash(files: LocalFile[]): string {
  return sha256Hex(files.map((f) => `${f.name}\n${f.sha256}\n`).join('')).slice(0, FOLDER_HASH_LENGTH);
}

/** Writes the manifest unless the store already holds exactly these bytes; true when written. */
async function writeManifest(store: BlobStore, manifest: ModelManifest): Promise<boolean> {
  const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const current = await store.get(MANIFEST_KEY);
  if (current && Buffer.from(current.body).equals(Buffer.from(bytes))) return false;
  await store.put(MANIFEST_KEY, bytes, { contentType: 'application/json', cache: 'revalidate' });
  return true;
}
