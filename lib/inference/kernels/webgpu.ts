import type { TensorInfo } from '@tensorflow/tfjs-core';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { registerLocallyConnectedKernel, type LcKernelAttrs } from './locally-connected';

/**
 * Locally connected layer as one WGSL compute pass: an invocation per output (b, p, f) sums its
 * patch against position p's weights, read straight from the [P, K, F] kernel (neighbouring
 * invocations read neighbouring weights). Geometry is baked into the shader; tfjs caches the
 * compiled pipeline by shaderKey.
 */
class LocallyConnectedProgram implements WebGPUProgram {
  variableNames = ['lcX', 'lcW', 'lcB'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;

  constructor(
    batch: number,
    private readonly a: LcKernelAttrs,
  ) {
    this.outputShape = [batch, a.outH, a.outW, a.filters];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
    this.shaderKey = `wslLocallyConnected_${a.inH}_${a.inW}_${a.inC}_${a.kh}_${a.kw}_${a.sh}_${a.sw}_${a.outH}_${a.outW}_${a.filters}_${a.activation}`;
  }

  getUserCode(): string {
    const { inH, inW, inC, kh, kw, sh, sw, outH, outW, filters, activation } = this.a;
    const positions = outH * outW;
    const patch = kh * kw * inC;
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let f = index % ${filters};
          let p = (index / ${filters}) % ${positions};
          let n = index / ${filters * positions};
          let oy = p / ${outW};
          let ox = p % ${outW};
          var acc = lcB[p * ${filters} + f];
          for (var i = 0; i < ${kh}; i++) {
            for (var j = 0; j < ${kw}; j++) {
              let xBase = ((n * ${inH} + oy * ${sh} + i) * ${inW} + ox * ${sw} + j) * ${inC};
              let wBase = (p * ${patch} + (i * ${kw} + j) * ${inC}) * ${filters} + f;
              for (var c = 0; c < ${inC}; c++) {
                acc = acc + lcX[xBase + c] * lcW[wBase + c * ${filters}];
              }
            }
          }
          setOutputAtIndex(index, ${activation === 'relu' ? 'max(acc, 0.0)' : 'acc'});
        }
      }
    `;
  }
}

/** Registers this project's custom WebGPU kernels with tfjs-core (idempotent). */
export function registerWebGpuKernels(): void {
  registerLocallyConnectedKernel('webgpu', ({ inputs, backend, attrs }) => {
    const { x, kernel, bias } = inputs as { x: TensorInfo; kernel: TensorInfo; bias: TensorInfo };
    const program = new LocallyConnectedProgram(x.shape[0], attrs as unknown as LcKernelAttrs);
    return (backend as WebGPUBackend).runWebGPUProgram(program, [x, kernel, bias], 'float32');
  });
}
