'use client';

import { useCallback } from 'react';
import type { EvidenceChart as Chart } from '@/lib/experiments/evidence';
import { PlotChart, type PlotModule } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';

const HEIGHT = 280;

/** A claim's chart: lines (one per run or per model), a dot per run, a tick at each mean; model hues and symbols as in the cards. */
export function EvidenceChart({ chart }: { chart: Chart }) {
  const draw = useCallback(
    (width: number, Plot: PlotModule) => {
      const faceted = [...chart.dots, ...chart.ticks].some((p) => p.facet !== undefined);
      const fx = faceted ? 'facet' : undefined;
      const band = chart.x.type === 'band';
      return Plot.plot({
        width,
        height: HEIGHT,
        marginLeft: 56,
        marginBottom: 44,
        style: { fontSize: '11px' },
        x: band
          ? { type: 'band', label: faceted ? null : chart.x.label }
          : { type: chart.x.type, label: chart.x.label, labelAnchor: 'center', labelOffset: 36, inset: 12 },
        y: {
          type: chart.y.type,
          label: chart.y.label,
          grid: true,
          domain: chart.y.domain,
          // A log axis ends on powers of ten, so the largest count is not clipped at the edge.
          nice: chart.y.type === 'log',
          tickFormat: chart.y.percent ? '.0%' : '~s',
        },
        fx: faceted ? { label: null } : undefined,
        // The legend of the marks drawn: symbols in their hues where there are dots, else the lines' hues.
        color: { ...modelColorScale(chart.models), legend: chart.dots.length === 0 },
        symbol: { ...modelSymbolScale(chart.models), legend: chart.dots.length > 0 },
        // A mark with no data still claims its scale types (tickY: a band x), so only marks with data are drawn.
        marks: [
          chart.lines.length === 0
            ? null
            : Plot.lineY(chart.lines, {
                x: 'x',
                y: 'y',
                z: (d: Chart['lines'][number]) => d.z ?? d.series,
                stroke: 'series',
                strokeWidth: 2,
                clip: true,
              }),
          chart.ticks.length === 0 ? null : Plot.tickY(chart.ticks, { x: 'x', y: 'y', fx, stroke: 'series', strokeWidth: 2.5 }),
          chart.dots.length === 0
            ? null
            : Plot.dot(chart.dots, {
                x: 'x',
                y: 'y',
                fx,
                stroke: 'series',
                symbol: 'series',
                fill: 'var(--plot-background)',
                r: 3.5,
                clip: true,
                tip: { format: { y: (v: number) => (chart.y.percent ? `${(v * 100).toFixed(2)}%` : v.toLocaleString('en-US')) } },
              }),
        ],
      });
    },
    [chart],
  );
  return <PlotChart draw={draw} label={chart.label} minHeight={HEIGHT + 40} />;
}
