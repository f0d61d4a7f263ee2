import type { TrainingSummary } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import type { Hyperparameters } from './hyperparameters';

/** File beside model.json that records how the model was trained (read back by the evaluator). */
export const TRAINING_FILE = 'training.json';

/** Content of {@link TRAINING_FILE}. */
export interface TrainingRecord extends TrainingSummary {
  id: ModelId;
  hyperparameters: Hyperparameters;
}
