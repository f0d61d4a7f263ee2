import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCard, publishedPrecision } from './card';
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
