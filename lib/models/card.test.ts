import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFacts, parseCard, parseModelCards, publishedPrecision } from './card';
import { fakeCard } from './testing/fake-card';

describe('parseCard and the published precision', () => {
  it('reads cards written before quantised publishing, the committed one among them: their models go out as float32', () => {
    expect(() => parseCard(JSON.parse(readFileSync(new URL('../../models/card.json', import.meta.url), 'utf8')))).not.toThrow();
    for (const model of parseCard(fakeCard()).models) {
      expect(model.precisions).toBeUndefined();
      expect(publishedPrecision(model)).toBe('float32');
    }
  });

  it('takes the precision a card chose and refuses one it does not know', () => {
    const card = fakeCard(['lcn']);
    card.models[0].precision = 'uint8';
    expect(publishedPrecision(parseCard(card).models[0])).toBe('uint8');
    expect(() => parseCard({ ...card, models: [{ ...card.models[0], precision: 'int4' }] })).toThrow(/unknown precision "int4"/);
  });
});

describe('modelFacts', () => {
  it('keeps what the lab shows and drops only the charts’ data, leaving the card as it was', () => {
    const card = fakeCard(['cnn']).models[0];
    card.precision = 'uint8';
    const before = structuredClone(card);
    const facts = modelFacts(card);
    expect(card).toEqual(before);
    for (const key of ['training', 'confusion', 'perClassAccuracy', 'shiftGrid', 'consistency', 'precisions']) expect(facts).not.toHaveProperty(key);
    expect(facts).toMatchObject({ id: 'cnn', name: card.name, params: card.params, testAccuracy: card.testAccuracy, precision: 'uint8', factors: card.factors });
    // A few hundred bytes instead of kilobytes: what the page carries per model.
    expect(JSON.stringify(facts).length).toBeLessThan(JSON.stringify(card).length / 4);
  });
});

describe('parseModelCards', () => {
  it('takes a list of complete entries and names what is wrong with any other', () => {
    const models = fakeCard(['cnn', 'lcn']).models;
    expect(parseModelCards(models).map((m) => m.id)).toEqual(['cnn', 'lcn']);
    expect(() => parseModelCards({ models })).toThrow(/a list of models/);
    expect(() => parseModelCards([{ ...models[0], shiftGrid: [1] }])).toThrow(/"cnn" is incomplete/);
  });
});
