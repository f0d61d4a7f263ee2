/**
 * `npm run loadtest`: builds the app if there is no production build, starts `next start` on a
 * free loopback port with a fresh local blob store, and drives it with autocannon, bounded in
 * time and count:
 *
 * 1. crowd — after a few warm-up requests per route, 50 clients at once, each at its own pace (1 or
 *    2 requests a second) and phase: the lab (/) and the models it asks for (/api/models), the
 *    evidence page, shared results (/s/<id>), their preview image, the manifest, the model files,
 *    and share posts from 5 clients (each over the share limit within seconds, so most get 429);
 * 2. saturation — 50 clients requesting / back to back (the page as built), then its models' list
 *    (/api/models, which every visit asks for), then the not-found page, what every unknown
 *    address costs (rendered per request). Each is measured twice, its first seconds under this
 *    load and then the steady state; both are reported.
 *
 * Writes loadtest/results.json and loadtest/results.md. Options: --duration S (crowd phase,
 * default 30), --url http://… (a running server; its share limits then apply to this run).
 * Only ever targets loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { validShareBody } from '../lib/share/testing/share-body';
import { ensureProductionBuild } from '../lib/testing/build';
import { latencySummary, markdownTable, summarise, type RouteMeasurement } from './summary';

const root = path.resolve(import.meta.dirname, '..');
const args = new Map(process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]] as const] : [])));
const CROWD_SECONDS = Number(args.get('duration') ?? 30);
const SATURATION_SECONDS = 15;
/**
 * How long a route's back-to-back load runs before the steady state is measured. A fresh server,
 * after 10 single requests, went from ≈ 150 to ≈ 280 pages/s of / (then rendered per request) in its
 * first 10–12 s of this load (2026-12-03).
 */
const SATURATION_WARM_UP_SECONDS = 15;
/** Clients posting shares: each goes over the share limit within seconds. */
const POSTING_CLIENTS = 5;
/** A page no route serves: the not-found page, rendered per request (app/[...missing]). */
const NOT_FOUND_PATH = '/no-such-page';
/** The routes requested back to back, in turn, as [name in the report, path]. */
const SATURATED = [
  ['/', '/'],
  ['/api/models', '/api/models'],
  ['not-found page', NOT_FOUND_PATH],
] as const;
/** Requests per route before the crowd: a fresh server's first renders (compilation, cold caches) are not the crowd's. */
const WARM_UP_REQUESTS = 10;

/** A valid share, different for every (client, n): the tests' body with the latency varied. */
function shareBody(client: number, n: number): string {
  const body = validShareBody(client);
  for (const result of Object.values(body.results)) result.latencyMs = 0.5 + n / 1000;
  return JSON.stringify(body);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  baseUrl: string;
  log: string[];
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const given = args.get('url');
  if (given) {
    if (!/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\/?$/.test(given)) throw new Error('--url must be a loopback address');
    return { baseUrl: given.replace(/\/$/, ''), log: [], stop: async () => {} };
  }
  const next = path.join(root, 'node_modules/next/dist/bin/next');
  await ensureProductionBuild(root, 'loadtest');
  const port = await freePort();
  const blobDir = await mkdtemp(path.join(tmpdir(), 'wsl-loadtest-'));
  const child: ChildProcess = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOCAL_BLOB_DIR: blobDir, REDIS_URL: '', SHARE_RATE_LIMIT: '' },
  });
  const log: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter(Boolean)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(blobDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/models/manifest`)).ok) return { baseUrl, log, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error('next start did not come up');
}

interface Load {
  route: string;
  clients: number;
  ratePerClient: number | null;
  requests: autocannon.Request[];
  seconds: number;
  /** Headers and body per client and request, for share posts. */
  setup?: (request: autocannon.Request) => autocannon.Request;
}

/** autocannon's options for `clients` connections of `load`. */
function autocannonOptions(baseUrl: string, load: Load, clients: number): autocannon.Options {
  const requests = load.setup ? load.requests.map((request) => ({ ...request, setupRequest: load.setup })) : load.requests;
  return {
    url: baseUrl,
    connections: clients,
    duration: load.seconds,
    // Each client (connection) at its own pace. Not overallRate: below one request per second per
    // connection autocannon quietly drops connections, so fewer clients would run than named.
    ...(load.ratePerClient === null ? {} : { connectionRate: load.ratePerClient }),
    // autocannon 9 "corrects" paced latencies with an expected interval of ceil(1 / rate) ms for a
    // rate in requests per second, i.e. 1–2 ms instead of 500–2,000 ms: every slow response would be
    // copied hundreds of times. Latencies here are as measured; the req/s column shows any shortfall.
    ignoreCoordinatedOmission: load.ratePerClient !== null,
    // A hard cap on the count besides the duration.
    maxOverallRequests: (load.ratePerClient ?? 500) * clients * load.seconds * 2,
    requests: requests as autocannon.Request[],
    timeout: 30,
  };
}

/**
 * Runs `load` and measures every response's latency. A paced load's clients are separate
 * one-connection runs, each started at its own phase (`phaseMs(client)`): autocannon starts all
 * connections of one run together and paces them on one timer, so they would all send in the same
 * millisecond every second — a burst no crowd of independent visitors makes.
 */
async function measure(baseUrl: string, load: Load, phaseMs: (client: number) => number = () => 0): Promise<RouteMeasurement> {
  const runs =
    load.ratePerClient === null
      ? [{ clients: load.clients, delayMs: 0 }]
      : Array.from({ length: load.clients }, (_, client) => ({ clients: 1, delayMs: phaseMs(client) }));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const results = await Promise.all(
    runs.map(async ({ clients, delayMs }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(autocannonOptions(baseUrl, load, clients), (error, result) =>
          error ? reject(error) : resolve(result),
        );
        instance.on('response', (_client, status, _bytes, ms) => {
          latencies.push(ms);
          statuses[status] = (statuses[status] ?? 0) + 1;
        });
      });
    }),
  );
  return {
    route: load.route,
    clients: load.clients,
    ratePerClient: load.ratePerClient,
    durationSeconds: Math.max(...results.map((r) => r.duration)),
    requests: latencies.length,
    latencyMs: latencySummary(latencies),
    statuses,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
  };
}

/** Requests each path `times` times, one after another: one path per route (every model file is the same route). */
async function warmUp(baseUrl: string, paths: readonly string[], times = WARM_UP_REQUESTS): Promise<void> {
  for (const route of paths) for (let i = 0; i < times; i++) await (await fetch(`${baseUrl}${route}`)).arrayBuffer();
}

async function main(): Promise<void> {
  const server = await startServer();
  const { baseUrl } = server;
  try {
    // Three shared results to visit (three seed clients, so no limit is reached).
    const ids: string[] = [];
    for (let client = 0; client < 3; client++) {
      const response = await fetch(`${baseUrl}/api/share`, {
        method: 'POST',
        body: shareBody(100 + client, 0),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.1.${client}` },
      });
      if (!response.ok) throw new Error(`seeding a share answered ${response.status}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const manifest = (await (await fetch(`${baseUrl}/api/models/manifest`)).json()) as {
      models: Array<{ modelJson: { url: string }; weights: Array<{ url: string }> }>;
    };
    const modelFiles = manifest.models.flatMap((m) => [m.modelJson.url, ...m.weights.map((w) => w.url)]);
    let posts = 0;

    const crowd: Load[] = [
      { route: '/', clients: 10, ratePerClient: 1, requests: [{ path: '/' }], seconds: CROWD_SECONDS },
      { route: '/api/models', clients: 5, ratePerClient: 1, requests: [{ path: '/api/models' }], seconds: CROWD_SECONDS },
      { route: '/evidence', clients: 5, ratePerClient: 1, requests: [{ path: '/evidence' }], seconds: CROWD_SECONDS },
      { route: '/s/<id>', clients: 5, ratePerClient: 1, requests: ids.map((id) => ({ path: `/s/${id}` })), seconds: CROWD_SECONDS },
      {
        route: '/s/<id>/opengraph-image',
        clients: 10,
        ratePerClient: 1,
        requests: ids.map((id) => ({ path: `/s/${id}/opengraph-image` })),
        seconds: CROWD_SECONDS,
      },
      {
        route: '/api/models/manifest',
        clients: 5,
        ratePerClient: 1,
        requests: [{ path: '/api/models/manifest' }],
        seconds: CROWD_SECONDS,
      },
      {
        route: 'model files (/blob/models/…)',
        clients: 5,
        ratePerClient: 1,
        requests: modelFiles.map((url) => ({ path: url })),
        seconds: CROWD_SECONDS,
      },
      {
        route: 'POST /api/share',
        clients: POSTING_CLIENTS,
        ratePerClient: 2,
        requests: [{ method: 'POST', path: '/api/share' }],
        seconds: CROWD_SECONDS,
        // autocannon resets a connection's context after each pass over its requests: count here.
        setup: (request) => {
          posts++;
          const client = (posts % POSTING_CLIENTS) + 1;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.2.${client}` },
            body: shareBody(client, posts),
          };
        },
      },
    ];
    // Each read route's first request, a few times over.
    await warmUp(
      baseUrl,
      crowd.flatMap(({ requests: [first] }) => (first.method || !first.path ? [] : [first.path])),
    );
    // Every crowd client starts at its own point of its first period, spread evenly over all of them.
    const crowdClients = crowd.reduce((n, l) => n + l.clients, 0);
    console.log(`loadtest: crowd, ${crowdClients} clients for ${CROWD_SECONDS} s against ${baseUrl}…`);
    let before = 0;
    const crowdResults = await Promise.all(
      crowd.map((load) => {
        const first = before;
        before += load.clients;
        return measure(baseUrl, load, (client) => ((first + client) / crowdClients) * (1000 / load.ratePerClient!));
      }),
    );

    const saturation: RouteMeasurement[] = [];
    for (const [route, pathname] of SATURATED) {
      console.log(
        `loadtest: saturation, 50 clients requesting ${pathname} back to back for ${SATURATION_WARM_UP_SECONDS} + ${SATURATION_SECONDS} s…`,
      );
      await warmUp(baseUrl, [pathname]);
      const load = { clients: 50, ratePerClient: null, requests: [{ path: pathname }] };
      saturation.push(
        await measure(baseUrl, { ...load, route: `${route}, first ${SATURATION_WARM_UP_SECONDS} s`, seconds: SATURATION_WARM_UP_SECONDS }),
        await measure(baseUrl, { ...load, route: `${route}, steady`, seconds: SATURATION_SECONDS }),
      );
    }

    const serverErrors = server.log.filter((line) => /⨯|Error|ECONNRESET/.test(line));
    const loadAverage = loadavg().map((value) => Math.round(value * 100) / 100);
    const results = {
      date: new Date().toISOString(),
      cpus: cpus().length,
      loadAverage,
      crowdSeconds: CROWD_SECONDS,
      crowd: crowdResults,
      saturation,
      serverErrorLines: serverErrors,
    };
    await writeFile(path.join(root, 'loadtest/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const markdown = [
      `Load test of ${results.date} (\`npm run loadtest\`, next start on loopback, ${CROWD_SECONDS} s crowd + ${SATURATED.length} × (${SATURATION_WARM_UP_SECONDS} + ${SATURATION_SECONDS}) s saturation; ${results.cpus} cores, load average ${loadAverage.join(' / ')} at the end).`,
      '',
      `**Crowd**: ${crowdClients} clients at once, each at its own pace and phase, after ${WARM_UP_REQUESTS} warm-up requests per route (latencies as measured, all responses; a route below its asked rate was held back by the server).`,
      '',
      markdownTable(summarise(crowdResults)),
      '',
      `**Saturation**: 50 clients requesting the lab back to back (its page as built), then the models' list every visit asks for (/api/models), then the not-found page (${NOT_FOUND_PATH}), what any unknown address costs, rendered per request. Each route's first ${SATURATION_WARM_UP_SECONDS} s, then the next ${SATURATION_SECONDS} s (steady).`,
      '',
      markdownTable(summarise(saturation)),
      '',
      `Server log lines with an error: ${serverErrors.length}.`,
      '',
    ].join('\n');
    await writeFile(path.join(root, 'loadtest/results.md'), markdown);
    console.log(markdown);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
