'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createInferenceClient, EngineError, type ClientBenchmarkOptions, type InferenceClient } from '@/lib/inference/client';
import type { DeviceBenchmark } from '@/lib/inference/device-benchmark';
import { errorMessage } from '@/lib/inference/errors';
import { warmUpSweeps } from '@/lib/inference/warm-up';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { FeatureMapsOptions, ModelInside } from '@/lib/inference/feature-maps';
import type {
  BackendChoice,
  BackendName,
  DigitInput,
  EngineManifest,
  EvaluationResult,
  EvaluationSamples,
  LatencyStats,
  ModelStatus,
  PerModel,
  Prediction,
  SweepResult,
} from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';

/** What the lab sees of the inference engine in its worker. */
export interface EngineView {
  /** 'ready' once every model on screen answers (and no backend switch is under way); 'error' when one failed. */
  status: 'loading' | 'ready' | 'error';
  /** Where each model on screen stands: queued, downloading (bytes), building, ready, failed. */
  models: PerModel<ModelStatus>;
  /** The models on screen that answer now, in screen order: each joins as soon as it is built. */
  readyIds: readonly ModelId[];
  /** What went wrong while loading, in words for the user. */
  loadError: string | null;
  backend: BackendChoice | null;
  /** The backend the user forced, or null for automatic. */
  forcedBackend: BackendName | null;
  latency: PerModel<LatencyStats>;
  /** Each model's first sweep on the backend that sweeps now (cold: compilation, first allocations), ms, run as it got ready. */
  firstSweepMs: PerModel<number>;
  predict(ids: readonly ModelId[], input: DigitInput): Promise<PerModel<Prediction>>;
  sweep(ids: readonly ModelId[], input: DigitInput): Promise<PerModel<SweepResult>>;
  evaluate(ids: readonly ModelId[], samples: EvaluationSamples, shifts: readonly ShiftOffset[]): Promise<PerModel<EvaluationResult>>;
  /** Every backend × `ids` × (prediction, sweep), in a worker of its own. */
  benchmark(ids: readonly ModelId[], options?: ClientBenchmarkOptions): Promise<DeviceBenchmark>;
  /** Inside the networks: stage maps of an input and its shift (lib/inference/feature-maps.ts), ready models only. */
  featureMaps(input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions): Promise<PerModel<ModelInside>>;
  setBackend(name: BackendName | 'auto'): void;
  retry(): void;
}

/**
 * Starts the inference worker, hands it the published models and loads the ones on screen
 * (`shown`, smallest first), keeping the UI informed per model. Forcing a backend rebuilds the
 * models in the same worker; a retry starts a fresh worker; the engine's own switches (the race's
 * result, a lost WebGPU device) are followed.
 */
export function useEngine(models: EngineManifest['models'], shown: readonly ModelId[]): EngineView {
  const clientRef = useRef<InferenceClient | null>(null);
  const [statuses, setStatuses] = useState<PerModel<ModelStatus>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [backend, setBackendChoice] = useState<BackendChoice | null>(null);
  const [switching, setSwitching] = useState(false);
  const [forcedBackend, setForcedBackend] = useState<BackendName | null>(null);
  // What a (re)start begins on; read by the effect without making it a dependency.
  const forcedRef = useRef<BackendName | null>(null);
  const [latency, setLatency] = useState<EngineView['latency']>({});
  const [firstSweepMs, setFirstSweepMs] = useState<EngineView['firstSweepMs']>({});
  const [attempt, setAttempt] = useState(0);
  // The backend that sweeps now, the models that answer, and where each was warmed: read in callbacks.
  const sweepBackendRef = useRef<BackendName | null>(null);
  const readyRef = useRef(new Set<ModelId>());
  const warmedRef = useRef(new Map<ModelId, BackendName>());
  /** Whether the current client is still the one in use: a warm-up's late result for an earlier one is dropped. */
  const liveRef = useRef<() => boolean>(() => false);

  /**
   * Sweeps a blank digit twice with `id` on the backend that sweeps now, unless it was warmed there
   * already. A newly ready model is warmed right after its first prediction is sent (see `predict`),
   * or on the next turn if none is: the first answer never waits behind a cold sweep, and the
   * visitor's first sweep, sent after the prediction, still finds the model warm. A new backend
   * warms the ready models at once.
   */
  const warm = useCallback((client: InferenceClient, id: ModelId, live: () => boolean) => {
    const on = sweepBackendRef.current;
    if (!on || warmedRef.current.get(id) === on) return;
    warmedRef.current.set(id, on);
    setFirstSweepMs((all) => {
      const rest = { ...all };
      delete rest[id];
      return rest;
    });
    warmUpSweeps(client, [id], BLANK_INPUT).then(
      (first) => live() && setFirstSweepMs((all) => ({ ...all, ...first })),
      () => undefined, // E.g. the client was disposed: the next one warms up again.
    );
  }, []);

  /** A backend choice (the engine's own, or one asked for): show it, and warm the ready models where they now sweep. */
  const showBackend = useCallback(
    (client: InferenceClient, choice: BackendChoice, live: () => boolean) => {
      sweepBackendRef.current = choice.sweepBackend;
      setBackendChoice(choice);
      setLatency({});
      for (const id of readyRef.current) warm(client, id, live);
    },
    [warm],
  );

  useEffect(() => {
    const next = createInferenceClient();
    let live = true;
    const isLive = () => live;
    sweepBackendRef.current = null;
    readyRef.current = new Set();
    warmedRef.current = new Map();
    const unsubscribe = next.onBackendChange((choice) => {
      if (live) showBackend(next, choice, isLive);
    });
    next
      .init(
        { models },
        {
          backend: forcedRef.current ?? 'auto',
          onModelStatus: (s) => {
            if (!live) return;
            if (s.state === 'ready') readyRef.current.add(s.modelId);
            setStatuses((all) => ({ ...all, [s.modelId]: s }));
          },
        },
      )
      .catch((e: unknown) => live && setLoadError(describeLoadError(e)));
    clientRef.current = next;
    liveRef.current = isLive;
    return () => {
      live = false;
      unsubscribe();
      next.dispose();
      clientRef.current = null;
    };
  }, [models, attempt, showBackend, warm]);

  // The models on screen, asked for after the client above (effects run in order): only these download.
  const shownKey = shown.join(',');
  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    let live = true;
    client.ensureModels(shownKey.split(',') as ModelId[]).catch((e: unknown) => {
      if (live && !(e instanceof EngineError && e.code === 'disposed')) setLoadError(describeLoadError(e));
    });
    return () => {
      live = false;
    };
  }, [models, attempt, shownKey]);

  const readyKey = shownKey
    .split(',')
    .filter((id) => statuses[id as ModelId]?.state === 'ready')
    .join(',');
  const readyIds = useMemo(() => (readyKey ? (readyKey.split(',') as ModelId[]) : NONE), [readyKey]);

  // Warm latency of each model once it answers, one model at a time, measured afresh for every
  // backend choice; a measurement for an earlier choice or client is dropped.
  const latencyKey = `${attempt}|${backend?.backend}|${backend?.sweepBackend}|${backend?.reason}`;
  const measuring = useRef<{ key: string; started: Set<ModelId>; chain: Promise<void> }>({
    key: '',
    started: new Set(),
    chain: Promise.resolve(),
  });
  useEffect(() => {
    const client = clientRef.current;
    if (!client || switching) return;
    if (measuring.current.key !== latencyKey) measuring.current = { key: latencyKey, started: new Set(), chain: Promise.resolve() };
    const round = measuring.current;
    for (const id of readyIds) {
      if (round.started.has(id)) continue;
      round.started.add(id);
      round.chain = round.chain.then(async () => {
        if (measuring.current !== round) return;
        try {
          const stats = await client.latencyStats(id, BLANK_INPUT);
          if (measuring.current === round) setLatency((all) => ({ ...all, [id]: stats }));
        } catch {
          // E.g. the client was disposed (retry, unmount: its pending calls reject): the next one measures again.
        }
      });
    }
  }, [readyIds, latencyKey, switching]);

  // A ready model asked for no prediction in the turn it became ready (a lab without a digit) is warmed on the next.
  useEffect(() => {
    const client = clientRef.current;
    if (!client || readyIds.length === 0) return;
    const timer = setTimeout(() => readyIds.forEach((id) => warm(client, id, liveRef.current)));
    return () => clearTimeout(timer);
  }, [readyIds, warm]);

  const predict = useCallback(
    (ids: readonly ModelId[], input: DigitInput) => {
      const client = requireClient(clientRef.current);
      const answer = client.predict(ids, input);
      // Queued behind this prediction, ahead of the sweep the lab sends next.
      for (const id of ids) warm(client, id, liveRef.current);
      return answer;
    },
    [warm],
  );
  const sweep = useCallback((ids: readonly ModelId[], input: DigitInput) => requireClient(clientRef.current).sweep(ids, input), []);
  const evaluate = useCallback(
    (ids: readonly ModelId[], samples: EvaluationSamples, shifts: readonly ShiftOffset[]) =>
      requireClient(clientRef.current).evaluate(ids, samples, shifts),
    [],
  );
  const benchmark = useCallback(
    (ids: readonly ModelId[], options?: ClientBenchmarkOptions) => requireClient(clientRef.current).benchmark(ids, options),
    [],
  );

  const featureMaps = useCallback(
    (input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions) =>
      requireClient(clientRef.current).featureMaps(input, shift, options),
    [],
  );
  /** Rebuilds the models on another backend in the running worker (the downloaded files are kept). */
  const setBackend = useCallback(
    (name: BackendName | 'auto') => {
      forcedRef.current = name === 'auto' ? null : name;
      setForcedBackend(forcedRef.current);
      const client = clientRef.current;
      if (!client) return;
      // No prediction is sent while the models are rebuilt.
      setSwitching(true);
      setLoadError(null);
      setLatency({});
      const current = () => clientRef.current === client;
      client.setBackend(name).then(
        (choice) => {
          if (!current()) return;
          showBackend(client, choice, current);
          setSwitching(false);
        },
        (e: unknown) => {
          if (clientRef.current !== client) return;
          setLoadError(describeLoadError(e));
          setSwitching(false);
        },
      );
    },
    [showBackend],
  );
  const retry = useCallback(() => {
    setLoadError(null);
    setSwitching(false);
    setStatuses({});
    setBackendChoice(null);
    setLatency({});
    setFirstSweepMs({});
    setAttempt((n) => n + 1);
  }, []);

  const status: EngineView['status'] = loadError
    ? 'error'
    : !switching && readyIds.length === shown.length && shown.length > 0
      ? 'ready'
      : 'loading';
  const answering = switching ? NONE : readyIds;
  return useMemo(
    () => ({
      status,
      models: statuses,
      readyIds: answering,
      loadError,
      backend,
      forcedBackend,
      latency,
      firstSweepMs,
      featureMaps,
      predict,
      sweep,
      evaluate,
      benchmark,
      setBackend,
      retry,
    }),
    [
      status,
      statuses,
      answering,
      loadError,
      backend,
      forcedBackend,
      latency,
      firstSweepMs,
      featureMaps,
      predict,
      sweep,
      evaluate,
      benchmark,
      setBackend,
      retry,
    ],
  );
}

/** Timing and warm-up input: a forward pass costs the same whatever the pixels, so a blank digit will do. */
const BLANK_INPUT = new Uint8Array(INPUT_PIXELS);
const NONE: readonly ModelId[] = [];

function requireClient(client: InferenceClient | null): InferenceClient {
  if (!client) throw new Error('The inference engine is not running');
  return client;
}

function describeLoadError(e: unknown): string {
  if (e instanceof EngineError) {
    const file = e.file ? ` (${e.file.split('/').pop()})` : '';
    switch (e.code) {
      case 'integrity':
        return `A model file failed its integrity check${file}: its sha256 does not match the manifest, so it was not used.`;
      case 'download':
        return `A model file could not be downloaded${file}${e.status ? `: HTTP ${e.status}` : ''}. ${e.message}`;
      default:
        return e.message;
    }
  }
  return errorMessage(e);
}
