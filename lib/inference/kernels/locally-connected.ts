import { type Tensor, type Tensor2D, type Tensor3D, type Tensor4D } from '@tensorflow/tfjs-core';
import { locallyConnected2d, type LocallyConnected2dGeometry } from '@/lib/models/locally-connected-op';

/** A locally connected layer's weights in the layout the active backend's kernel wants. */
export interface PreparedLocallyConnected {
  kernel: Tensor3D;
  bias: Tensor2D | null;
  /** [inH, inW, inC] of one input. */
  inShape: [number, number, number];
  /** Tensors created by preparation (the plan disposes them). */
  owned: Tensor[];
}

/** Prepares LC weights for inference on the active backend (done once per model build). */
export function prepareLocallyConnected(
  kernel: Tensor3D,
  bias: Tensor2D | null,
  _geometry: LocallyConnected2dGeometry,
  inShape: [number, number, number],
): PreparedLocallyConnected {
  return { kernel, bias, inShape, owned: [] };
}

/** LC forward pass (no activation) with the fastest implementation for the active backend. */
export function locallyConnectedForward(x: Tensor4D, w: PreparedLocallyConnected, geometry: LocallyConnected2dGeometry): Tensor4D {
  return locallyConnected2d(x, w.kernel, w.bias, geometry);
}
