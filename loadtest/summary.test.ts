import { describe, expect, it } from 'vitest';
import { latencySummary, markdownTable, summarise, type RouteMeasurement } from './summary';

const measurement = (overrides: Partial<RouteMeasurement>): RouteMeasurement => ({
  route: '/',
  clients: 20,
  ratePerClient: 1,
  durationSeconds: 10,
  requests: 203,
  latencyMs: { p50: 21.26, p99: 180.04, max: 300 },
  statuses: { '200': 203 },
  errors: 0,
  timeouts: 0,
  ...overrides,
});

describe('summarise', () => {
  it('gives requests per second, rounded latencies and status counts per route', () => {
    expect(summarise([measurement({})])).toEqual([
      {
        route: '/',
        clients: 20,
        pace: '1/s each',
        requestsPerSecond: 20.3,
        p50Ms: 21.3,
        p99Ms: 180,
        statuses: '203 × 200',
        fiveHundreds: 0,
        errors: 0,
      },
    ]);
  });

  it('counts every 5xx and every transport error', () => {
    const [row] = summarise([
      measurement({ ratePerClient: null, statuses: { '201': 10, '429': 40, '500': 2, '503': 1 }, errors: 3, timeouts: 1 }),
    ]);
    expect(row).toMatchObject({ pace: 'closed loop', statuses: '10 × 201, 40 × 429, 2 × 500, 1 × 503', fiveHundreds: 3, errors: 4 });
  });

  it('renders a Markdown table', () => {
    const table = markdownTable(summarise([measurement({})]));
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| / | 20 | 1/s each | 20.3 | 21.3 | 180 | 203 × 200 | 0 | 0 |');
  });
});

describe('latencySummary', () => {
  it('gives the median, the 99th percentile and the maximum of every latency', () => {
    const ms = Array.from({ length: 101 }, (_, i) => i);
    expect(latencySummary(ms)).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(latencySummary([...ms].reverse())).toEqual({ p50: 50, p99: 99, max: 100 });
  });

  it('is NaN without responses', () => {
    expect(latencySummary([])).toEqual({ p50: Number.NaN, p99: Number.NaN, max: Number.NaN });
  });
});
