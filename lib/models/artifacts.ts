import { io } from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
// Registers the custom layer so saved LCN topologies deserialise.
import './locally-connected';
import { WEIGHTS_FILE } from './files';


/** A saved model as two files: the model.json object and one weights buffer. */
export interface ModelFiles {
  modelJson: io.ModelJSON;
  weights: ArrayBuffer;
}

/** Turns the artifacts a LayersModel hands to `save()` into model.json + one weights file. */
export function artifactsToFiles(artifacts: io.ModelArtifacts): ModelFiles {
  if (!artifacts.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error('Model artifacts lack topology or weights');
  }
  const modelJson: io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  };
  return { modelJson, weights: io.CompositeArrayBuffer.join(artifacts.weightData) };
}

/**
 * Builds a LayersModel from an already fetched model.json and its weight buffers (in manifest
 * order), without any network access: the browser downloads and checks the bytes itself, then
 * calls this. Works on whichever tfjs backend is active.
 */
export function loadModelFromFiles(modelJson: io.ModelJSON, weightBuffers: ArrayBuffer[]): Promise<LayersModel> {
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  return loadLayersModel(
    io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs,
      weightData: io.CompositeArrayBuffer.join(weightBuffers),
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
    }),
  );
}
