import { describe, expect, it } from 'vitest';
import { fetchModelCards, MODEL_CARDS_PATH } from './cards-client';
import { fakeCard } from './testing/fake-card';

const answering = (response: () => Response) => (async (url: string) => (url === MODEL_CARDS_PATH ? response() : new Response(null, { status: 404 }))) as typeof fetch;

describe('fetchModelCards', () => {
  it('returns the cards the server lists', async () => {
    const models = fakeCard(['cnn', 'mlp']).models;
    const cards = await fetchModelCards(answering(() => Response.json({ models })));
    expect(cards.map((c) => c.id)).toEqual(['cnn', 'mlp']);
    expect(cards[1].shiftGrid).toEqual(models[1].shiftGrid);
  });

  it('says in words what went wrong: the network, the status, the body, the entries', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchModelCards(failing)).rejects.toThrow('The model cards could not be fetched: the network failed.');
    await expect(fetchModelCards(answering(() => Response.json({ error: 'x' }, { status: 503 })))).rejects.toThrow(/server answered 503/);
    await expect(fetchModelCards(answering(() => new Response('<html>')))).rejects.toThrow(/was not JSON/);
    await expect(fetchModelCards(answering(() => Response.json({ models: [{ id: 'cnn' }] })))).rejects.toThrow(/"cnn" is incomplete/);
    await expect(fetchModelCards(answering(() => Response.json(null)))).rejects.toThrow(/a list of models/);
  });
});
