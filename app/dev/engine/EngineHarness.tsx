'use client';

import { useEffect, useState } from 'react';
import { errorMessage } from '@/lib/inference/errors';
import { DEFAULT_PAIR, type ModelId } from '@/lib/models/ids';
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

/**
 * The models asked for by `?models=` (`all`, or ids separated by commas), else the default pair;
 * only published ones.
 */
function harnessModels(manifest: EngineManifest, requested: string | null): ModelId[] {
  const published = manifest.models.map((m) => m.id);
  if (requested === 'all') return published;
  const wanted: readonly string[] = requested ? requested.split(',') : DEFAULT_PAIR;
  return published.filter((id) => wanted.includes(id));
}

/** Loads the models asked for on mount (backend from `?backend=`), runs one prediction, exposes the client. */
export function EngineHarness({ manifest }: { manifest: EngineManifest }) {
  const [status, setStatus] = useState('starting');
  const [first, setFirst] = useState<PerModel<Prediction> | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const backend = BACKENDS.find((b) => b === params.get('backend')) ?? 'auto';
    const { client, loseGpuDevice } = createHarnessClient();
    const ids = harnessModels(manifest, params.get('models'));
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
