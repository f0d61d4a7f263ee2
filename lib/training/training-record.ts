import type { CurvePoint } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import type { Hyperparameters } from './hyperparameters';

/** File beside model.json that records how the model was trained (read back by the evaluator). */
export const TRAINING_FILE = 'training.json';

/** Content of {@link TRAINING_FILE}. */
export interface TrainingRecord {
  id: ModelId;
  hyperparameters: Hyperparameters;
  steps: number;
  samplesPerSecond: number;
  wallSeconds: number;
  backend: string;
  date: string;
  curve: CurvePoint[];
}
