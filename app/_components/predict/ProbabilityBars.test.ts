import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProbabilityBars } from './ProbabilityBars';

const probs = [0.001, 0.01, 0.002, 0.003, 0.004, 0.005, 0.006, 0.95, 0.009, 0.01];

describe('ProbabilityBars', () => {
  const html = renderToStaticMarkup(createElement(ProbabilityBars, { probs, top: 7, color: 'unshared', label: 'LCN probabilities' }));

  it('gives screen readers a captioned table of all ten probabilities, the top one marked', () => {
    expect(html).toContain('<caption>LCN probabilities</caption>');
    expect(html.match(/<th scope="row">/g)).toHaveLength(10);
    expect(html).toContain('<th scope="row">7 (top)</th><td>95.0%</td>');
  });

  it('draws one bar a digit, hides the bars from screen readers and highlights the top bar', () => {
    expect(html).toContain('aria-hidden="true"');
    expect(html.match(/height:max\(2px, /g)).toHaveLength(10);
    expect(html.match(/class="w-full rounded-sm bg-unshared"/g)).toHaveLength(1);
    expect(html).toContain('>&lt;1%<');
  });
});
