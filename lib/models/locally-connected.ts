import {
  relu,
  serialization,
  sigmoid,
  tanh,
  tidy,
  type Tensor,
  type Tensor2D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { locallyConnected2d, validOutputSize } from './locally-connected-op';

type Shape = (number | null)[];

const ACTIVATIONS = {
  linear: (t: Tensor) => t,
  relu: (t: Tensor) => relu(t),
  sigmoid: (t: Tensor) => sigmoid(t),
  tanh: (t: Tensor) => tanh(t),
} as const;

/** Activations the layer can apply after the locally connected product. */
export type LocallyConnectedActivation = keyof typeof ACTIVATIONS;

/** Constructor arguments of {@link LocallyConnected2D}. */
export interface LocallyConnected2DArgs extends LayerArgs {
  filters: number;
  /** Window size; a number means square. */
  kernelSize: number | [number, number];
  /** Defaults to 1. */
  strides?: number | [number, number];
  /** Defaults to 'linear'. */
  activation?: LocallyConnectedActivation;
  /** Defaults to true. */
  useBias?: boolean;
  /** Seed of the kernel initialiser, so a fresh layer is reproducible. */
  seed?: number;
  /** Defaults to 'glorotUniform'. Both use the fans of the equivalent Conv2D (see {@link convEquivalentInitializer}). */
  kernelInitializer?: LocallyConnectedInitializer;
}

/** Initialisers of the kernel, named as tfjs names the Conv2D ones they match. */
export type LocallyConnectedInitializer = 'glorotUniform' | 'heNormal';

function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/**
 * The kernel initialiser with the fans of the equivalent Conv2D (fanIn = kh·kw·inC, fanOut =
 * kh·kw·filters). Keras' LocallyConnected2D feeds its 3-D kernel shape to the initialiser, which
 * counts every output position into the fans and starts the weights far too small; this keeps the
 * LCN's starting point statistically identical to the CNN's.
 */
function convEquivalentInitializer(kind: LocallyConnectedInitializer, kh: number, kw: number, inC: number, filters: number, seed?: number) {
  const fanIn = kh * kw * inC;
  if (kind === 'heNormal') return initializers.truncatedNormal({ mean: 0, stddev: Math.sqrt(2 / fanIn), seed });
  const limit = Math.sqrt(6 / (fanIn + kh * kw * filters));
  return initializers.randomUniform({ minval: -limit, maxval: limit, seed });
}

/**
 * A 2-D locally connected layer (unshared convolution), valid padding, NHWC.
 *
 * Weights: `kernel` [outH·outW, kh·kw·inC, filters] (patch index (i·kw + j)·inC + c, the order of a
 * flattened Conv2D filter) and `bias` [outH·outW, filters]. Registered for (de)serialisation under
 * the explicit name 'LocallyConnected2D' so minified bundles still load saved models.
 */
export class LocallyConnected2D extends layers.Layer {
  /** Explicit, because minifiers rename classes. */
  static className = 'LocallyConnected2D';

  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly activation: LocallyConnectedActivation;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  readonly kernelInitializer: LocallyConnectedInitializer;
  private kernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: LocallyConnected2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = pair(args.kernelSize);
    this.strides = pair(args.strides ?? 1);
    this.activation = args.activation ?? 'linear';
    if (!(this.activation in ACTIVATIONS)) {
      throw new Error(`LocallyConnected2D: unknown activation '${this.activation}'`);
    }
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
    this.kernelInitializer = args.kernelInitializer ?? 'glorotUniform';
  }

  private outShape(inputShape: Shape): [number, number] {
    const [, inH, inW] = inputShape;
    if (inH == null || inW == null) {
      throw new Error('LocallyConnected2D needs a fully defined input height and width');
    }
    return [
      validOutputSize(inH, this.kernelSize[0], this.strides[0]),
      validOutputSize(inW, this.kernelSize[1], this.strides[1]),
    ];
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inC = shape[3];
    if (inC == null) throw new Error('LocallyConnected2D needs a defined channel count');
    const [kh, kw] = this.kernelSize;
    const [outH, outW] = this.outShape(shape);
    const positions = outH * outW;
    this.kernel = this.addWeight(
      'kernel',
      [positions, kh * kw * inC, this.filters],
      'float32',
      convEquivalentInitializer(this.kernelInitializer, kh, kw, inC, this.filters, this.seed),
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', [positions, this.filters], 'float32', initializers.zeros());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const [outH, outW] = this.outShape(shape);
    return [shape[0], outH, outW, this.filters];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor4D;
      if (!this.kernel) throw new Error('LocallyConnected2D called before build()');
      const y = locallyConnected2d(
        x,
        this.kernel.read() as Tensor3D,
        this.bias ? (this.bias.read() as Tensor2D) : null,
        {
          kernelSize: this.kernelSize,
          strides: this.strides,
          outShape: this.outShape(x.shape),
        },
      );
      return ACTIVATIONS[this.activation](y);
    });
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}

serialization.registerClass(LocallyConnected2D);
