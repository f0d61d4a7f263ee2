import { preload } from 'react-dom';
import { WASM_PATHS } from '@/lib/inference/wasm-assets';
import { entryBytes, type ManifestModelEntry } from '@/lib/inference/types';

/**
 * Asks the browser, from the page's <head>, for what the first answer needs: the wasm binary and
 * the smallest model's files. The worker's own requests, made seconds later once its scripts have
 * loaded, then come from the HTTP cache. Called while rendering (React hoists the links).
 */
export function preloadFirstAnswer(models: readonly ManifestModelEntry[]): void {
  const first = [...models].sort((a, b) => entryBytes(a) - entryBytes(b))[0];
  const urls = [WASM_PATHS['tfjs-backend-wasm-simd.wasm'], ...(first ? [first.modelJson.url, ...first.weights.map((w) => w.url)] : [])];
  for (const href of urls) preload(href, { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'low' });
}
