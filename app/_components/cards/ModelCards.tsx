import type { ReactNode } from 'react';
import type { ModelCard } from '@/lib/models/card';
import { defaultPairIds } from '@/lib/models/pair';
import { ConsistencySection } from './ConsistencySection';
import { DistanceSection } from './DistanceSection';
import { GeneralisationSection } from './GeneralisationSection';
import { ParametersSection } from './ParametersSection';
import { PerClassSection } from './PerClassSection';
import { ShiftGridSection } from './ShiftGridSection';
import { TrainingSection } from './TrainingSection';
import { PANEL } from '../ui/styles';

export interface ModelCardsProps {
  /** Every published model's card: what it measured, read from next to its weights. The zoo-wide charts show them all. */
  models: readonly ModelCard[];
  /** The two models the other charts compare in detail (the lab's pair); the default pair when absent. */
  pair?: readonly ModelCard[];
}

/**
 * The model cards: what the trained models measured on the MNIST test set, chart by chart — the
 * shift charts over the whole zoo, so its design is visible at once, the rest for the pair.
 */
export function ModelCards({ models: zoo, pair }: ModelCardsProps) {
  const models = pair ?? defaultPairIds(zoo.map((m) => m.id)).flatMap((id) => zoo.filter((m) => m.id === id));
  return (
    <CardsSection state="ready">
      {models.length === 0 ? (
        <p className="text-sm text-slate-600">No trained model has been evaluated yet.</p>
      ) : (
        <>
          <p className="text-sm leading-relaxed text-slate-700">
            All {zoo.length} models were trained with one recipe on the same digits in the same order; each differs from a neighbour in one
            factor: weight sharing, the head, or the training data. The shift charts show every model; the others compare{' '}
            {models.map((m) => m.name).join(' and ')}. Every number was measured on the MNIST test set when the models were trained.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ParametersSection models={models} />
            <GeneralisationSection models={models} />
          </div>
          <ShiftGridSection models={models} />
          <div className="grid gap-4 lg:grid-cols-2">
            <DistanceSection models={zoo} />
            <ConsistencySection models={zoo} />
          </div>
          <TrainingSection models={models} />
          <PerClassSection models={models} />
        </>
      )}
    </CardsSection>
  );
}

/** The section and its heading, the same while the cards load (`state` is the e2e hook). */
export function CardsSection({ state, children }: { state: 'waiting' | 'loading' | 'ready' | 'error'; children: ReactNode }) {
  return (
    <section aria-labelledby="model-cards-heading" data-testid="model-cards" data-state={state} className={`grid min-w-0 gap-4 ${PANEL}`}>
      <h2 id="model-cards-heading" className="text-xl font-semibold">
        Model cards: what weight sharing buys
      </h2>
      {children}
    </section>
  );
}
