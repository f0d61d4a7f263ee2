'use client';

import { useEffect, useState } from 'react';
import { createInferenceClient, type InferenceClient, type LoadResult } from '@/lib/inference/client';
import { errorMessage } from '@/lib/inference/errors';
import { BACKENDS, type BackendName, type EngineManifest, type Prediction } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';

/** What the harness publishes on `window.__engine` for Playwright. */
export interface EngineHarnessHandle {
  client: InferenceClient;
  /** The manifest the page was given. */
  manifest: EngineManifest;
  /** Resolves with the load result (rejects with the load error). */
  loaded: Promise<LoadResult>;
  /** ms from navigation start to the first prediction (a blank input) being back. */
  firstPredictionMs?: number;
}

declare global {
  interface Window {
    __engine?: EngineHarnessHandle;
  }
}

/** Loads the engine on mount (backend from `?backend=`), runs one prediction, exposes the client. */
export function EngineHarness({ manifest }: { manifest: EngineManifest }) {
  const [status, setStatus] = useState('starting');
  const [first, setFirst] = useState<Record<ModelId, Prediction> | null>(null);

  useEffect(() => {
    const requested = new URLSearchParams(location.search).get('backend');
    const backend = BACKENDS.find((b) => b === requested) ?? 'auto';
    const client = createInferenceClient();
    const loaded = client.load(manifest, {
      backend: backend as BackendName | 'auto',
      onProgress: (p) => setStatus(`loading ${p.allLoadedBytes} / ${p.allTotalBytes} bytes`),
    });
    const handle: EngineHarnessHandle = { client, manifest, loaded };
    window.__engine = handle;
    loaded
      .then(async (result) => {
        const prediction = await client.predict(new Uint8Array(784));
        handle.firstPredictionMs = performance.now();
        setFirst(prediction);
        setStatus(`ready on ${result.choice.backend} (${result.choice.reason}): ${result.choice.detail}`);
      })
      .catch((e: unknown) => setStatus(`error: ${errorMessage(e)}`));
    return () => {
      client.dispose();
      if (window.__engine === handle) delete window.__engine;
    };
  }, [manifest]);

  return (
    <div className="grid gap-2">
      <p data-testid="engine-status" data-ready={first ? 'true' : 'false'}>
        {status}
      </p>
      {first && (
        <ul>
          {Object.entries(first).map(([id, p]) => (
            <li key={id}>
              {id}: top {p.top}, {p.latencyMs} ms
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
