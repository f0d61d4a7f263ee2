import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildCnn, buildLcn, type BuildOptions } from './architectures';
import type { ModelId } from './ids';

/** One entry of the model zoo. Adding a model = adding an entry (and its id in ids.ts). */
export interface ModelSpec {
  id: ModelId;
  /** Short display name. */
  name: string;
  /** One sentence for the UI. */
  description: string;
  /** Whether the feature layers share weights across positions. */
  weightSharing: boolean;
  /** Trainable parameters of a freshly built model (checked by tests). */
  params: number;
  /** Builds the untrained model with seeded initialisers. */
  build: (options?: BuildOptions) => LayersModel;
}

/** Every model the lab trains and serves, in display order. */
export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    id: 'cnn',
    name: 'CNN',
    description:
      'Convolutional network: each 5×5 filter is shared by every position, so a feature is detected the same way anywhere.',
    weightSharing: true,
    params: 18_378,
    build: buildCnn,
  },
  {
    id: 'lcn',
    name: 'LCN',
    description:
      'Locally connected network: same topology, but every position has its own 5×5 filters — no weight sharing.',
    weightSharing: false,
    params: 1_065_994,
    build: buildLcn,
  },
];

/** The spec of a model id; throws on an id without a registry entry. */
export function getModelSpec(id: ModelId): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`No model spec registered for id '${id}'`);
  return spec;
}
