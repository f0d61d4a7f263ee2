/**
 * Writes a float32 model at a smaller precision in tfjs's own weights-manifest quantisation format,
 * which `io.decodeWeights` undoes at load (model.save cannot write it). Type-only tfjs imports: the
 * server runs this when it seeds its local store.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { ModelFiles } from './artifacts';
import type { WeightPrecision } from './precision';

/** Bytes per stored weight value at each precision. */
export const BYTES_PER_VALUE: Record<WeightPrecision, number> = { float32: 4, float16: 2, uint8: 1 };

/** Highest uint8 level: a tensor's min…max spreads over 0…255. */
const UINT8_MAX = 255;

/**
 * The model at `precision`: the same topology and weight specs, each spec carrying its `quantization`
 * (float16: IEEE half per value, round to nearest even; uint8: per tensor, value = q · scale + min over
 * the tensor's min…max, so within scale / 2 of the float32 value), and the weights re-encoded in
 * manifest order. float32 returns the files as they are.
 */
export function quantiseModel(files: ModelFiles, precision: WeightPrecision): ModelFiles {
  if (precision === 'float32') return files;
  const [group, ...rest] = files.modelJson.weightsManifest;
  if (!group || rest.length > 0) throw new Error('quantiseModel: expected exactly one weights-manifest group');
  const sizes = group.weights.map((spec) => {
    if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`quantiseModel: ${spec.name} is not plain float32`);
    return spec.shape.reduce((product, size) => product * size, 1);
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  if (files.weights.byteLength !== total * BYTES_PER_VALUE.float32) {
    throw new Error(`quantiseModel: ${files.weights.byteLength} weight bytes for ${total} float32 values`);
  }

  const floats = new Float32Array(files.weights);
  const out = new ArrayBuffer(total * BYTES_PER_VALUE[precision]);
  let offset = 0;
  const weights = group.weights.map((spec, i): io.WeightsManifestEntry => {
    const values = floats.subarray(offset, offset + sizes[i]);
    const quantization =
      precision === 'float16'
        ? writeFloat16(values, new Uint16Array(out, offset * 2, sizes[i]))
        : writeUint8(spec.name, values, new Uint8Array(out, offset, sizes[i]));
    offset += sizes[i];
    return { ...spec, quantization };
  });
  return {
    modelJson: { ...files.modelJson, weightsManifest: [{ ...group, weights }] },
    weights: out,
  };
}

function writeFloat16(values: Float32Array, target: Uint16Array): io.WeightsManifestEntry['quantization'] {
  values.forEach((v, i) => (target[i] = float16Bits(v)));
  return { dtype: 'float16' };
}

function writeUint8(name: string, values: Float32Array, target: Uint8Array): io.WeightsManifestEntry['quantization'] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`quantiseModel: ${name} has a non-finite value`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // A constant tensor (zero biases) gets scale 0: every q decodes to exactly min, with no division by zero.
  const scale = (max - min) / UINT8_MAX;
  if (scale > 0) values.forEach((v, i) => (target[i] = Math.round((v - min) / scale)));
  return { dtype: 'uint8', min, scale };
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of a float32, rounded to nearest even; beyond ±65504 → ±Infinity, NaN stays NaN. */
function float16Bits(value: number): number {
  f32[0] = value;
  const bits = f32Bits[0];
  const sign = (bits >>> 16) & 0x8000;
  const rawExponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (rawExponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  // Rebias from float32's 127 to half's 15.
  const exponent = rawExponent - 127 + 15;
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    // Subnormal half: (1.mantissa) shifted right by 14 − exponent bits; below 2^-25 it rounds to ±0.
    if (exponent < -10) return sign;
    return sign | roundShift(mantissa | 0x800000, 14 - exponent);
  }
  // A carry out of the mantissa bumps the exponent, which is the correct rounding (up to Infinity).
  return sign | ((exponent << 10) + roundShift(mantissa, 13));
}

/** x >> shift, rounded to nearest, ties to even. */
function roundShift(x: number, shift: number): number {
  const kept = x >>> shift;
  const rest = x & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}
