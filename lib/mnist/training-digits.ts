/**
 * The training digits the browser's "Train them yourself" learns from: the FIRST
 * {@link TRAINING_DIGITS_COUNT} images of the MNIST training set with their labels, in the shipped
 * sample's format (sample.ts, "MNS1"), gzip-compressed. Built by `npx tsx lib/mnist/write-training-digits.ts`
 * into models/, published to the blob store beside the models (content-hashed key, sha256 in the
 * manifest) and checked in the browser before use.
 */
export const TRAINING_DIGITS_COUNT = 5_000;
/** File name in MODELS_DIR and in the published folder. */
export const TRAINING_DIGITS_FILE = 'training-digits.bin.gz';
