/**
 * "Inside the networks": the intermediate outputs of a model's forward pass on one input and on it
 * shifted, compared stage by stage (shift back and compare), and the first layer's weights as
 * pictures. Runs in the engine's worker on the model's own plan, step by step and unfused (a fused
 * run has no intermediate outputs), so what is shown is what the lab computes; a model without a
 * plan runs its layers one by one instead. Nothing here builds a second model.
 */
import { tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_PIXELS, INPUT_SIZE } from '@/lib/digits/constants';
import { assertShift, writeShifted, type ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import { compareShiftedStage, relativeDifference, type MapShape } from '@/lib/viz/equivariance';
import { filterKernels, neighbourSimilarity, similarityByDistance, type LcKernelShape } from '@/lib/viz/kernel-similarity';
import { receptiveFieldAfter, type ReceptiveField, type WindowOp } from '@/lib/viz/receptive-field';
import { EngineError } from './errors';
import { runStep } from './forward-plan';
import { round3 } from './latency-stats';
import type { LoadedModel } from './loaded-model';
import { tensorFrom } from './tensors';

/** Options of the engine's `featureMaps`. */
export interface FeatureMapsOptions {
  /** Only these models (default: every loaded one). */
  models?: ModelId[];
  /** Also return each model's first-layer weights as pictures; for a locally connected layer, those of this filter. */
  weights?: { filter: number };
}

/** The kind of layer whose output is a feature stage. */
export type StageLayer = 'conv2d' | 'locallyConnected';

/** One feature stage (a conv or locally connected layer with its activation, before any pool) for both inputs. */
export interface StageMaps {
  /** 1-based, in layer order. */
  stage: number;
  layer: StageLayer;
  shape: MapShape;
  /** Cumulative stride: input pixels between neighbouring map positions. */
  stride: number;
  /** Where a map position looks on the input. */
  field: ReceptiveField;
  /** [H, W, C] maps of the input and of the shifted input. */
  unshifted: Float32Array;
  shifted: Float32Array;
  /** Shifted maps moved back by `moveBack`, minus the unshifted ones, NaN outside the interior; [H, W, C]. */
  difference: Float32Array;
  /** ‖difference‖₂ / ‖unshifted‖₂ over the interior. */
  relativeError: number;
  moveBack: { dx: number; dy: number };
  /** The stride divides the input shift: shared weights must match exactly here. */
  exact: boolean;
  interiorPositions: number;
}

/** A global pooling head's vector (one value a map) for both inputs. */
export interface PooledVector {
  /** The pooling layer's class, e.g. GlobalAveragePooling2D. */
  layer: string;
  unshifted: Float32Array;
  shifted: Float32Array;
  /** ‖shifted − unshifted‖₂ / ‖unshifted‖₂. */
  relativeError: number;
}

/** How similar a locally connected layer's kernels are at a distance, over every filter. */
export interface SimilarityAtDistance {
  distance: number;
  mean: number;
  pairs: number;
}

/** The first layer's weights as square pictures, tile after tile ([tiles, size, size]). */
export type FirstLayerWeights =
  | { kind: 'conv2d'; size: number; tiles: number; values: Float32Array }
  | {
      kind: 'locallyConnected';
      size: number;
      /** outH × outW kernels of one filter, position-major. */
      tiles: number;
      values: Float32Array;
      filter: number;
      filters: number;
      outH: number;
      outW: number;
      /** Per position: mean cosine similarity with its direct neighbours' kernels (this filter); [outH, outW]. */
      neighbourSimilarity: Float32Array;
      /** Mean cosine similarity of kernels d positions apart along rows and columns, every filter. */
      byDistance: SimilarityAtDistance[];
    }
  | { kind: 'dense'; size: number; tiles: number; values: Float32Array };

/** What one model shows inside. */
export interface ModelInside {
  modelId: ModelId;
  stages: StageMaps[];
  pooled: PooledVector | null;
  /** Present when asked for; null when the first layer has no picture (several input channels, or no first layer the lab can draw). */
  weights?: FirstLayerWeights | null;
  /** Worker time for this model: the pass, the read-back and the comparisons. */
  ms: number;
}

/** Distances at which kernel similarity is summarised. */
export const SIMILARITY_DISTANCES = 6;

// ---- the model's layers as the feature view walks them -------------------------------------------

type Layer = LayersModel['layers'][number];

interface TracedLayer {
  className: string;
  config: Record<string, unknown>;
  layer: Layer;
  run(x: Tensor): Tensor;
}

interface StageSpec {
  /** Index of the layer whose output is the stage (the conv/LC layer, or a separate activation after it). */
  at: number;
  layer: StageLayer;
  /** The conv/LC layer itself. */
  source: number;
  field: ReceptiveField;
}

interface Trace {
  layers: TracedLayer[];
  stages: StageSpec[];
  pooled: { at: number; layer: string } | null;
}

const STAGE_LAYERS: Record<string, StageLayer> = { Conv2D: 'conv2d', LocallyConnected2D: 'locallyConnected' };
const POOLS = new Set(['MaxPooling2D', 'AveragePooling2D']);
/** Element-wise layers: the maps keep their geometry. */
const ELEMENTWISE = new Set(['Activation', 'ReLU', 'LeakyReLU', 'Dropout', 'BatchNormalization']);
const GLOBAL_POOLS = new Set(['GlobalAveragePooling2D', 'GlobalMaxPooling2D']);

function first(v: unknown): number {
  return Number(Array.isArray(v) ? v[0] : v);
}

function windowOf({ className, config }: TracedLayer): WindowOp {
  const kernel = first(POOLS.has(className) ? config.poolSize : config.kernelSize);
  const stride = config.strides === undefined || config.strides === null ? (POOLS.has(className) ? kernel : 1) : first(config.strides);
  return { kernel, stride, padding: config.padding === 'same' ? 'same' : 'valid' };
}

/**
 * Which layer outputs are stages and which is a pooled vector. Geometry is followed through
 * windows (conv, LC, pools; square, as every model of the lab) and element-wise layers; anything
 * else (a flatten, a dense layer, an unknown layer) ends the maps.
 */
function traceOf(m: LoadedModel): Trace {
  const layers = m.model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  // compilePlan makes one step a layer (InputLayer aside); if that ever changes, run the layers.
  const steps = m.plan && m.plan.steps.length === layers.length ? m.plan.steps : null;
  const traced: TracedLayer[] = layers.map((layer, i) => ({
    className: layer.getClassName(),
    config: layer.getConfig() as Record<string, unknown>,
    layer,
    run: steps ? (x) => runStep(steps[i], x) : (x) => layer.apply(x) as Tensor,
  }));
  const stages: StageSpec[] = [];
  let pooled: Trace['pooled'] = null;
  const ops: WindowOp[] = [];
  let maps = true;
  for (let i = 0; i < traced.length; i++) {
    const { className } = traced[i];
    if (GLOBAL_POOLS.has(className)) {
      pooled ??= { at: i, layer: className };
      maps = false;
    } else if (!maps || ELEMENTWISE.has(className)) {
      continue;
    } else if (STAGE_LAYERS[className]) {
      ops.push(windowOf(traced[i]));
      const at = traced[i + 1]?.className === 'Activation' ? i + 1 : i;
      stages.push({ at, layer: STAGE_LAYERS[className], source: i, field: receptiveFieldAfter(ops) });
    } else if (POOLS.has(className)) {
      ops.push(windowOf(traced[i]));
    } else {
      maps = false;
    }
  }
  return { layers: traced, stages, pooled };
}

const traces = new WeakMap<LoadedModel, Trace>();

function cachedTrace(m: LoadedModel): Trace {
  let trace = traces.get(m);
  if (!trace) traces.set(m, (trace = traceOf(m)));
  return trace;
}

// ---- the pass ------------------------------------------------------------------------------------

/**
 * Feature stages and pooled vector of `m` for the normalised input `x` and for `x` shifted by
 * `shift` (zero fill), both in one batch of two through the same steps, plus the first layer's
 * weights when `options.weights` asks for them.
 */
export async function insideOf(
  m: LoadedModel,
  x: Float32Array,
  shift: ShiftOffset,
  options: FeatureMapsOptions = {},
): Promise<ModelInside> {
  const t0 = performance.now();
  const trace = cachedTrace(m);
  const { dx, dy } = shift;
  const captureAt = [...trace.stages.map((s) => s.at), ...(trace.pooled ? [trace.pooled.at] : [])];
  const last = Math.max(-1, ...captureAt);
  const batch = new Float32Array(2 * INPUT_PIXELS);
  batch.set(x);
  writeShifted(x, dx, dy, batch, INPUT_PIXELS);
  // Run only as far as the last output shown; every captured output is kept out of the tidy.
  const captured = tidy(() => {
    let y: Tensor = tensorFrom(batch, 2);
    const out: Record<number, Tensor> = {};
    for (let i = 0; i <= last; i++) {
      y = trace.layers[i].run(y);
      if (captureAt.includes(i)) out[i] = y;
    }
    return out;
  });
  const read = new Map<number, { shape: number[]; values: Float32Array }>();
  try {
    for (const [i, t] of Object.entries(captured)) read.set(Number(i), { shape: t.shape, values: (await t.data()) as Float32Array });
  } finally {
    Object.values(captured).forEach((t) => t.dispose());
  }
  const half = (i: number) => {
    const { values } = read.get(i)!;
    const n = values.length / 2;
    return [values.slice(0, n), values.slice(n)] as const;
  };
  const stages = trace.stages.map((spec, k): StageMaps => {
    const [, height, width, channels] = read.get(spec.at)!.shape;
    const shape = { height, width, channels };
    const [unshifted, shifted] = half(spec.at);
    const { difference, relativeError, moveBack, exact, interiorPositions } = compareShiftedStage(
      unshifted,
      shifted,
      shape,
      dx,
      dy,
      spec.field.jump,
    );
    return {
      stage: k + 1,
      layer: spec.layer,
      shape,
      stride: spec.field.jump,
      field: spec.field,
      unshifted,
      shifted,
      difference,
      relativeError,
      moveBack,
      exact,
      interiorPositions,
    };
  });
  let pooled: PooledVector | null = null;
  if (trace.pooled) {
    const [unshifted, shifted] = half(trace.pooled.at);
    pooled = { layer: trace.pooled.layer, unshifted, shifted, relativeError: relativeDifference(unshifted, shifted) };
  }
  const weights = options.weights ? await firstLayerWeights(m, trace, options.weights.filter) : undefined;
  return { modelId: m.info.modelId, stages, pooled, ...(weights === undefined ? {} : { weights }), ms: round3(performance.now() - t0) };
}

/** Checks a shift before a pass. */
export function checkedShift(shift: ShiftOffset): ShiftOffset {
  try {
    assertShift(shift.dx, 'dx');
    assertShift(shift.dy, 'dy');
  } catch (e) {
    throw new EngineError({ code: 'usage', message: (e as Error).message });
  }
  return shift;
}

// ---- first-layer weights -------------------------------------------------------------------------

interface LcWeights {
  kernel: Float32Array;
  shape: LcKernelShape;
  size: number;
  byDistance: SimilarityAtDistance[];
}

/** A model's weights read once: [tiles, size, size] pictures, or a locally connected kernel with its similarity summary. */
type CachedWeights =
  { kind: 'conv2d' | 'dense'; size: number; tiles: number; values: Float32Array } | ({ kind: 'locallyConnected' } & LcWeights) | null;

const weightCache = new WeakMap<LoadedModel, Promise<CachedWeights>>();

async function firstLayerWeights(m: LoadedModel, trace: Trace, filter: number): Promise<FirstLayerWeights | null> {
  let cached = weightCache.get(m);
  if (!cached) weightCache.set(m, (cached = readFirstLayer(trace)));
  const w = await cached;
  if (!w) return null;
  // Copies: the answer's buffers are transferred to the page, the cache must keep its own.
  if (w.kind !== 'locallyConnected') return { ...w, values: w.values.slice() };
  const f = Math.min(w.shape.filters - 1, Math.max(0, Math.trunc(filter)));
  return {
    kind: 'locallyConnected',
    size: w.size,
    tiles: w.shape.outH * w.shape.outW,
    values: filterKernels(w.kernel, w.shape, f),
    filter: f,
    filters: w.shape.filters,
    outH: w.shape.outH,
    outW: w.shape.outW,
    neighbourSimilarity: neighbourSimilarity(w.kernel, w.shape, f),
    byDistance: w.byDistance.map((d) => ({ ...d })),
  };
}

/**
 * The first stage's kernels (a conv's [kh, kw, 1, F] as F pictures; a locally connected layer's
 * [P, kh·kw, F] whole, with its similarity by distance), or, for a model without maps, the first
 * dense layer that reads the image, its [784, units] kernel as `units` 28×28 pictures.
 */
async function readFirstLayer(trace: Trace): Promise<CachedWeights> {
  const stage = trace.stages[0];
  if (stage) {
    const { layer, config } = trace.layers[stage.source];
    const kernel = layer.getWeights()[0];
    const [size, width] = Array.isArray(config.kernelSize)
      ? config.kernelSize.map(Number)
      : [Number(config.kernelSize), Number(config.kernelSize)];
    if (width !== size) return null;
    const values = (await kernel.data()) as Float32Array;
    if (stage.layer === 'conv2d') {
      const [kh, kw, inC, filters] = kernel.shape;
      if (inC !== 1) return null;
      return { kind: 'conv2d', size, tiles: filters, values: transpose(values, kh * kw, filters) };
    }
    const [positions, taps, filters] = kernel.shape;
    if (taps !== size * size) return null;
    const outH = Math.round(Math.sqrt(positions));
    const shape: LcKernelShape = { outH, outW: positions / outH, taps, filters };
    return { kind: 'locallyConnected', kernel: values, shape, size, byDistance: similarityByDistance(values, shape, SIMILARITY_DISTANCES) };
  }
  if (trace.pooled) return null;
  const dense = trace.layers.find((l) => l.className === 'Dense');
  const kernel = dense?.layer.getWeights()[0];
  if (!kernel || kernel.shape[0] !== INPUT_PIXELS) return null;
  const units = kernel.shape[1] ?? 0;
  return { kind: 'dense', size: INPUT_SIZE, tiles: units, values: transpose((await kernel.data()) as Float32Array, INPUT_PIXELS, units) };
}

/** [rows, cols] → [cols, rows]. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}
