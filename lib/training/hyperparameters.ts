// The recipe lives in lib/learning, shared with the browser's "Train them yourself"; re-exported for the CLI.
export { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '@/lib/learning/recipe';
