import { z } from 'zod';
import { fetchChecked } from '@/lib/http/fetch-checked';
import { manifestModelSchema, type LabModel } from '@/lib/storage/manifest';
import type { ModelFacts } from './card';

/** Where the app serves every published model with its card's facts (app/api/models). */
export const LAB_MODELS_PATH = '/api/models';

/** The files the engine loads, checked in full; of the card's facts, those the lab reckons with. */
const labModelsSchema = z.object({
  models: z
    .array(
      manifestModelSchema.extend({
        card: z.looseObject({ id: z.string(), name: z.string(), weightSharing: z.boolean(), params: z.number(), testAccuracy: z.number() }),
      }),
    )
    .min(1),
});

/** Reads the lab's models from the JSON `/api/models` answers. @throws naming the first field at fault. */
export function parseLabModels(json: unknown): LabModel[] {
  const parsed = labModelsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.') || 'the answer'}: ${issue.message}`);
  }
  return parsed.data.models.map((m) => ({ ...m, card: m.card as unknown as ModelFacts }));
}

/**
 * The published models, from the app's own server: the lab's page is served as built, so it asks
 * for them (the proxy has the browser start this request with the page; proxy.ts).
 * @throws with a message for people when the server does not answer or answers something else.
 */
export function fetchLabModels(fetchFn: typeof fetch = fetch): Promise<LabModel[]> {
  return fetchChecked(LAB_MODELS_PATH, 'The models', parseLabModels, fetchFn);
}
