import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Binds this project's WebAssembly kernels (assembly/, shipped as base64 modules) to tfjs-wasm's
 * own heap: each module imports that memory, so a kernel reads its inputs where tfjs keeps them and
 * writes straight into the output tensor, with no copies.
 */

/**
 * tfjs-wasm's heap. The single-threaded build exports it; a threaded build would share it between
 * workers, which these modules' non-shared import cannot bind to (backends.ts keeps threads off).
 */
function heapOf(backend: BackendWasm): WebAssembly.Memory | null {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer ? null : memory;
}

/**
 * A module's exports, instantiated once per backend on its heap: `(backend) => exports`, or null
 * where they cannot run (no WebAssembly SIMD, a shared heap). The module compiles on first use.
 */
export function heapKernels<Exports>(base64: string): (backend: BackendWasm) => Exports | null {
  let compiled: WebAssembly.Module | null | undefined;
  const instances = new WeakMap<BackendWasm, Exports | null>();
  return (backend) => {
    if (!instances.has(backend)) {
      let exports: Exports | null = null;
      const memory = heapOf(backend);
      if (memory && compiled === undefined) {
        try {
          compiled = new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
        } catch {
          compiled = null; // no SIMD here: the tfjs-op paths serve
        }
      }
      try {
        if (memory && compiled) exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as Exports;
      } catch {
        exports = null; // a heap this build cannot import: the tfjs-op paths serve
      }
      instances.set(backend, exports);
    }
    return instances.get(backend) ?? null;
  };
}
