'use client';

import { useEffect, useRef, useState } from 'react';
import { useContainerWidth } from './useContainerWidth';

/** Observable Plot, loaded on demand: it is ~100 KB gzip the first prediction does not need. */
export type PlotModule = typeof import('@observablehq/plot');

let plotModule: Promise<PlotModule> | null = null;
const loadPlot = () => (plotModule ??= import('@observablehq/plot'));

export interface PlotChartProps {
  /** Draws the chart for a width in CSS px with Observable Plot (handed in once it has loaded). */
  draw(width: number, plot: PlotModule): Element;
  /** What the chart shows, read by screen readers in place of the drawing. */
  label: string;
  /** Height reserved before the first draw, px, so the page doesn't jump. */
  minHeight: number;
}

/**
 * An SVG chart that fills its container's width and redraws when that changes. Plot is fetched when
 * the chart comes within a screen of the viewport. The drawing is one image to assistive technology
 * (role="img" + label); each section offers its numbers as a table.
 */
export function PlotChart({ draw, label, minHeight }: PlotChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(ref);
  const [plot, setPlot] = useState<PlotModule | null>(null);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let live = true;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        loadPlot().then((module) => live && setPlot(module));
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(container);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, []);

  useEffect(() => {
    const container = ref.current;
    if (!container || !plot || width === 0) return;
    const chart = draw(width, plot);
    // Plot labels its <g> groups with aria-label, which ARIA forbids on a role-less <g> (axe: serious);
    // the container already speaks for the whole drawing, so the drawing stays silent.
    for (const labelled of chart.querySelectorAll('[aria-label], [aria-description]')) {
      labelled.removeAttribute('aria-label');
      labelled.removeAttribute('aria-description');
    }
    chart.setAttribute('aria-hidden', 'true');
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [draw, width, plot]);

  // data-plot: globals.css gives Plot's --plot-background (tips, hollow marks) the panel colour of either scheme.
  return <div ref={ref} role="img" aria-label={label} data-plot className="w-full min-w-0 text-slate-700" style={{ minHeight }} />;
}
