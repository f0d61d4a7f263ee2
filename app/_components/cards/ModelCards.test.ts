import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fakeCard } from '@/lib/models/testing/fake-card';
import { ModelCards } from './ModelCards';

const sectionIds = ['parameters', 'generalisation', 'shift-grid', 'distance', 'consistency', 'training', 'per-class'];

describe('ModelCards', () => {
  const html = renderToStaticMarkup(createElement(ModelCards, { models: fakeCard().models }));

  it('renders on the server with every section, each a captioned figure with its numbers', () => {
    for (const id of sectionIds) expect(html).toContain(`aria-labelledby="card-${id}-heading"`);
    expect(html.match(/<figcaption/g)).toHaveLength(sectionIds.length);
    expect(html.match(/<summary/g)?.length).toBeGreaterThanOrEqual(sectionIds.length);
  });

  it('labels every chart for screen readers', () => {
    const charts = [...html.matchAll(/<div role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(charts.length).toBeGreaterThanOrEqual(sectionIds.length);
    for (const label of charts) expect(label.length).toBeGreaterThan(20);
  });

  it('states the parameter ratio and the distance definition from the data', () => {
    expect(html).toContain('58× the parameters');
    expect(html).toContain('max(|dx|, |dy|) (Chebyshev)');
    expect(html).toMatch(/At 2 px: CNN \d+\.\d%, LCN \d+\.\d%/);
    expect(html).toContain('Steps to reach 98% test accuracy: CNN 600, LCN not reached — the CNN got there first.');
  });

  it('copes with a card that has only one model so far', () => {
    const single = renderToStaticMarkup(createElement(ModelCards, { models: fakeCard(['cnn']).models }));
    expect(single).toContain('card-parameters-heading');
    expect(single).not.toContain('the parameters of the');
  });

  it('says so when no model has been evaluated', () => {
    expect(renderToStaticMarkup(createElement(ModelCards, { models: [] }))).toContain('No trained model');
  });
});
