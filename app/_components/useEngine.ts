'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createInferenceClient, EngineError, type InferenceClient } from '@/lib/inference/client';
import type { ShiftOffset } from '@/lib/digits/shift';
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
import { MODEL_IDS, type ModelId } from '@/lib/models/ids';

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
  predict(input: DigitInput): Promise<Record<ModelId, Prediction>>;
  sweep(input: DigitInput): Promise<Record<ModelId, SweepResult>>;
  evaluate(samples: EvaluationSamples, shifts: readonly ShiftOffset[]): Promise<Partial<Record<ModelId, EvaluationResult>>>;
  setBackend(name: BackendName | 'auto'): void;
  retry(): void;
}

/**
 * Starts the inference worker, loads the manifest's models into it and keeps the UI informed.
 * Changing the backend or retrying reloads; an engine-made switch (lost WebGPU device) is followed.
 */
export function useEngine(manifest: EngineManifest): EngineView {
  const clientRef = useRef<InferenceClient | null>(null);
  const [status, setStatus] = useState<EngineView['status']>('loading');
  const [progress, setProgress] = useState({ loadedBytes: 0, totalBytes: 0 });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [backend, setBackendChoice] = useState<BackendChoice | null>(null);
  const [forcedBackend, setForcedBackend] = useState<BackendName | null>(null);
  const [latency, setLatency] = useState<EngineView['latency']>({});
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const client = createInferenceClient();
    clientRef.current = client;
    let live = true;
    const unsubscribe = client.onBackendChange((choice) => {
      if (!live) return;
      setBackendChoice(choice);
      setLatency({});
      measureLatency(client, (stats) => live && setLatency(stats));
    });
    client
      .load(manifest, {
        backend: forcedBackend ?? 'auto',
        onProgress: (e) => live && setProgress({ loadedBytes: e.allLoadedBytes, totalBytes: e.allTotalBytes }),
      })
      .then(
        ({ choice }) => {
          if (!live) return;
          setBackendChoice(choice);
          setStatus('ready');
          measureLatency(client, (stats) => live && setLatency(stats));
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
  }, [manifest, forcedBackend, attempt]);

  const predict = useCallback((input: DigitInput) => requireClient(clientRef.current).predict(input), []);
  const sweep = useCallback((input: DigitInput) => requireClient(clientRef.current).sweep(input), []);
  const evaluate = useCallback(
    (samples: EvaluationSamples, shifts: readonly ShiftOffset[]) => requireClient(clientRef.current).evaluate(samples, shifts),
    [],
  );
  // Both reload: mark loading at once so no prediction is sent to a worker that is starting over.
  const startOver = useCallback(() => {
    setStatus('loading');
    setLoadError(null);
    setBackendChoice(null);
    setProgress({ loadedBytes: 0, totalBytes: 0 });
  }, []);
  const setBackend = useCallback(
    (name: BackendName | 'auto') => {
      startOver();
      setForcedBackend(name === 'auto' ? null : name);
    },
    [startOver],
  );
  const retry = useCallback(() => {
    startOver();
    setAttempt((n) => n + 1);
  }, [startOver]);

  return useMemo(
    () => ({ status, progress, loadError, backend, forcedBackend, latency, predict, sweep, evaluate, setBackend, retry }),
    [status, progress, loadError, backend, forcedBackend, latency, predict, sweep, evaluate, setBackend, retry],
  );
}

/** Warm p50/p95 and cold time per model, measured once per backend (one model after the other). */
async function measureLatency(client: InferenceClient, update: (stats: EngineView['latency']) => void) {
  const stats: EngineView['latency'] = {};
  for (const id of MODEL_IDS) {
    try {
      stats[id] = await client.latencyStats(id);
      update({ ...stats });
    } catch {
      return; // The client was disposed (backend switch, unmount): the next one measures again.
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
  return e instanceof Error ? e.message : String(e);
}
