'use client';

import type { ModelCard } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import type { ManifestModel } from '@/lib/storage/manifest';
import type { LatencyStats, Prediction } from '@/lib/inference/types';
import { formatBytes, formatMs, formatPercent } from '@/lib/format';
import { ProbabilityBars } from './ProbabilityBars';
import { modelColor, modelTitle } from './model-style';

interface ModelResultProps {
  id: ModelId;
  entry: ManifestModel | undefined;
  card: ModelCard | undefined;
  /** The prediction for the current shifted input; undefined while it is computed or with no input. */
  prediction: Prediction | undefined;
  latency: LatencyStats | undefined;
}

/** One model's column: its reading of the current input, its speed and its vital statistics. */
export function ModelResult({ id, entry, card, prediction, latency }: ModelResultProps) {
  const color = modelColor(id);
  return (
    <article className="grid content-start gap-3 rounded-lg border border-slate-200 p-4" aria-labelledby={`result-${id}`}>
      <h3 id={`result-${id}`} className={`text-lg font-semibold ${color === 'shared' ? 'text-shared' : 'text-unshared'}`}>
        {modelTitle(id, entry?.name)}
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
            'Waiting for a digit…'
          )}
        </p>
        {prediction && <ProbabilityBars probs={prediction.probs} top={prediction.top} color={color} label={`${modelTitle(id, entry?.name)} probabilities`} />}
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Latency (warm p50)</dt>
        <dd data-testid={`latency-${id}`} data-p50-ms={latency?.p50Ms} className="font-mono tabular-nums">
          {latency ? `${formatMs(latency.p50Ms)} · p95 ${formatMs(latency.p95Ms)}` : '…'}
        </dd>
        <dt className="text-slate-600">First run (cold)</dt>
        <dd className="font-mono tabular-nums">{latency ? formatMs(latency.coldMs) : '…'}</dd>
        <dt className="text-slate-600">Parameters</dt>
        <dd className="font-mono tabular-nums">{entry ? entry.params.toLocaleString('en-US') : '…'}</dd>
        <dt className="text-slate-600">Model size</dt>
        <dd className="font-mono tabular-nums">{entry ? formatBytes(modelBytes(entry)) : '…'}</dd>
        <dt className="text-slate-600">Test accuracy</dt>
        <dd className="font-mono tabular-nums">{card ? formatPercent(card.testAccuracy, 2) : '…'}</dd>
      </dl>
    </article>
  );
}

function modelBytes(entry: ManifestModel): number {
  return entry.modelJson.bytes + entry.weights.reduce((sum, w) => sum + w.bytes, 0);
}
