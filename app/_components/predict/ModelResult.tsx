'use client';

import type { LabModel } from '@/lib/storage/manifest';
import { entryBytes, type LatencyStats, type ModelStatus, type Prediction } from '@/lib/inference/types';
import { formatBytes, formatMs, formatPercent } from '@/lib/viz/format';
import { ProbabilityBars } from './ProbabilityBars';
import { modelColor, modelTextClass, modelTitle } from '../ui/model-style';

interface ModelResultProps {
  model: LabModel;
  /** The prediction for the current shifted input; undefined while it is computed or with no input. */
  prediction: Prediction | undefined;
  latency: LatencyStats | undefined;
  /** Where the model stands while it loads (it answers once 'ready'). */
  status: ModelStatus | undefined;
}

/**
 * One model's probabilities for the current input, its speed and its vital statistics. Its reading
 * (top digit, confidence) is the ReadingStrip's: on wide screens that strip is this card's header.
 * While its files load it says so: the other model may answer meanwhile.
 */
export function ModelResult({ model, prediction, latency, status }: ModelResultProps) {
  const { id, card } = model;
  const title = modelTitle(card);
  return (
    <article
      aria-labelledby={`result-${id}`}
      className="grid min-w-0 content-start gap-2 rounded-lg border border-slate-200 p-3 lg:rounded-t-none lg:border-t-0 lg:px-4 lg:pt-1"
    >
      {/* On phones the reading sits in the strip by the pad: say again whose bars these are. */}
      <p aria-hidden="true" className={`text-sm font-semibold lg:hidden ${modelTextClass(card)}`}>
        {title}
      </p>
      <div
        data-testid={`prediction-${id}`}
        data-state={prediction ? 'ready' : 'pending'}
        data-top={prediction?.top}
        data-probs={prediction?.probs.join(',')}
        className={`grid min-h-27 ${prediction ? 'content-end' : 'content-center'}`}
      >
        {prediction ? (
          <ProbabilityBars probs={prediction.probs} top={prediction.top} color={modelColor(card)} label={`${title} probabilities`} />
        ) : (
          <p className="text-sm text-slate-600" data-testid={`waiting-${id}`}>
            {waitingFor(status)}
          </p>
        )}
      </div>
      <p className="text-xs leading-relaxed text-slate-600">
        <span className="whitespace-nowrap">
          <span data-testid={`latency-${id}`} data-p50-ms={latency?.p50Ms} className="font-mono text-slate-900 tabular-nums">
            {latency ? formatMs(latency.p50Ms) : '…'}
          </span>{' '}
          a prediction, warm{latency && ` (p95 ${formatMs(latency.p95Ms)})`}
        </span>{' '}
        · <span className="whitespace-nowrap">first run {latency ? formatMs(latency.coldMs) : '…'}</span>
        <br />
        {card.params.toLocaleString('en-US')} parameters · {formatBytes(entryBytes(model))} · {formatPercent(card.testAccuracy, 2)} test
        accuracy
      </p>
    </article>
  );
}

/** What a model without a reading is waiting for: its own files, or a digit. */
function waitingFor(status: ModelStatus | undefined): string {
  switch (status?.state) {
    case undefined:
    case 'ready':
      return 'The probability of each digit shows here.';
    case 'downloading':
      return `Loading… ${formatPercent(status.totalBytes ? status.loadedBytes / status.totalBytes : 0, 0)} of ${formatBytes(status.totalBytes)}; it joins when ready`;
    case 'building':
      return 'Building…';
    case 'error':
      return 'Did not load (see above)';
    case 'queued':
      return 'Waiting for the smaller model to load first…';
  }
}
