import { initializers, layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { LocallyConnected2D } from './locally-connected';

/** Options shared by every model builder. */
export interface BuildOptions {
  /** Base seed of the weight initialisers; layer k uses seed + k. Defaults to 0. */
  seed?: number;
}

/** How the feature stages connect to their input: one filter bank for every position, or one per position. */
export type Connectivity = 'shared' | 'unshared';

/**
 * What reads the last feature maps: `dense` sees every position separately (so it can tell where a
 * feature is); `gap` averages each channel over all positions first (so it cannot).
 */
export type Head = 'dense' | 'gap';

/** The shared topology: two [5×5] feature stages (16 then 32 maps), each ReLU + 2×2 max-pool. */
const STAGES = [
  { filters: 16, kernelSize: 5 },
  { filters: 32, kernelSize: 5 },
] as const;

/** Hidden units of the fully connected baseline. */
const MLP_HIDDEN = 256;

const INPUT_SHAPE = [INPUT_SIZE, INPUT_SIZE, 1];

/** The recipe's initialiser for every weight matrix: He (truncated normal, stddev √(2 / fan-in)), for ReLU units. */
function heNormal(seed: number) {
  return initializers.heNormal({ seed });
}

function softmaxHead(seed: number, inputShape?: number[]) {
  return layers.dense({
    ...(inputShape ? { inputShape } : {}),
    units: NUM_CLASSES,
    activation: 'softmax',
    kernelInitializer: heNormal(seed),
    biasInitializer: initializers.zeros(),
  });
}

function featureLayer(connectivity: Connectivity, { filters, kernelSize }: (typeof STAGES)[number], seed: number, first: boolean) {
  const input = first ? { inputShape: INPUT_SHAPE } : {};
  return connectivity === 'shared'
    ? layers.conv2d({
        ...input,
        filters,
        kernelSize,
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: heNormal(seed),
        biasInitializer: initializers.zeros(),
      })
    : new LocallyConnected2D({ ...input, filters, kernelSize, activation: 'relu', kernelInitializer: 'heNormal', seed });
}

/**
 * The two feature stages, then the head. `cnn` and `lcn` differ only in `connectivity`; the `-gap`
 * variants only in `head`.
 */
export function buildFeatureNetwork(name: string, connectivity: Connectivity, head: Head, { seed = 0 }: BuildOptions = {}): LayersModel {
  const model = sequential({ name });
  STAGES.forEach((stage, k) => {
    model.add(featureLayer(connectivity, stage, seed + k, k === 0));
    model.add(layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  });
  model.add(head === 'dense' ? layers.flatten() : layers.globalAveragePooling2d({}));
  model.add(softmaxHead(seed + STAGES.length));
  return model;
}

/** The baseline without locality or sharing: 784 → 256 ReLU → 10 softmax. */
export function buildMlp({ seed = 0 }: BuildOptions = {}): LayersModel {
  const model = sequential({ name: 'mlp' });
  model.add(layers.flatten({ inputShape: INPUT_SHAPE }));
  model.add(
    layers.dense({
      units: MLP_HIDDEN,
      activation: 'relu',
      kernelInitializer: heNormal(seed),
      biasInitializer: initializers.zeros(),
    }),
  );
  model.add(softmaxHead(seed + 1));
  return model;
}

/** CNN: Conv2D feature stages (weights shared across positions), dense head. 18,378 parameters. */
export function buildCnn(options: BuildOptions = {}): LayersModel {
  return buildFeatureNetwork('cnn', 'shared', 'dense', options);
}

/** LCN: LocallyConnected2D feature stages (one kernel per position), dense head. 1,065,994 parameters. */
export function buildLcn(options: BuildOptions = {}): LayersModel {
  return buildFeatureNetwork('lcn', 'unshared', 'dense', options);
}
