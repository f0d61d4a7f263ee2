import type * as Ort from 'onnxruntime-web';
import { PEER_PREFIX, type PeerRequest, type PeerResponse } from './protocol';

/**
 * ONNX Runtime Web in a module Web Worker, as a user of the library would run it next to the lab:
 * the wasm execution provider (SIMD), one thread, graph optimisations on. Each request is timed
 * inside the worker from the input tensor to the output read back, as the lab's engine times its
 * own predictions (lib/inference/engine.ts), so message passing is out of both figures.
 *
 * Served by peer-bench.ts (beside it) after `ts.transpileModule`: its only runtime import is ORT's own
 * ES module, by URL (the type import above is erased).
 */

const ORT_DIST = `${PEER_PREFIX}ort/`;
/** The worker's global scope, typed as much as this file uses (the project compiles with DOM types). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<PeerRequest>) => void): void;
  postMessage(message: PeerResponse): void;
};
let ort: typeof Ort;
const sessions = new Map<string, Ort.InferenceSession>();

function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}

async function run(model: string, input: Float32Array, count: number): Promise<{ ms: number; probs: Float32Array }> {
  const session = sessions.get(model);
  if (!session) throw new Error(`no session for ${model}`);
  const t0 = performance.now();
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, [count, 28, 28, 1]) };
  const output = (await session.run(feeds))[session.outputNames[0]];
  const probs = (await output.getData()) as Float32Array;
  const ms = performance.now() - t0;
  output.dispose();
  return { ms, probs };
}

async function handle(request: PeerRequest): Promise<PeerResponse> {
  switch (request.kind) {
    case 'load': {
      ort = (await import(/* webpackIgnore: true */ `${ORT_DIST}ort.wasm.min.mjs`)) as typeof Ort;
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.wasmPaths = ORT_DIST;
      for (const id of request.models) {
        const bytes = new Uint8Array(await (await fetch(`${PEER_PREFIX}models/${id}.onnx`)).arrayBuffer());
        sessions.set(id, await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' }));
      }
      return { kind: 'loaded', version: ort.env.versions.web ?? 'unknown', threads: ort.env.wasm.numThreads ?? 1 };
    }
    case 'predict': {
      const results: Record<string, { ms: number; top: number }> = {};
      for (const id of sessions.keys()) {
        const { ms, probs } = await run(id, request.input, 1);
        results[id] = { ms, top: argmax(probs, 0, probs.length) };
      }
      return { kind: 'predicted', results };
    }
    case 'batch': {
      const { ms, probs } = await run(request.model, request.input, request.count);
      const classes = probs.length / request.count;
      return { kind: 'batched', ms, tops: Array.from({ length: request.count }, (_, i) => argmax(probs, i * classes, classes)) };
    }
  }
}

scope.addEventListener('message', (event) => {
  handle(event.data).then(
    (response) => scope.postMessage(response),
    (error: unknown) =>
      scope.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies PeerResponse),
  );
});
