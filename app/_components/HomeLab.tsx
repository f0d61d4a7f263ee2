'use client';

import { useEffect, useMemo, useState } from 'react';
import { fetchLabModels } from '@/lib/models/lab-models-client';
import { parseLabQuery, searchParamsOf } from '@/lib/share/lab-query';
import type { LabModel } from '@/lib/storage/manifest';
import { LAB_ROOT_ATTRIBUTE } from '@/lib/inference/worker-start';
import { sharedAndUnshared } from '@/lib/viz/card-stats';
import { Intro } from './Intro';
import { Lab } from './Lab';
import { preloadFirstAnswer } from './engine/preload';
import { PANEL } from './ui/styles';

type Published = { status: 'loading' } | { status: 'ready'; models: LabModel[] } | { status: 'error'; message: string };

/**
 * The lab's own page. The page is the same for everyone and served as built, so the published
 * models are fetched here (the proxy has the browser start that request with the page) and a lab
 * link (/?a=…&b=…&digit=…&dx=…&dy=…) is read from the address; what it cannot have is shown instead.
 */
export function HomeLab() {
  const [published, setPublished] = useState<Published>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The wasm binary's preload goes into the built page's <head>: its URL is fixed by the build.
  preloadFirstAnswer([]);

  useEffect(() => {
    let current = true;
    fetchLabModels().then(
      (models) => current && setPublished({ status: 'ready', models }),
      (error: unknown) => current && setPublished({ status: 'error', message: (error as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  // Once the models are in: the lab's start, from the address.
  const lab = useMemo(() => {
    if (published.status !== 'ready') return null;
    const { models } = published;
    const { state, problems } = parseLabQuery(
      searchParamsOf(window.location.search),
      models.map((m) => m.id),
    );
    return { models, initial: { ...state, linkProblems: problems } };
  }, [published]);
  const pair = lab && sharedAndUnshared(lab.models.map((m) => m.card));

  return (
    <>
      <Intro parameterRatio={pair && pair.unshared.params / pair.shared.params} />
      {lab ? (
        <Lab models={lab.models} initial={lab.initial} followInAddress withCards />
      ) : (
        // Marked as the lab: the inference worker starts as the framework boots (instrumentation-client.ts).
        <div className={`min-h-[60vh] ${PANEL}`} {...{ [LAB_ROOT_ATTRIBUTE]: true }}>
          {published.status === 'error' ? (
            <p role="alert" data-testid="models-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
              {published.message}{' '}
              <button
                type="button"
                onClick={() => {
                  setPublished({ status: 'loading' });
                  setAttempt((n) => n + 1);
                }}
                className="underline"
              >
                Try again
              </button>
            </p>
          ) : (
            <p className="text-sm text-slate-600" aria-live="polite">
              Loading the models…
            </p>
          )}
        </div>
      )}
    </>
  );
}
