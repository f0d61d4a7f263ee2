'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelCard } from '@/lib/models/card';
import { fetchModelCards } from '@/lib/models/cards-client';
import type { ModelId } from '@/lib/models/ids';
import { CardsSection, ModelCards } from './ModelCards';

type Cards = { status: 'waiting' | 'loading' } | { status: 'ready'; cards: ModelCard[] } | { status: 'error'; message: string };

/**
 * The model cards, fetched when the section comes within a screen of the viewport: the lab's page
 * carries only each card's facts, so the first answer does not wait for every chart's data.
 */
export function LazyModelCards({ pair }: { pair: readonly ModelId[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [cards, setCards] = useState<Cards>({ status: 'waiting' });

  const load = useCallback(() => {
    setCards({ status: 'loading' });
    fetchModelCards().then(
      (list) => setCards({ status: 'ready', cards: list }),
      (error: unknown) => setCards({ status: 'error', message: (error as Error).message }),
    );
  }, []);

  useEffect(() => {
    const container = ref.current;
    if (!container || cards.status !== 'waiting') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        load();
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(container);
    return () => observer.disconnect();
  }, [cards.status, load]);

  if (cards.status === 'ready') {
    const pairCards = pair.flatMap((id) => cards.cards.filter((c) => c.id === id));
    return <ModelCards models={cards.cards} pair={pairCards.length ? pairCards : undefined} />;
  }
  return (
    <div ref={ref}>
      <CardsSection state={cards.status}>
        {cards.status === 'error' ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {cards.message}{' '}
            <button type="button" onClick={load} className="underline">
              Try again
            </button>
          </p>
        ) : (
          <p className="min-h-96 text-sm text-slate-600" aria-live="polite">
            {cards.status === 'loading' ? 'Loading the model cards…' : 'The model cards load when you scroll here.'}
          </p>
        )}
      </CardsSection>
    </div>
  );
}
