import type { ModelCard } from '@/lib/models/card';
import { ConsistencySection } from './ConsistencySection';
import { DistanceSection } from './DistanceSection';
import { GeneralisationSection } from './GeneralisationSection';
import { ParametersSection } from './ParametersSection';
import { PerClassSection } from './PerClassSection';
import { ShiftGridSection } from './ShiftGridSection';
import { TrainingSection } from './TrainingSection';
import { PANEL } from '../ui/styles';

export interface ModelCardsProps {
  /** Every published model's card: what it measured, read from next to its weights. */
  models: readonly ModelCard[];
}

/**
 * The model cards: what the two trained models measured on the MNIST test set, chart by chart,
 * each with one sentence on what weight sharing buys and what it does not.
 */
export function ModelCards({ models }: ModelCardsProps) {
  return (
    <section aria-labelledby="model-cards-heading" data-testid="model-cards" className={`grid min-w-0 gap-4 ${PANEL}`}>
      <h2 id="model-cards-heading" className="text-xl font-semibold">
        Model cards: what weight sharing buys
      </h2>
      {models.length === 0 ? (
        <p className="text-sm text-slate-600">No trained model has been evaluated yet.</p>
      ) : (
        <>
          <p className="text-sm leading-relaxed text-slate-700">
            Both networks have the same layers and were trained the same way; only the sharing of weights differs. Every number below was
            measured on the MNIST test set when the models were trained.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ParametersSection models={models} />
            <GeneralisationSection models={models} />
          </div>
          <ShiftGridSection models={models} />
          <div className="grid gap-4 lg:grid-cols-2">
            <DistanceSection models={models} />
            <ConsistencySection models={models} />
          </div>
          <TrainingSection models={models} />
          <PerClassSection models={models} />
        </>
      )}
    </section>
  );
}
