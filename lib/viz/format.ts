/** Human-readable numbers and labels for the UI. Pure; locale fixed, so server and browser render the same text. */

/** A shift for display and screen readers: "+4", "−5" (true minus sign), "0". */
export function formatShift(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${-value}`;
  return '0';
}

/** An axis tick for a shift, written only every fourth pixel ("−8", "−4", "0", "+4", "+8") so 17 ticks stay legible on a phone. */
export function sparseShiftTick(shift: number): string {
  return shift % 4 === 0 ? formatShift(shift) : '';
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

/** 0.9912 → "99.1%" (digits after the point configurable). */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Milliseconds with precision that suits the size: 0.42 ms, 3.1 ms, 41 ms, 1.2 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Bytes in binary units: 73.5 KB, 4.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
