import { initializers, layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { LocallyConnected2D } from './locally-connected';

/** Options shared by every model builder. */
export interface BuildOptions {
  /** Base seed of the weight initialisers; layer k uses seed + k. Defaults to 0. */
  seed?: number;
}

/** The shared topology: two [5×5] feature stages (16 then 32 maps), each ReLU + 2×2 max-pool. */
const STAGES = [
  { filters: 16, kernelSize: 5 },
  { filters: 32, kernelSize: 5 },
] as const;

type FeatureLayerFactory = (stage: (typeof STAGES)[number], seed: number, first: boolean) => layers.Layer;

function buildTopology(name: string, featureLayer: FeatureLayerFactory, { seed = 0 }: BuildOptions): LayersModel {
  const model = sequential({ name });
  STAGES.forEach((stage, k) => {
    model.add(featureLayer(stage, seed + k, k === 0));
    model.add(layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  });
  model.add(layers.flatten());
  model.add(
    layers.dense({
      units: NUM_CLASSES,
      activation: 'softmax',
      kernelInitializer: initializers.glorotUniform({ seed: seed + STAGES.length }),
      biasInitializer: initializers.zeros(),
    }),
  );
  return model;
}

const INPUT_SHAPE = [INPUT_SIZE, INPUT_SIZE, 1];

/** CNN: Conv2D feature stages (weights shared across positions). 18,378 parameters. */
export function buildCnn(options: BuildOptions = {}): LayersModel {
  return buildTopology(
    'cnn',
    ({ filters, kernelSize }, seed, first) =>
      layers.conv2d({
        ...(first ? { inputShape: INPUT_SHAPE } : {}),
        filters,
        kernelSize,
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: initializers.glorotUniform({ seed }),
        biasInitializer: initializers.zeros(),
      }),
    options,
  );
}

/** LCN: LocallyConnected2D feature stages (one kernel per position). 1,065,994 parameters. */
export function buildLcn(options: BuildOptions = {}): LayersModel {
  return buildTopology(
    'lcn',
    ({ filters, kernelSize }, seed, first) =>
      new LocallyConnected2D({
        ...(first ? { inputShape: INPUT_SHAPE } : {}),
        filters,
        kernelSize,
        activation: 'relu',
        seed,
      }),
    options,
  );
}
