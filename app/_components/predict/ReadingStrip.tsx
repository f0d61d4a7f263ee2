'use client';

import type { ModelFacts } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import type { Prediction } from '@/lib/inference/types';
import { formatPercent } from '@/lib/viz/format';
import { modelTextClass, modelTitle } from '../ui/model-style';

interface ReadingStripProps {
  /** The models compared, in display order (whichever they are). */
  models: readonly ModelFacts[];
  predictions: Partial<Record<ModelId, Prediction>>;
}

/**
 * What each model reads, as it is drawn: its top digit and confidence. On phones a compact strip
 * that stays in view (at the bottom of the screen below the pad, at the top past it) while the lab's
 * first panel is, so drawing, shifting and reading need no scrolling back and forth; on wide screens
 * the header of each model's result card.
 */
export function ReadingStrip({ models, predictions }: ReadingStripProps) {
  return (
    <section
      aria-labelledby="readings-heading"
      data-testid="reading-strip"
      className="sticky top-2 bottom-2 z-10 grid gap-x-4 rounded-lg border border-slate-300 bg-white/95 px-3 py-1.5 shadow-lg backdrop-blur-sm lg:static lg:rounded-none lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none lg:backdrop-blur-none"
      style={{ gridTemplateColumns: `repeat(${models.length}, minmax(0, 1fr))` }}
    >
      {/* Level with the pad's heading on wide screens, so each top digit sits no higher than the pad's top edge. */}
      <h2 id="readings-heading" className="sr-only lg:not-sr-only lg:col-span-full lg:mb-3 lg:text-lg lg:font-semibold">
        What each network reads
      </h2>
      {models.map((card) => (
        <Reading key={card.id} card={card} prediction={predictions[card.id]} />
      ))}
    </section>
  );
}

function Reading({ card, prediction }: { card: ModelFacts; prediction: Prediction | undefined }) {
  const { id } = card;
  return (
    <div className="flex min-w-0 flex-wrap items-baseline gap-x-2 lg:block lg:rounded-t-lg lg:border lg:border-b-0 lg:border-slate-200 lg:px-4 lg:pt-3">
      <h3 id={`result-${id}`} className={`text-sm font-semibold lg:text-base ${modelTextClass(card)}`}>
        <span className="lg:hidden">{card.name}</span>
        <span className="hidden lg:inline">{modelTitle(card)}</span>
      </h3>
      <p aria-live="polite" className="flex items-baseline gap-x-2 text-sm text-slate-600">
        <span className="sr-only lg:not-sr-only">{prediction ? 'reads' : ''}</span>
        <span
          data-testid={`top-${id}`}
          data-state={prediction ? 'ready' : 'pending'}
          data-top={prediction?.top}
          className="text-3xl leading-tight font-bold text-slate-900 tabular-nums lg:text-4xl"
        >
          {prediction ? prediction.top : '–'}
        </span>
        <span className="whitespace-nowrap">
          {prediction ? (
            <>
              {formatPercent(prediction.probs[prediction.top])}
              <span className="sr-only lg:not-sr-only"> confidence</span>
            </>
          ) : (
            // On phones the dash says it; the strip stays one line.
            <span className="sr-only lg:not-sr-only">waiting for a digit</span>
          )}
        </span>
      </p>
    </div>
  );
}
