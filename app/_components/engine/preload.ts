import { preload } from 'react-dom';
import { firstModelUrls } from '@/lib/inference/first-answer';
import type { ManifestModelEntry } from '@/lib/inference/types';
import { WASM_PATHS } from '@/lib/inference/wasm-assets';

/**
 * Asks the browser, from the page's <head>, for what the first answer needs: the wasm binary and
 * the smallest model's files. The worker's own requests, made seconds later once its scripts have
 * loaded, then come from the HTTP cache. Called while rendering (React hoists the links); with no
 * models yet (the lab's own page as built), just the wasm binary: the proxy names the model files
 * with that page's response (proxy.ts).
 */
export function preloadFirstAnswer(models: readonly ManifestModelEntry[]): void {
  for (const href of [WASM_PATHS['tfjs-backend-wasm-simd.wasm'], ...firstModelUrls(models)])
    preload(href, { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'low' });
}
