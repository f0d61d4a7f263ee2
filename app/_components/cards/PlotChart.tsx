'use client';

import { useEffect, useRef } from 'react';
import { useContainerWidth } from './useContainerWidth';

export interface PlotChartProps {
  /** Draws the chart for a width in CSS px, e.g. with Observable Plot's `plot()`. */
  draw(width: number): Element;
  /** What the chart shows, read by screen readers in place of the drawing. */
  label: string;
  /** Height reserved before the first draw, px, so the page doesn't jump. */
  minHeight: number;
}

/**
 * An SVG chart that fills its container's width and redraws when that changes. The drawing is one
 * image to assistive technology (role="img" + label); each section offers its numbers as a table.
 */
export function PlotChart({ draw, label, minHeight }: PlotChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(ref);

  useEffect(() => {
    const container = ref.current;
    if (!container || width === 0) return;
    const chart = draw(width);
    // Plot labels its <g> groups with aria-label, which ARIA forbids on a role-less <g> (axe: serious);
    // the container already speaks for the whole drawing, so the drawing stays silent.
    for (const labelled of chart.querySelectorAll('[aria-label], [aria-description]')) {
      labelled.removeAttribute('aria-label');
      labelled.removeAttribute('aria-description');
    }
    chart.setAttribute('aria-hidden', 'true');
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [draw, width]);

  return <div ref={ref} role="img" aria-label={label} className="w-full min-w-0 text-slate-700" style={{ minHeight }} />;
}
