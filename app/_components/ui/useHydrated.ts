'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from the render right after.
 * Before that a click reaches no handler and is lost (on a slow connection the lab's controls
 * are visible seconds before its JavaScript runs), so controls render disabled until then.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** The id of the lab's "starting" note (EngineStatus), which says why the controls are off. */
export const STARTING_NOTE_ID = 'lab-starting';

/** Why a control is off before hydration, on hover. */
export const STARTING_REASON = 'The lab is still starting: this control turns on once the page has loaded.';

/** A control's hover text and description while the page is not hydrated; nothing after. */
export function startingHint(hydrated: boolean): { title?: string; 'aria-describedby'?: string } {
  return hydrated ? {} : { title: STARTING_REASON, 'aria-describedby': STARTING_NOTE_ID };
}
