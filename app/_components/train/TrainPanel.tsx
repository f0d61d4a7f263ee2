'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/lib/inference/errors';
import { BACKENDS, type BackendName } from '@/lib/inference/types';
import type { TrainingBackendChoice } from '@/lib/learning/backend-choice';
import { createTrainingClient, type TrainingClient } from '@/lib/learning/client';
import type { RaceModelProgress, RaceResult } from '@/lib/learning/race';
import { DEFAULT_RACE_SETTINGS, parseRaceSettings, RACE_LIMITS, RACE_MODEL_IDS, type RaceModelId } from '@/lib/learning/race-settings';
import type { TrainerMemory } from '@/lib/learning/trainer';
import { postShare, raceShareRequest } from '@/lib/share/client';
import { manifestTrainingDigitsSchema, type ManifestTrainingDigits } from '@/lib/storage/manifest';
import { PRIMARY_BUTTON, SELECT } from '../ui/styles';
import { RaceCharts, raceModelName } from './RaceCharts';
import { RaceSummary } from './RaceSummary';
import { TryModels } from './TryModels';

/** The panel's state, as `data-state` on `train-state`. */
type Phase = 'idle' | 'loading' | 'training' | 'done' | 'stopped' | 'error';

const INPUT = 'h-11 w-28 rounded-md border border-slate-300 bg-white px-2 tabular-nums disabled:opacity-50';
const SECONDARY_BUTTON =
  'min-h-11 rounded-md border border-slate-400 px-4 font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50';

/** Reads the published manifest's training digits (the panel loads nothing before it is opened). */
async function fetchTrainingDigits(): Promise<ManifestTrainingDigits> {
  const response = await fetch('/api/models/manifest');
  if (!response.ok) throw new Error(`the manifest is unavailable (HTTP ${response.status})`);
  const entry = manifestTrainingDigitsSchema.safeParse(((await response.json()) as { trainingDigits?: unknown }).trainingDigits);
  if (!entry.success) throw new Error('this site publishes no training digits (run `npm run models:publish`)');
  return entry.data;
}

/**
 * "Train them yourself": two models race from the same seeded start on the same digits, in a worker
 * of their own, with live curves, Stop, a summary, a share link and the trained pair to draw on.
 */
export function TrainPanel() {
  const clientRef = useRef<TrainingClient | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [status, setStatus] = useState('Loading the training digits…');
  const [error, setError] = useState<string | null>(null);
  const [dataBytes, setDataBytes] = useState<{ loaded: number; total: number } | null>(null);
  const [dataReady, setDataReady] = useState(false);
  const [models, setModels] = useState<[RaceModelId, RaceModelId]>([...DEFAULT_RACE_SETTINGS.models]);
  const [size, setSize] = useState(String(DEFAULT_RACE_SETTINGS.trainImages));
  const [epochs, setEpochs] = useState(String(DEFAULT_RACE_SETTINGS.epochs));
  const [backend, setBackend] = useState<BackendName | 'auto'>('auto');
  const [progress, setProgress] = useState<RaceModelProgress[] | null>(null);
  const [result, setResult] = useState<{ result: RaceResult; choice: TrainingBackendChoice } | null>(null);
  const [memory, setMemory] = useState<{ before: number; after: TrainerMemory } | null>(null);
  const [share, setShare] = useState<{ kind: 'idle' | 'saving' } | { kind: 'saved'; url: string } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const [attempt, setAttempt] = useState(0);

  // The worker and the training digits: started when the panel opens, ended when it goes.
  useEffect(() => {
    const client = createTrainingClient();
    clientRef.current = client;
    let live = true;
    (async () => {
      try {
        const entry = await fetchTrainingDigits();
        if (!live) return;
        const count = await client.loadData(
          entry,
          ({ loadedBytes, totalBytes }) => live && setDataBytes({ loaded: loadedBytes, total: totalBytes }),
        );
        if (!live) return;
        setDataReady(true);
        setPhase('idle');
        setStatus(`${count.toLocaleString('en')} MNIST training digits loaded and checked. Choose and start.`);
      } catch (e) {
        if (!live) return;
        setPhase('error');
        setError(`Could not load the training digits: ${errorMessage(e)}`);
      }
    })();
    return () => {
      live = false;
      client.dispose();
      clientRef.current = null;
    };
  }, [attempt]);

  const predict = useCallback((pixels: Uint8Array) => {
    const client = clientRef.current;
    return client ? client.predict(pixels) : Promise.reject(new Error('The training worker has ended'));
  }, []);

  const parsed = parseRaceSettings({ models, trainImages: Number(size), epochs: Number(epochs) });
  const training = phase === 'training';

  async function start() {
    const client = clientRef.current;
    if (!client || !parsed.ok) return;
    setPhase('training');
    setError(null);
    setResult(null);
    setShare({ kind: 'idle' });
    setProgress(null);
    setStatus('Starting…');
    try {
      const before = (await client.memory()).numTensors;
      const outcome = await client.start(
        parsed.settings,
        backend,
        (update) => {
          setProgress(update.models);
          setStatus(`Training on ${update.backend}: step ${update.models[0].step} of ${update.models[0].totalSteps}`);
        },
        (what, detail) => setStatus(what === 'choosing-backend' ? `Choosing the backend: ${detail}…` : `Training on ${detail}…`),
      );
      const after = await client.memory();
      setResult(outcome);
      setProgress(outcome.result.models);
      setMemory({ before, after });
      setPhase(outcome.result.outcome);
      const { wallSeconds, models: sides } = outcome.result;
      setStatus(
        `${outcome.result.outcome === 'done' ? 'Done' : 'Stopped'} after ${sides[0].step} steps in ${wallSeconds.toFixed(1)} s on ${outcome.choice.backend}: ` +
          sides.map((s) => `${raceModelName(s.modelId)} ${(s.finalAccuracy * 100).toFixed(1)} %`).join(', ') +
          '.',
      );
    } catch (e) {
      setPhase('error');
      setError(errorMessage(e));
    }
  }

  async function shareRace() {
    if (!result) return;
    setShare({ kind: 'saving' });
    try {
      const { url } = await postShare(raceShareRequest(result.result));
      setShare({ kind: 'saved', url: new URL(url, window.location.origin).toString() });
    } catch (e) {
      setShare({ kind: 'failed', message: errorMessage(e) });
    }
  }

  const choose = (side: 0 | 1, id: RaceModelId) =>
    setModels((pair) => {
      const next: [RaceModelId, RaceModelId] = [...pair];
      // Choosing the other side's model swaps the two, as in the lab.
      if (next[1 - side] === id) next[1 - side] = next[side];
      next[side] = id;
      return next;
    });

  return (
    <div className="grid gap-4" data-testid="train-panel">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        {([0, 1] as const).map((side) => (
          <label key={side} className="grid gap-1 text-sm">
            {side === 0 ? 'Model A' : 'Model B'}
            <select
              className={SELECT}
              value={models[side]}
              disabled={training}
              data-testid={`train-model-${side === 0 ? 'a' : 'b'}`}
              onChange={(e) => choose(side, e.target.value as RaceModelId)}
            >
              {RACE_MODEL_IDS.map((id) => (
                <option key={id} value={id}>
                  {raceModelName(id)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="grid gap-1 text-sm">
          Training digits
          <input
            type="number"
            inputMode="numeric"
            className={INPUT}
            min={RACE_LIMITS.minImages}
            max={RACE_LIMITS.maxImages}
            step={100}
            value={size}
            disabled={training}
            data-testid="train-size"
            onChange={(e) => setSize(e.target.value)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Epochs
          <input
            type="number"
            inputMode="numeric"
            className={INPUT}
            min={RACE_LIMITS.minEpochs}
            max={RACE_LIMITS.maxEpochs}
            value={epochs}
            disabled={training}
            data-testid="train-epochs"
            onChange={(e) => setEpochs(e.target.value)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Backend
          <select
            className={SELECT}
            value={backend}
            disabled={training}
            data-testid="train-backend"
            onChange={(e) => setBackend(e.target.value as BackendName | 'auto')}
          >
            <option value="auto">fastest (measured)</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={PRIMARY_BUTTON} disabled={!dataReady || training || !parsed.ok} data-testid="train-start">
          Start
        </button>
        <button
          type="button"
          className={SECONDARY_BUTTON}
          disabled={!training}
          data-testid="train-stop"
          onClick={() => void clientRef.current?.stop()}
        >
          Stop
        </button>
      </form>
      {!parsed.ok && (
        <p role="alert" className="text-sm text-red-800" data-testid="train-settings-error">
          {parsed.error}
        </p>
      )}
      <p role="status" className="text-sm text-slate-700" data-testid="train-state" data-state={phase}>
        {phase === 'loading' && dataBytes
          ? `Loading the training digits: ${Math.round(dataBytes.loaded / 1024)} of ${Math.round(dataBytes.total / 1024)} KB…`
          : phase === 'error'
            ? 'Something went wrong.'
            : status}
      </p>
      {phase === 'loading' && dataBytes && (
        <progress className="w-full" max={dataBytes.total} value={dataBytes.loaded} aria-label="Training digits downloaded" />
      )}
      {error && (
        <div role="alert" className="grid justify-items-start gap-2 text-sm text-red-800" data-testid="train-error">
          <p>{error}</p>
          {!dataReady && (
            <button
              type="button"
              className={SECONDARY_BUTTON}
              onClick={() => {
                setPhase('loading');
                setError(null);
                setAttempt((a) => a + 1);
              }}
            >
              Try again
            </button>
          )}
        </div>
      )}
      {progress && (
        <>
          <RaceSummary sides={progress} caption="Each model so far" />
          <RaceCharts sides={progress} heldOutDigits={result?.result.heldOutDigits ?? 1_000} />
        </>
      )}
      {result && memory && (
        <p
          className="text-xs text-slate-600"
          data-testid="train-run-summary"
          data-wall-seconds={result.result.wallSeconds}
          data-backend={result.choice.backend}
          data-tensors-before={memory.before}
          data-tensors-after={memory.after.numTensors - memory.after.keptTensors}
        >
          Wall time {result.result.wallSeconds.toFixed(1)} s on {result.choice.backend} (
          {result.choice.reason === 'measured'
            ? `measured: ${Object.entries(result.choice.timings)
                .map(([b, ms]) => `${b} ${ms!.toFixed(0)} ms a step`)
                .join(', ')}`
            : result.choice.reason === 'forced'
              ? 'chosen by you'
              : 'the only backend that runs here'}
          ). Tensors in the worker: {memory.before} before the run, {memory.after.numTensors - memory.after.keptTensors} after it
          {memory.after.keptTensors > 0 && ` (plus ${memory.after.keptTensors} weights of the trained pair, kept to draw on)`}.
        </p>
      )}
      {result && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={SECONDARY_BUTTON}
            onClick={() => void shareRace()}
            disabled={share.kind === 'saving'}
            data-testid="train-share"
          >
            {share.kind === 'saving' ? 'Saving…' : 'Share this race'}
          </button>
          {share.kind === 'saved' && (
            <a href={share.url} className="break-all text-blue-800 underline" data-testid="train-share-link">
              {share.url}
            </a>
          )}
          {share.kind === 'failed' && (
            <p role="alert" className="text-sm text-red-800">
              {share.message}
            </p>
          )}
        </div>
      )}
      {result?.result.outcome === 'done' && <TryModels predict={predict} models={result.result.settings.models} />}
    </div>
  );
}
