import { firstModelUrls } from '@/lib/inference/first-answer';
import type { EngineManifest } from '@/lib/inference/types';
import { LAB_MODELS_PATH } from '@/lib/models/lab-models-client';
import { parseLabQuery, searchParamsOf } from '@/lib/share/lab-query';

/**
 * The `Link` header the lab's page is served with: the browser fetches, as it receives the page,
 * the published models' list (the page asks for it as it starts) and the files of the model that
 * will answer first among those the address asks for (`search`, a lab link) — what a page rendered
 * per request would name in its <head>. Without a manifest (none published yet), just the list.
 * The requests match the ones the page and worker make (fetch(): CORS, no credentials).
 */
export function labPagePreloads(search: string, manifest: EngineManifest | null): string {
  const models = manifest?.models ?? [];
  const { pair } = parseLabQuery(
    searchParamsOf(search),
    models.map((m) => m.id),
  ).state;
  const first = firstModelUrls(pair.flatMap((id) => models.filter((m) => m.id === id)));
  return [
    `<${LAB_MODELS_PATH}>; rel=preload; as=fetch; crossorigin=anonymous`,
    // Low, as the page's own preload of them was: the page's scripts come first.
    ...first.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous; fetchpriority=low`),
  ].join(', ');
}
