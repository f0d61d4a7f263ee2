// Shared with the browser's training worker (lib/learning); re-exported for the CLI.
export { imagesTensor, labelsTensor, range } from '@/lib/learning/tensors';
