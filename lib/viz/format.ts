/** Short labels for charts. Pure; no locale, so server and browser render the same text. */

/** A shift for display and screen readers: "+4", "−5" (true minus sign), "0". */
export function formatShift(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${-value}`;
  return '0';
}

/** A percentage that fits above a narrow bar: "98%", "4%", and "<1%" rather than a misleading "0%". */
export function compactPercent(fraction: number): string {
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}

/** A ratio in words: 58.0 → "58×", 1.5 → "1.5×". */
export function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

/** A signed difference in percentage points: 0.0123 → "+1.23 pp", −0.004 → "−0.40 pp". */
export function formatPoints(fraction: number, digits = 2): string {
  const points = (fraction * 100).toFixed(digits);
  return fraction < 0 ? `−${points.slice(1)} pp` : `+${points} pp`;
}
