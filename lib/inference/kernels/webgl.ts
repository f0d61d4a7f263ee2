import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { registerLocallyConnectedKernel, type LcKernelAttrs } from './locally-connected';

/**
 * Locally connected layer as one fragment-shader pass: each output texel (b, oy, ox, f) sums its
 * patch against position p = oy·outW + ox's weights from the [P, K, F] kernel.
 */
class LocallyConnectedProgram implements GPGPUProgram {
  variableNames = ['X', 'W', 'B'];
  outputShape: number[];
  userCode: string;

  constructor(batch: number, { inC, kh, kw, sh, sw, outH, outW, filters, activation }: LcKernelAttrs) {
    this.outputShape = [batch, outH, outW, filters];
    this.userCode = `
      void main() {
        ivec4 coords = getOutputCoords();
        int n = coords[0];
        int oy = coords[1];
        int ox = coords[2];
        int f = coords[3];
        int p = oy * ${outW} + ox;
        float acc = getB(p, f);
        for (int i = 0; i < ${kh}; i++) {
          for (int j = 0; j < ${kw}; j++) {
            for (int c = 0; c < ${inC}; c++) {
              acc += getX(n, oy * ${sh} + i, ox * ${sw} + j, c) * getW(p, (i * ${kw} + j) * ${inC} + c, f);
            }
          }
        }
        setOutput(${activation === 'relu' ? 'max(acc, 0.0)' : 'acc'});
      }
    `;
  }
}

/** Registers this project's custom WebGL kernels with tfjs-core (idempotent). */
export function registerWebGlKernels(): void {
  registerLocallyConnectedKernel('webgl', ({ inputs, backend, attrs }) => {
    const { x, kernel, bias } = inputs as { x: TensorInfo; kernel: TensorInfo; bias: TensorInfo };
    const program = new LocallyConnectedProgram(x.shape[0], attrs as unknown as LcKernelAttrs);
    return (backend as MathBackendWebGL).runWebGLProgram(program, [x, kernel, bias], 'float32');
  });
}
