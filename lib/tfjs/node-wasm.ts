import { createRequire } from 'node:module';
import path from 'node:path';
import { setBackend } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '@/lib/inference/kernels/wasm';
import { installWasmConvGradients } from './wasm-conv-gradients';

let ready: Promise<void> | null = null;

/** Directory prefix of the tfjs wasm binaries in node_modules (for `setWasmPaths` in Node). */
export function nodeWasmPaths(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Selects the tfjs wasm backend in Node (training, evaluation, experiments, tests): loads the
 * binaries from node_modules, installs the convolution gradients tfjs-wasm lacks and the lab's own
 * locally connected kernel (so evaluation runs the code the lab runs). Idempotent.
 */
export function setupNodeWasm(): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(nodeWasmPaths());
    installWasmConvGradients();
    registerWasmKernels();
    const ok = await setBackend('wasm');
    if (!ok) throw new Error('Could not initialise the tfjs wasm backend');
  })();
  return ready;
}
