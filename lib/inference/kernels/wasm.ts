import { backend as activeBackend, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerLocallyConnectedKernel, type LcKernelAttrs } from './locally-connected';
import { LOCALLY_CONNECTED_WASM_BASE64 } from './locally-connected-wasm';

/**
 * Locally connected layer on tfjs-wasm: assembly/locally-connected.ts, compiled to WebAssembly SIMD,
 * runs inside tfjs-wasm's own heap (it imports that memory), so it reads the input and the
 * [P, K, F] weights where tfjs keeps them and writes straight into the output tensor: no copies.
 * tfjs-wasm's own ops cannot express the per-position product well (batched matMul runs on a
 * scalar path); this register-blocked product costs what XNNPACK's conv2d with the same
 * multiply-adds costs (bench/lc-layouts.md).
 */

type LocallyConnectedFn = (
  x: number, w: number, bias: number, out: number, batch: number,
  inH: number, inW: number, inC: number, kh: number, kw: number, sh: number, sw: number,
  outH: number, outW: number, filters: number, relu: number,
) => void;

/** The kernel's register blocks are 8 filters wide (assembly/locally-connected.ts). */
const FILTER_BLOCK = 8;

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<BackendWasm, LocallyConnectedFn | null>();

/**
 * tfjs-wasm's heap. The single-threaded build exports it; a threaded build would share it between
 * workers, which this module's non-shared import cannot bind to (backends.ts keeps threads off).
 */
function heapOf(backend: BackendWasm): WebAssembly.Memory | null {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer ? null : memory;
}

/** The compiled kernel module, or null where WebAssembly SIMD is missing (compiled once). */
function compiledKernel(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(LOCALLY_CONNECTED_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null; // the depthwise path serves
    }
  }
  return compiled;
}

/** The kernel bound to `backend`'s heap, or null where it cannot run (no SIMD, shared heap). */
function kernelFor(backend: BackendWasm): LocallyConnectedFn | null {
  if (!instances.has(backend)) {
    let fn: LocallyConnectedFn | null = null;
    const memory = heapOf(backend);
    const wasmModule = memory && compiledKernel();
    try {
      if (wasmModule) fn = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports.locallyConnected as LocallyConnectedFn;
    } catch {
      fn = null; // a heap this build cannot import: the depthwise path serves
    }
    instances.set(backend, fn);
  }
  return instances.get(backend) ?? null;
}

/** Registers this project's custom wasm kernels with tfjs-core (idempotent). */
export function registerWasmKernels(): void {
  registerLocallyConnectedKernel(
    'wasm',
    ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const { x, kernel, bias } = inputs as { x: TensorInfo; kernel: TensorInfo; bias: TensorInfo };
      const a = attrs as unknown as LcKernelAttrs;
      const batch = x.shape[0];
      const run = kernelFor(wasm);
      if (!run) throw new Error('the locally connected WebAssembly kernel cannot run on this wasm backend');
      const out = wasm.makeOutput([batch, a.outH, a.outW, a.filters], 'float32');
      const at = (t: TensorInfo) => wasm.getMemoryOffset(t.dataId);
      run(at(x), at(kernel), at(bias), at(out), batch, a.inH, a.inW, a.inC, a.kh, a.kw, a.sh, a.sw, a.outH, a.outW, a.filters, a.activation === 'relu' ? 1 : 0);
      return out;
    },
    (attrs) => attrs.filters % FILTER_BLOCK === 0 && kernelFor(activeBackend() as BackendWasm) !== null,
  );
}
