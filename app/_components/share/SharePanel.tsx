'use client';

import { useState } from 'react';
import type { ShiftOffset } from '@/lib/digits/shift';
import { errorMessage } from '@/lib/inference/errors';
import type { DeviceBenchmark } from '@/lib/inference/device-benchmark';
import type { Prediction } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';
import { postShare, shareRequestFor } from '@/lib/share/client';
import { PANEL, PRIMARY_BUTTON } from '../ui/styles';

interface SharePanelProps {
  /** The unshifted input, or null before there is one. */
  pixels: Uint8Array | null;
  shift: ShiftOffset;
  /** The pair on the page, each of which must have a prediction to share. */
  models: readonly [ModelId, ModelId];
  predictions: Partial<Record<ModelId, Prediction>>;
  /** This device's benchmark, if one was run: it may go with the link. */
  benchmark: DeviceBenchmark | null;
}

type ShareState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; url: string } | { kind: 'failed'; message: string };

/** Stores the current result and shows a short link that reproduces it. */
export function SharePanel({ pixels, shift, models, predictions, benchmark }: SharePanelProps) {
  const [state, setState] = useState<ShareState>({ kind: 'idle' });
  const [copied, setCopied] = useState(false);
  const [attach, setAttach] = useState(true);
  const request = pixels ? shareRequestFor({ pixels, shift, models, predictions, benchmark: attach ? benchmark : null }) : null;
  const ready = request !== null;

  async function share() {
    if (!request) return;
    setState({ kind: 'saving' });
    setCopied(false);
    try {
      const { url } = await postShare(request);
      setState({ kind: 'saved', url: new URL(url, window.location.origin).toString() });
    } catch (e) {
      setState({ kind: 'failed', message: `Could not share: ${errorMessage(e)}` });
    }
  }

  async function copy(url: string) {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }

  return (
    <section aria-labelledby="share-heading" className={`grid gap-3 ${PANEL}`}>
      <h2 id="share-heading" className="text-xl font-semibold">
        Share this result
      </h2>
      {benchmark && (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            data-testid="share-benchmark"
            checked={attach}
            onChange={(e) => setAttach(e.currentTarget.checked)}
            className="h-5 w-5"
          />
          Attach this device’s benchmark ({benchmark.adapter}), so whoever opens the link can compare devices
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          data-testid="share-button"
          onClick={share}
          disabled={!ready || state.kind === 'saving'}
          className={PRIMARY_BUTTON}
        >
          {state.kind === 'saving' ? 'Saving…' : 'Share'}
        </button>
        {state.kind === 'saved' && (
          <>
            <a data-testid="share-url" href={state.url} className="break-all font-mono text-sm text-blue-800 underline">
              {state.url}
            </a>
            <button
              type="button"
              onClick={() => copy(state.url)}
              className="min-h-11 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-700"
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </>
        )}
      </div>
      {state.kind === 'failed' && (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      )}
      {!ready && <p className="text-sm text-slate-600">Draw or pick a digit first; the link stores it with both predictions.</p>}
    </section>
  );
}
