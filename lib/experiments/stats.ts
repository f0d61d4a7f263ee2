import { studentTCdf } from './student-t';

/** Mean and sample standard deviation (n − 1) of a few runs; sd is 0 for a single run. */
export interface MeanSd {
  mean: number;
  sd: number;
  n: number;
}

/** Mean ± sample standard deviation; throws on no values or a value that is not a finite number. */
export function meanSd(values: readonly number[]): MeanSd {
  if (values.length === 0) throw new RangeError('meanSd needs at least one value');
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`meanSd needs finite numbers, got ${bad}`);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(variance), n };
}

/** Welch's unequal-variance t-test of mean(a) − mean(b): t, Welch–Satterthwaite df, two-sided p. */
export interface WelchTest {
  t: number;
  df: number;
  p: number;
}

/**
 * Welch's t-test. With no spread on either side (every seed gave the same number) the test is
 * degenerate: equal means give p = 1, different means p = 0 (t = ±∞, df = n_a + n_b − 2).
 * Throws when a side has fewer than two values: there is no spread to test against.
 */
export function welchTest(a: readonly number[], b: readonly number[]): WelchTest {
  if (a.length < 2 || b.length < 2) throw new RangeError(`welchTest needs at least two values a side, got ${a.length} and ${b.length}`);
  const x = meanSd(a);
  const y = meanSd(b);
  const va = x.sd ** 2 / x.n;
  const vb = y.sd ** 2 / y.n;
  const diff = x.mean - y.mean;
  if (va + vb === 0) {
    return diff === 0 ? { t: 0, df: x.n + y.n - 2, p: 1 } : { t: Math.sign(diff) * Infinity, df: x.n + y.n - 2, p: 0 };
  }
  const t = diff / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1));
  return { t, df, p: 2 * studentTCdf(-Math.abs(t), df) };
}

/**
 * Whether a difference is larger than the seeds' spread: the two sets of runs do not overlap
 * (every run of one side is above every run of the other). A reader can check it on the dots.
 */
export function exceedsSpread(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return Math.min(...a) > Math.max(...b) || Math.min(...b) > Math.max(...a);
}

/** Significance level of the comparisons. */
export const SIGNIFICANCE = 0.05;

/** How two sets of runs compare: which side is clearly higher, if either. */
export interface Comparison {
  a: MeanSd;
  b: MeanSd;
  /** mean(a) − mean(b). */
  difference: number;
  /** null with fewer than two runs a side. */
  welch: WelchTest | null;
  exceedsSpread: boolean;
  /** 'a' or 'b' when that side is higher with p < SIGNIFICANCE and beyond the seeds' spread; else 'neither'. */
  higher: 'a' | 'b' | 'neither';
}

/** Compares two sets of runs of one measure (e.g. test accuracy of two models over the same seeds). */
export function compare(a: readonly number[], b: readonly number[]): Comparison {
  const x = meanSd(a);
  const y = meanSd(b);
  const welch = a.length >= 2 && b.length >= 2 ? welchTest(a, b) : null;
  const spread = exceedsSpread(a, b);
  const clear = welch !== null && welch.p < SIGNIFICANCE && spread;
  const difference = x.mean - y.mean;
  return { a: x, b: y, difference, welch, exceedsSpread: spread, higher: clear ? (difference > 0 ? 'a' : 'b') : 'neither' };
}
