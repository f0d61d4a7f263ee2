'use client';

import type { PublishedModel } from '@/lib/storage/manifest';
import { entryBytes, type LatencyStats, type ModelStatus, type Prediction } from '@/lib/inference/types';
import { formatBytes, formatMs, formatPercent } from '@/lib/viz/format';
import { ProbabilityBars } from './ProbabilityBars';
import { modelColor, modelTextClass, modelTitle } from '../ui/model-style';

interface ModelResultProps {
  model: PublishedModel;
  /** The prediction for the current shifted input; undefined while it is computed or with no input. */
  prediction: Prediction | undefined;
  latency: LatencyStats | undefined;
  /** Where the model stands while it loads (it answers once 'ready'). */
  status: ModelStatus | undefined;
}

/** One model's column: its reading of the current input, its speed and its vital statistics. */
export function ModelResult({ model, prediction, latency, status }: ModelResultProps) {
  const { id, card } = model;
  const color = modelColor(card);
  const title = modelTitle(card);
  return (
    <article className="grid content-start gap-3 rounded-lg border border-slate-200 p-4" aria-labelledby={`result-${id}`}>
      <h3 id={`result-${id}`} className={`text-lg font-semibold ${modelTextClass(card)}`}>
        {title}
      </h3>
      <div
        data-testid={`prediction-${id}`}
        data-state={prediction ? 'ready' : 'pending'}
        data-top={prediction?.top}
        data-probs={prediction?.probs.join(',')}
        aria-live="polite"
        className="grid gap-2"
      >
        <p className="text-sm text-slate-600">
          {prediction ? (
            <>
              reads <span className="text-4xl font-bold text-slate-900">{prediction.top}</span>{' '}
              with {formatPercent(prediction.probs[prediction.top])} confidence
            </>
          ) : (
            waitingFor(status)
          )}
        </p>
        {prediction && <ProbabilityBars probs={prediction.probs} top={prediction.top} color={color} label={`${title} probabilities`} />}
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Latency (warm p50)</dt>
        <dd data-testid={`latency-${id}`} data-p50-ms={latency?.p50Ms} className="font-mono tabular-nums">
          {latency ? `${formatMs(latency.p50Ms)} · p95 ${formatMs(latency.p95Ms)}` : '…'}
        </dd>
        <dt className="text-slate-600">First run (cold)</dt>
        <dd className="font-mono tabular-nums">{latency ? formatMs(latency.coldMs) : '…'}</dd>
        <dt className="text-slate-600">Parameters</dt>
        <dd className="font-mono tabular-nums">{card.params.toLocaleString('en-US')}</dd>
        <dt className="text-slate-600">Model size</dt>
        <dd className="font-mono tabular-nums">{formatBytes(entryBytes(model))}</dd>
        <dt className="text-slate-600">Test accuracy</dt>
        <dd className="font-mono tabular-nums">{formatPercent(card.testAccuracy, 2)}</dd>
      </dl>
    </article>
  );
}

/** What a model without a reading is waiting for: its own files, or a digit. */
function waitingFor(status: ModelStatus | undefined): string {
  switch (status?.state) {
    case 'ready':
      return 'Waiting for a digit…';
    case 'downloading':
      return `Loading… ${formatPercent(status.totalBytes ? status.loadedBytes / status.totalBytes : 0, 0)} of ${formatBytes(status.totalBytes)}; it joins when ready`;
    case 'building':
      return 'Building…';
    case 'error':
      return 'Did not load (see above)';
    default:
      return 'Waiting for the smaller model to load first…';
  }
}
