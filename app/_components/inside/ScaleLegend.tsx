import { gradientCss, type MapScale } from '@/lib/viz/palette';
import { MUTED, VOID } from './theme';

/** A number for a legend's end: 3 significant digits, true minus sign. */
function legendNumber(v: number): string {
  const s = Number(v.toPrecision(3)).toString();
  return v < 0 ? `−${s.slice(1)}` : s;
}

/** The colour scale of a picture: its gradient with the values at both ends (and zero in the middle of a diverging one). */
export function ScaleLegend({ scale, label, showVoid = false }: { scale: MapScale; label: string; showVoid?: boolean }) {
  const low = scale.kind === 'sequential' ? 0 : -scale.max;
  return (
    <div className={`grid gap-1 text-xs ${MUTED}`}>
      <span>{label}</span>
      <div aria-hidden="true" className="h-2.5 w-full max-w-48 rounded-sm" style={{ background: gradientCss(scale.kind) }} />
      <div className="flex max-w-48 justify-between font-mono tabular-nums">
        <span>{legendNumber(low)}</span>
        {scale.kind === 'diverging' && <span>0</span>}
        <span>{legendNumber(scale.max)}</span>
      </div>
      {showVoid && (
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${VOID}`} /> outside the interior (no partner after the
          move)
        </span>
      )}
    </div>
  );
}
