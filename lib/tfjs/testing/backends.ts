import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { setupNodeWasm } from '../node-wasm';

/** Backends the model tests run on in Node. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** Makes a test backend the active one (wasm loads its binary from node_modules). */
export async function setTestBackend(name: (typeof TEST_BACKENDS)[number]): Promise<void> {
  if (name === 'wasm') await setupNodeWasm();
  if (!(await setBackend(name))) throw new Error(`backend ${name} unavailable`);
}
