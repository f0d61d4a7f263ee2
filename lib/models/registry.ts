import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildCnn, buildFeatureNetwork, buildLcn, buildMlp, type BuildOptions, type Connectivity, type Head } from './architectures';
import type { ModelId } from './ids';

/** Where a model sits in the zoo's factorial design: each model differs from a neighbour in one factor. */
export interface ModelFactors {
  /** `dense` = no locality and no sharing (the MLP baseline). */
  connectivity: Connectivity | 'dense';
  /** How the last features reach the classes (`dense` for the MLP, whose only layers are dense). */
  head: Head;
  /** Largest random shift, px, applied to each training image on each presentation (0 = centred digits only). */
  trainShift: number;
}

/** One entry of the model zoo. Adding a model = adding an entry (and its id in ids.ts). */
export interface ModelSpec {
  id: ModelId;
  /** Short display name. */
  name: string;
  /** One sentence for the UI. */
  description: string;
  /** Whether the feature layers share weights across positions. */
  weightSharing: boolean;
  factors: ModelFactors;
  /** Trainable parameters of a freshly built model (checked by tests). */
  params: number;
  /** Builds the untrained model with seeded initialisers. */
  build: (options?: BuildOptions) => LayersModel;
}

/** Random shift range of the `-shift` models' training data, px in each axis. */
export const TRAIN_SHIFT_PX = 4;

/** Every model the lab trains and serves, in display order. */
export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    id: 'cnn',
    name: 'CNN',
    description:
      'Convolutional network: each 5×5 filter is shared by every position, so a feature is detected the same way anywhere.',
    weightSharing: true,
    factors: { connectivity: 'shared', head: 'dense', trainShift: 0 },
    params: 18_378,
    build: buildCnn,
  },
  {
    id: 'lcn',
    name: 'LCN',
    description:
      'Locally connected network: same topology, but every position has its own 5×5 filters — no weight sharing.',
    weightSharing: false,
    factors: { connectivity: 'unshared', head: 'dense', trainShift: 0 },
    params: 1_065_994,
    build: buildLcn,
  },
  {
    id: 'cnn-gap',
    name: 'CNN-GAP',
    description:
      'The CNN with global average pooling before the classifier: the head sees how strongly each feature fired, not where.',
    weightSharing: true,
    factors: { connectivity: 'shared', head: 'gap', trainShift: 0 },
    params: 13_578,
    build: (o) => buildFeatureNetwork('cnn-gap', 'shared', 'gap', o),
  },
  {
    id: 'lcn-gap',
    name: 'LCN-GAP',
    description: 'The LCN with global average pooling before the classifier: unshared filters, position-blind head.',
    weightSharing: false,
    factors: { connectivity: 'unshared', head: 'gap', trainShift: 0 },
    params: 1_061_194,
    build: (o) => buildFeatureNetwork('lcn-gap', 'unshared', 'gap', o),
  },
  {
    id: 'cnn-shift',
    name: 'CNN-shift',
    description: `The CNN trained on digits shifted at random by up to ${TRAIN_SHIFT_PX} px in each direction.`,
    weightSharing: true,
    factors: { connectivity: 'shared', head: 'dense', trainShift: TRAIN_SHIFT_PX },
    params: 18_378,
    build: (o) => buildFeatureNetwork('cnn-shift', 'shared', 'dense', o),
  },
  {
    id: 'lcn-shift',
    name: 'LCN-shift',
    description: `The LCN trained on digits shifted at random by up to ${TRAIN_SHIFT_PX} px in each direction.`,
    weightSharing: false,
    factors: { connectivity: 'unshared', head: 'dense', trainShift: TRAIN_SHIFT_PX },
    params: 1_065_994,
    build: (o) => buildFeatureNetwork('lcn-shift', 'unshared', 'dense', o),
  },
  {
    id: 'mlp',
    name: 'MLP',
    description: 'Fully connected baseline (784 → 256 → 10): every pixel reaches every unit — no locality, no sharing.',
    weightSharing: false,
    factors: { connectivity: 'dense', head: 'dense', trainShift: 0 },
    params: 203_530,
    build: buildMlp,
  },
];

/** The spec of a model id; throws on an id without a registry entry. */
export function getModelSpec(id: ModelId): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`No model spec registered for id '${id}'`);
  return spec;
}
