import { describe, expect, it } from 'vitest';
import { modelFacts } from './card';
import { fetchLabModels, LAB_MODELS_PATH, parseLabModels } from './lab-models-client';
import { fakeCard } from './testing/fake-card';

const file = (key: string) => ({ key, url: `/blob/${key}`, bytes: 10, sha256: 'a'.repeat(64) });
const labModels = () =>
  fakeCard(['cnn', 'lcn']).models.map((card) => ({
    id: card.id,
    cardJson: file(`models/${card.id}/card.json`),
    modelJson: file(`models/${card.id}/model.json`),
    weights: [file(`models/${card.id}/weights.bin`)],
    card: modelFacts(card),
  }));

const answering = (response: () => Response) => (async (url: string) => (url === LAB_MODELS_PATH ? response() : new Response(null, { status: 404 }))) as typeof fetch;

describe('fetchLabModels', () => {
  it('returns the models the server lists, files and facts as sent', async () => {
    const models = labModels();
    expect(await fetchLabModels(answering(() => Response.json({ models })))).toEqual(models);
  });

  it('says in words what went wrong, naming the field at fault', async () => {
    await expect(fetchLabModels(answering(() => Response.json({ error: 'x' }, { status: 503 })))).rejects.toThrow(
      'The models could not be fetched: the server answered 503.',
    );
    const [first] = labModels();
    const noParams = { ...first, card: { ...first.card, params: 'many' } };
    await expect(fetchLabModels(answering(() => Response.json({ models: [noParams] })))).rejects.toThrow(
      /^The models could not be read: models\.0\.card\.params: .*number/,
    );
    expect(() => parseLabModels({ models: [{ ...first, weights: [] }] })).toThrow(/^models\.0\.weights: /);
    expect(() => parseLabModels({ models: [] })).toThrow(/^models: /);
    expect(() => parseLabModels(null)).toThrow(/^the answer: /);
  });
});
