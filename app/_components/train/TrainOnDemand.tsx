'use client';

import Link from 'next/link';
import { useState } from 'react';
import { PRIMARY_BUTTON } from '../ui/styles';
import { TrainPanel } from './TrainPanel';

/** The race panel behind a button, so the page downloads no training digits until someone asks. */
export function TrainOnDemand() {
  const [open, setOpen] = useState(false);
  if (open) return <TrainPanel />;
  return (
    <p className="flex flex-wrap items-center gap-3">
      <button type="button" className={PRIMARY_BUTTON} onClick={() => setOpen(true)} data-testid="train-open">
        Open the race here
      </button>
      <Link href="/train" className="underline underline-offset-2">
        or on a page of its own
      </Link>
    </p>
  );
}
