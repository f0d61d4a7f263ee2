'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createInferenceClient, EngineError, type InferenceClient } from '@/lib/inference/client';
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
  Prediction,
  SweepResult,
} from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';

/** What the lab sees of the inference engine in its worker. */
export interface EngineView {
  status: 'loading' | 'ready' | 'error';
  progress: { loadedBytes: number; totalBytes: number };
  /** What went wrong while loading, in words for the user. */
  loadError: string | null;
  backend: BackendChoice | null;
  /** The backend the user forced, or null for automatic. */
  forcedBackend: BackendName | null;
  latency: Partial<Record<ModelId, LatencyStats>>;
  /** Each model's first sweep on the current backend (cold: compilation, first allocations), ms, run while loading. */
  firstSweepMs: Partial<Record<ModelId, number>>;
  predict(input: DigitInput): Promise<Record<ModelId, Prediction>>;
  sweep(input: DigitInput): Promise<Record<ModelId, SweepResult>>;
  evaluate(samples: EvaluationSamples, shifts: readonly ShiftOffset[]): Promise<Partial<Record<ModelId, EvaluationResult>>>;
  /** Inside the networks: stage maps of an input and its shift (lib/inference/feature-maps.ts). */
  featureMaps(input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions): Promise<Partial<Record<ModelId, ModelInside>>>;
  setBackend(name: BackendName | 'auto'): void;
  retry(): void;
}

/**
 * Starts the inference worker, loads the published models into it and keeps the UI informed.
 * Forcing a backend rebuilds the models in the same worker; a retry starts a fresh worker; an
 * engine-made switch (lost WebGPU device) is followed.
 */
export function useEngine(models: EngineManifest['models']): EngineView {
  const clientRef = useRef<InferenceClient | null>(null);
  const [status, setStatus] = useState<EngineView['status']>('loading');
  const [progress, setProgress] = useState({ loadedBytes: 0, totalBytes: 0 });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [backend, setBackendChoice] = useState<BackendChoice | null>(null);
  const [forcedBackend, setForcedBackend] = useState<BackendName | null>(null);
  // What a (re)load starts on; read by the effect without making it a dependency.
  const forcedRef = useRef<BackendName | null>(null);
  const [latency, setLatency] = useState<EngineView['latency']>({});
  const [firstSweepMs, setFirstSweepMs] = useState<EngineView['firstSweepMs']>({});
  const [attempt, setAttempt] = useState(0);

  // A backend runs (loaded, forced, or switched to by the engine): show it, warm it and measure it
  // afresh. Called before the lab is told it is ready, so the warm-up is queued ahead of any input.
  // Its updates stop once `live()` is false (the client was replaced).
  const showBackend = useCallback(
    (client: InferenceClient, choice: BackendChoice, live: () => boolean) => {
      setBackendChoice(choice);
      setLatency({});
      setFirstSweepMs({});
      warmUpSweeps(client, BLANK_INPUT).then(
        (first) => live() && setFirstSweepMs(first),
        () => undefined, // E.g. the client was disposed: the next backend warms up again.
      );
      measureLatency(client, models, (stats) => live() && setLatency(stats));
    },
    [models],
  );

  useEffect(() => {
    const client = createInferenceClient();
    clientRef.current = client;
    let live = true;
    const unsubscribe = client.onBackendChange((choice) => {
      if (live) showBackend(client, choice, () => live);
    });
    client
      .load({ models }, {
        backend: forcedRef.current ?? 'auto',
        onProgress: (e) => live && setProgress({ loadedBytes: e.allLoadedBytes, totalBytes: e.allTotalBytes }),
      })
      .then(
        ({ choice }) => {
          if (!live) return;
          showBackend(client, choice, () => live);
          setStatus('ready');
        },
        (e: unknown) => {
          if (!live) return;
          setLoadError(describeLoadError(e));
          setStatus('error');
        },
      );
    return () => {
      live = false;
      unsubscribe();
      client.dispose();
      clientRef.current = null;
    };
  }, [models, attempt, showBackend]);

  const predict = useCallback((input: DigitInput) => requireClient(clientRef.current).predict(input), []);
  const sweep = useCallback((input: DigitInput) => requireClient(clientRef.current).sweep(input), []);
  const evaluate = useCallback(
    (samples: EvaluationSamples, shifts: readonly ShiftOffset[]) => requireClient(clientRef.current).evaluate(samples, shifts),
    [],
  );
  const featureMaps = useCallback(
    (input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions) => requireClient(clientRef.current).featureMaps(input, shift, options),
    [],
  );
  // Mark loading at once so no prediction is sent while the models are rebuilt.
  const startOver = useCallback(() => {
    setStatus('loading');
    setLoadError(null);
    setBackendChoice(null);
    setLatency({});
    setFirstSweepMs({});
  }, []);
  /** Rebuilds the models on another backend in the running worker (the downloaded files are kept). */
  const setBackend = useCallback(
    (name: BackendName | 'auto') => {
      const client = clientRef.current;
      forcedRef.current = name === 'auto' ? null : name;
      setForcedBackend(forcedRef.current);
      if (!client) return;
      startOver();
      const current = () => clientRef.current === client;
      client.setBackend(name).then(
        (choice) => {
          if (!current()) return;
          showBackend(client, choice, current);
          setStatus('ready');
        },
        (e: unknown) => {
          if (!current()) return;
          setLoadError(describeLoadError(e));
          setStatus('error');
        },
      );
    },
    [startOver, showBackend],
  );
  const retry = useCallback(() => {
    startOver();
    setProgress({ loadedBytes: 0, totalBytes: 0 });
    setAttempt((n) => n + 1);
  }, [startOver]);

  return useMemo(
    () => ({ status, progress, loadError, backend, forcedBackend, latency, firstSweepMs, predict, sweep, evaluate, featureMaps, setBackend, retry }),
    [status, progress, loadError, backend, forcedBackend, latency, firstSweepMs, predict, sweep, evaluate, featureMaps, setBackend, retry],
  );
}

/** Timing and warm-up input: a forward pass costs the same whatever the pixels, so a blank digit will do. */
const BLANK_INPUT = new Uint8Array(INPUT_PIXELS);

/** Warm p50/p95 and cold time per model, measured once per backend (one model after the other). */
async function measureLatency(client: InferenceClient, models: EngineManifest['models'], update: (stats: EngineView['latency']) => void) {
  const stats: EngineView['latency'] = {};
  for (const { id } of models) {
    try {
      stats[id] = await client.latencyStats(id, BLANK_INPUT);
      update({ ...stats });
    } catch {
      return; // E.g. the client was disposed (retry, unmount: its pending calls reject): the next one measures again.
    }
  }
}

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
