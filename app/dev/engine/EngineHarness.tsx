'use client';

import { useEffect, useState } from 'react';
import { errorMessage } from '@/lib/inference/errors';
import { createHarnessClient, type EngineHarnessHandle } from '@/lib/inference/testing/harness';
import { BACKENDS, type BackendName, type EngineManifest, type Prediction } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';

/** Loads the engine on mount (backend from `?backend=`), runs one prediction, exposes the client. */
export function EngineHarness({ manifest }: { manifest: EngineManifest }) {
  const [status, setStatus] = useState('starting');
  const [first, setFirst] = useState<Record<ModelId, Prediction> | null>(null);

  useEffect(() => {
    const requested = new URLSearchParams(location.search).get('backend');
    const backend = BACKENDS.find((b) => b === requested) ?? 'auto';
    const { client, loseGpuDevice } = createHarnessClient();
    const loaded = client.load(manifest, {
      backend: backend as BackendName | 'auto',
      onProgress: (p) => setStatus(`loading ${p.allLoadedBytes} / ${p.allTotalBytes} bytes`),
    });
    const handle: EngineHarnessHandle = { client, loseGpuDevice, manifest, loaded };
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
