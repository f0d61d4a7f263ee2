import { parseModelCards, type ModelCard } from './card';

/** Where the app serves every published model's full card (app/api/models/cards). */
export const MODEL_CARDS_PATH = '/api/models/cards';

/**
 * Every published model's full card, from the app's own server, checked: the model cards section
 * fetches them when it comes into view, so the lab's page carries only each card's facts.
 * @throws with a message for people when the server does not answer or answers something else.
 */
export async function fetchModelCards(fetchFn: typeof fetch = fetch): Promise<ModelCard[]> {
  let response: Response;
  try {
    response = await fetchFn(MODEL_CARDS_PATH);
  } catch {
    throw new Error('The model cards could not be fetched: the network failed.');
  }
  if (!response.ok) throw new Error(`The model cards could not be fetched: the server answered ${response.status}.`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error('The model cards could not be read: the answer was not JSON.');
  }
  try {
    return parseModelCards((json as { models?: unknown } | null)?.models);
  } catch (error) {
    throw new Error(`The model cards could not be read: ${(error as Error).message}.`);
  }
}
