import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fakeCard } from '@/lib/models/testing/fake-card';
import { MODEL_IDS } from '@/lib/models/ids';
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
    expect(html).toMatch(/At 2 px — dense head: CNN \d+\.\d% vs LCN \d+\.\d%\./);
    expect(html).toContain('Steps to reach 98% test accuracy: CNN 600, LCN not reached — the CNN got there first.');
  });

  it('shows the whole zoo in the shift charts and the pair in the others', () => {
    const zoo = fakeCard(MODEL_IDS).models;
    const pair = zoo.filter((m) => m.id === 'cnn-gap' || m.id === 'lcn-gap');
    const page = renderToStaticMarkup(createElement(ModelCards, { models: zoo, pair }));
    const section = (id: string) =>
      page.slice(page.indexOf(`id="card-${id}-heading"`), page.indexOf('</section>', page.indexOf(`id="card-${id}-heading"`)));
    for (const id of ['distance', 'consistency']) for (const m of zoo) expect(section(id)).toContain(`>${m.name}</th>`);
    expect(section('consistency')).toContain('global average pooling: CNN-GAP');
    expect(section('consistency')).toContain('no locality: MLP');
    expect(section('generalisation')).toContain('CNN-GAP');
    expect(section('generalisation')).not.toContain('>CNN<');
    expect(page).toContain('All 7 models were trained with one recipe');
    expect(page).toContain('the others compare CNN-GAP and LCN-GAP');
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
