/**
 * A trained model on disk (Node): `<dir>/model.json` + `<dir>/weights.bin`, written by training and
 * read by evaluation and the bench (tfjs-node, which would do this, cannot be installed here).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { artifactsToFiles, loadModelFromFiles, type ModelFiles } from './artifacts';
import { MODEL_JSON_FILE, WEIGHTS_FILE } from './files';

/** What {@link saveModelToDir} wrote. */
export interface SavedModelInfo {
  weightBytes: number;
}

/** Saves a model in tfjs layers format (model.json + weights.bin) into `dir`. */
export async function saveModelToDir(model: LayersModel, dir: string): Promise<SavedModelInfo> {
  await mkdir(dir, { recursive: true });
  let info: SavedModelInfo | null = null;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      const { modelJson, weights } = artifactsToFiles(artifacts);
      await writeFile(path.join(dir, MODEL_JSON_FILE), JSON.stringify(modelJson));
      await writeFile(path.join(dir, WEIGHTS_FILE), new Uint8Array(weights));
      info = { weightBytes: weights.byteLength };
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!info) throw new Error(`Saving the model to ${dir} did not call the save handler`);
  return info;
}

/** Reads a model saved by {@link saveModelToDir} (or any single-directory tfjs layers model) as files, weights joined in manifest order. */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const modelJson = JSON.parse(await readFile(path.join(dir, MODEL_JSON_FILE), 'utf8')) as io.ModelJSON;
  const buffers = await Promise.all(
    modelJson.weightsManifest
      .flatMap((group) => group.paths)
      .map(async (p) => {
        const bytes = await readFile(path.join(dir, p));
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      }),
  );
  return { modelJson, weights: io.CompositeArrayBuffer.join(buffers) };
}

/** Loads a model saved by {@link saveModelToDir} (or any single-directory tfjs layers model). */
export async function loadModelFromDir(dir: string): Promise<LayersModel> {
  const { modelJson, weights } = await readModelFiles(dir);
  return loadModelFromFiles(modelJson, [weights]);
}
