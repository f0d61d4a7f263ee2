import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DigitPreview } from './DigitPreview';

describe('DigitPreview', () => {
  it('is a labelled 28×28 image scaled without smoothing, passing through its test hooks', () => {
    const html = renderToStaticMarkup(
      createElement(DigitPreview, {
        pixels: new Uint8Array(784),
        label: 'The input',
        testId: 'input-preview',
        'data-pixels': 'abc',
        size: 84,
      }),
    );
    expect(html).toMatch(/^<canvas /);
    expect(html).toContain('width="28" height="28"');
    expect(html).toContain('role="img" aria-label="The input"');
    expect(html).toContain('data-testid="input-preview"');
    expect(html).toContain('data-pixels="abc"');
    expect(html).toContain('width:84px;height:84px;image-rendering:pixelated');
  });
});
