'use client';

import { useEffect, useRef, useState, type ComponentType } from 'react';
import type { InsidePanelProps } from './InsidePanel';
import { MUTED, SECTION } from './theme';

type PanelModule = typeof import('./InsidePanel');

let panelModule: Promise<PanelModule> | null = null;
const loadPanel = () => (panelModule ??= import('./InsidePanel'));

/**
 * "Inside the networks": the heading and what it shows are in the page; the pictures, their maths
 * and the engine calls load once the section comes within a screen of the viewport, so the first
 * prediction does not wait for them.
 */
export function InsideSection(props: InsidePanelProps) {
  const ref = useRef<HTMLElement>(null);
  const [Panel, setPanel] = useState<ComponentType<InsidePanelProps> | null>(null);

  useEffect(() => {
    const section = ref.current;
    if (!section) return;
    let live = true;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        loadPanel().then((module) => live && setPanel(() => module.InsidePanel));
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(section);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, []);

  return (
    <section ref={ref} aria-labelledby="inside-heading" data-testid="inside" data-loaded={Panel ? 'true' : 'false'} className={SECTION}>
      <h2 id="inside-heading" className="text-xl font-semibold">
        4. Inside the networks
      </h2>
      <p className={`text-sm leading-relaxed ${MUTED}`}>
        Weight sharing guarantees one thing: shift the input and a convolution’s feature maps shift with it, exactly, away from the borders.
        A locally connected layer’s do not, because every position has its own kernels. Below, each feature stage of both networks for the
        digit and for the shifted digit; then the shifted maps moved back by the shift, minus the original ones. Where weights are shared
        that difference vanishes.
      </p>
      {Panel ? <Panel {...props} /> : <p className={`text-sm ${MUTED}`}>The feature maps load when you scroll here.</p>}
    </section>
  );
}
