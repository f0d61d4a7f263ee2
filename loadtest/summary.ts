import { quantile } from '../lib/inference/latency-stats';

/** What one route's share of the load test measured (a subset of autocannon's result). */
export interface RouteMeasurement {
  route: string;
  clients: number;
  /** Requests each client makes per second at most (autocannon: a whole number), or null for as fast as answered. */
  ratePerClient: number | null;
  durationSeconds: number;
  requests: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
}

/** Median, 99th percentile and maximum of `ms` (every response's latency). */
export function latencySummary(ms: readonly number[]): RouteMeasurement['latencyMs'] {
  // Not Math.max(...ms): a closed-loop run may record more latencies than a call can take arguments.
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms.length ? ms.reduce((a, b) => Math.max(a, b)) : Number.NaN };
}

export interface RouteSummary {
  route: string;
  clients: number;
  pace: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: string;
  fiveHundreds: number;
  errors: number;
}

/** One row per route: throughput, p50/p99, status counts, 5xx and transport errors. */
export function summarise(measurements: RouteMeasurement[]): RouteSummary[] {
  return measurements.map((m) => ({
    route: m.route,
    clients: m.clients,
    pace: m.ratePerClient === null ? 'closed loop' : `${m.ratePerClient}/s each`,
    requestsPerSecond: round(m.requests / m.durationSeconds, 1),
    p50Ms: round(m.latencyMs.p50, 1),
    p99Ms: round(m.latencyMs.p99, 1),
    statuses: Object.entries(m.statuses)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]) => `${count} × ${code}`)
      .join(', '),
    fiveHundreds: Object.entries(m.statuses).reduce((sum, [code, count]) => sum + (code.startsWith('5') ? count : 0), 0),
    errors: m.errors + m.timeouts,
  }));
}

/** A Markdown table of `summarise`'s rows. */
export function markdownTable(rows: RouteSummary[]): string {
  const header =
    '| route | clients | pace | req/s | p50 ms | p99 ms | responses | 5xx | errors |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.route} | ${r.clients} | ${r.pace} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.statuses} | ${r.fiveHundreds} | ${r.errors} |`,
  );
  return [header, ...lines].join('\n');
}

function round(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}
