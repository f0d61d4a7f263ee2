/**
 * The tfjs-wasm binaries, as assets the bundler emits (hashed, under /_next/static/media): the
 * worker hands them to the wasm backend, and the lab page preloads the SIMD one (the build every
 * current browser runs) so that it is on its way before the worker has even started.
 */
export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', import.meta.url).href,
  'tfjs-backend-wasm-simd.wasm': new URL(
    '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
    import.meta.url,
  ).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(
    '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
    import.meta.url,
  ).href,
};
