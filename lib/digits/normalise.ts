/**
 * The networks' input format: MNIST pixels 0–255 (ink high) scaled to 0–1. One function for
 * training, evaluation and in-browser inference alike.
 */
export function normalisePixels(
  pixels: Uint8Array | Float32Array,
  out: Float32Array<ArrayBuffer> = new Float32Array(pixels.length),
): Float32Array<ArrayBuffer> {
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}
