import { fetchChecked } from '@/lib/http/fetch-checked';
import { parseModelCards, type ModelCard } from './card';

/** Where the app serves every published model's full card (app/api/models/cards). */
export const MODEL_CARDS_PATH = '/api/models/cards';

/**
 * Every published model's full card, from the app's own server, checked: the model cards section
 * fetches them when it comes into view, so the lab's page carries only each card's facts.
 * @throws with a message for people when the server does not answer or answers something else.
 */
export function fetchModelCards(fetchFn: typeof fetch = fetch): Promise<ModelCard[]> {
  return fetchChecked(MODEL_CARDS_PATH, 'The model cards', (json) => parseModelCards((json as { models?: unknown } | null)?.models), fetchFn);
}
