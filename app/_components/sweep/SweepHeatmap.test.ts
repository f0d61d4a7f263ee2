import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NUM_CLASSES, SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { shiftGridIndex } from '@/lib/digits/shift';
import type { SweepResult } from '@/lib/inference/types';
import { contrastRatio } from '@/lib/viz/color';
import { SweepHeatmap, type SweepHeatmapProps } from './SweepHeatmap';

/** A sweep reading 7 near the centre and 1 elsewhere, confidence rising towards the centre. */
function fakeSweep(): SweepResult {
  const tops = new Uint8Array(SHIFT_GRID_CELLS);
  const probs = new Float32Array(SHIFT_GRID_CELLS * NUM_CLASSES);
  for (let cell = 0; cell < SHIFT_GRID_CELLS; cell++) {
    tops[cell] = cell % 17 < 12 ? 7 : 1;
    probs[cell * NUM_CLASSES + tops[cell]] = (cell % 10) / 10 + 0.05;
  }
  return { tops, probs, ms: 12, method: 'equivariant', backend: 'wasm' };
}

function render(props: Partial<SweepHeatmapProps> = {}): string {
  return renderToStaticMarkup(
    createElement(SweepHeatmap, {
      modelId: 'cnn',
      sweep: fakeSweep(),
      expected: 7,
      selected: { dx: 3, dy: -2 },
      onSelect: () => {},
      color: 'shared',
      ...props,
    }),
  );
}

const cellsOf = (html: string) => [...html.matchAll(/<div[^>]*role="gridcell"[^>]*>/g)].map((m) => m[0]);

describe('SweepHeatmap', () => {
  it('exposes the 289 top-1 digits row-major on the test hook', () => {
    const sweep = fakeSweep();
    const html = render({ sweep });
    expect(html).toContain('data-testid="sweep-cnn"');
    const tops = /data-tops="(\d+)"/.exec(html)?.[1];
    expect(tops).toHaveLength(SHIFT_GRID_CELLS);
    expect(tops).toBe(Array.from(sweep.tops).join(''));
  });

  it('renders a 17×17 ARIA grid whose cells name their shift and reading', () => {
    const html = render();
    expect(html).toContain('role="grid"');
    expect(html.match(/role="row"/g)).toHaveLength(17);
    const cells = cellsOf(html);
    expect(cells).toHaveLength(SHIFT_GRID_CELLS);
    const cell = cells[shiftGridIndex(-5, 4)];
    expect(cell).toMatch(/aria-label="dx −5, dy \+4: reads 7, \d+%"/);
    expect(cells[shiftGridIndex(4, 0)]).toMatch(/reads 1, not 7/);
  });

  it('outlines the selected shift and makes it the one tab stop', () => {
    const cells = cellsOf(render({ selected: { dx: 3, dy: -2 } }));
    const selected = shiftGridIndex(3, -2);
    cells.forEach((cell, index) => {
      expect(cell).toContain(`aria-selected="${index === selected}"`);
      expect(cell).toContain(`tabindex="${index === selected ? 0 : -1}"`);
    });
  });

  it('keeps every cell digit at AA contrast on its fill, in both colour schemes', () => {
    for (const color of ['shared', 'unshared'] as const) {
      for (const cell of cellsOf(render({ color }))) {
        const [, fill, ink, fillDark, inkDark] =
          /--fill:(#[0-9a-f]{6});--ink:(#[0-9a-f]{6});--fill-dark:(#[0-9a-f]{6});--ink-dark:(#[0-9a-f]{6})/.exec(cell) ?? [];
        expect(contrastRatio(fill, ink)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(fillDark, inkDark)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('summarises the share of shifts still read as the expected digit', () => {
    // 12 of 17 columns read 7.
    expect(render()).toMatch(/71%<\/span> of shifts still read as.*7.*\(204 of 289\)/);
  });

  it('shows a placeholder and no tops without a sweep', () => {
    const html = render({ sweep: null });
    expect(html).toContain('data-testid="sweep-cnn"');
    expect(html).not.toContain('data-tops');
    expect(html).not.toContain('role="grid"');
  });
});
