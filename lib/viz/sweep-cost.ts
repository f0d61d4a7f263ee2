/** One model's sweep time, as the sweep panel compares them. */
export interface SweepTime {
  name: string;
  /** Wall time of its sweep of the current digit, ms; undefined until it is in. */
  ms: number | undefined;
}

/**
 * How many times as long the slower of two sweeps took as the faster, once both are in (e.g.
 * "the LCN took 11× as long as the CNN"); null for any other number of models or a missing time.
 */
export function sweepRatio(times: readonly SweepTime[]): { slower: string; faster: string; ratio: number } | null {
  if (times.length !== 2) return null;
  const [a, b] = times;
  if (!(a.ms! > 0) || !(b.ms! > 0)) return null;
  const [faster, slower] = a.ms! <= b.ms! ? [a, b] : [b, a];
  return { slower: slower.name, faster: faster.name, ratio: slower.ms! / faster.ms! };
}
