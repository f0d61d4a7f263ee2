import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fakeCard } from '@/lib/models/testing/fake-card';
import type { Prediction } from '@/lib/inference/types';
import { ReadingStrip } from './ReadingStrip';

const models = fakeCard().models;
const [first, second] = models;
const seven: Prediction = { probs: [0, 0, 0, 0, 0, 0, 0.02, 0.97, 0.01, 0], top: 7, latencyMs: 0.3, backend: 'wasm' };

describe('ReadingStrip', () => {
  it('gives every model shown, whichever they are, one top-digit hook, pending until it reads', () => {
    const html = renderToStaticMarkup(createElement(ReadingStrip, { models, predictions: { [first.id]: seven } }));
    for (const { id } of models) expect(html.match(new RegExp(`data-testid="top-${id}"`, 'g'))).toHaveLength(1);
    expect(html).toMatch(new RegExp(`data-testid="top-${first.id}" data-state="ready" data-top="7"[^>]*>7<`));
    expect(html).toContain('97.0%');
    expect(html).toMatch(new RegExp(`data-testid="top-${second.id}" data-state="pending"[^>]*>–<`));
  });

  it('lays the models out side by side, one column each, and names each reading by its model', () => {
    const html = renderToStaticMarkup(createElement(ReadingStrip, { models: [second], predictions: {} }));
    expect(html).toContain('grid-template-columns:repeat(1, minmax(0, 1fr))');
    expect(html).toContain(`id="result-${second.id}"`);
    expect(html).toContain(second.name);
    expect(html).not.toContain(`top-${first.id}`);
  });
});
