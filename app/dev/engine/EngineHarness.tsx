'use client';

import { useEffect, useState } from 'react';
import { errorMessage } from '@/lib/inference/errors';
import { createHarnessClient, type EngineHarnessHandle } from '@/lib/inference/testing/harness';
import {
  BACKENDS,
  type BackendChoice,
  type BackendName,
  type EngineManifest,
  type ModelStatus,
  type PerModel,
  type Prediction,
} from '@/lib/inference/types';

/** Loads every model on mount (backend from `?backend=`), runs one prediction, exposes the client. */
export function EngineHarness({ manifest }: { manifest: EngineManifest }) {
  const [status, setStatus] = useState('starting');
  const [first, setFirst] = useState<PerModel<Prediction> | null>(null);

  useEffect(() => {
    const requested = new URLSearchParams(location.search).get('backend');
    const backend = BACKENDS.find((b) => b === requested) ?? 'auto';
    const { client, loseGpuDevice } = createHarnessClient();
    const ids = manifest.models.map((m) => m.id);
    const choices: BackendChoice[] = [];
    const statuses: ModelStatus[] = [];
    client.onBackendChange((choice) => choices.push(choice));
    const loaded = (async () => {
      await client.init(manifest, {
        backend: backend as BackendName | 'auto',
        onModelStatus: (s) => {
          statuses.push(s);
          setStatus(`${s.modelId}: ${s.state} ${s.loadedBytes} / ${s.totalBytes} bytes`);
        },
      });
      const models = await client.ensureModels(ids);
      const { choice } = await client.backendInfo();
      return { choice: choice!, models };
    })();
    const handle: EngineHarnessHandle = { client, loseGpuDevice, manifest, loaded, choices, statuses };
    window.__engine = handle;
    loaded
      .then(async ({ choice }) => {
        const prediction = await client.predict(ids, new Uint8Array(784));
        handle.firstPredictionMs = performance.now();
        setFirst(prediction);
        setStatus(`ready on ${choice.backend} (${choice.reason}): ${choice.detail}`);
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
              {id}: top {p.top}, {p.latencyMs} ms on {p.backend}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
