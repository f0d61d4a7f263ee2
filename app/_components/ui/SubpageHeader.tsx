import Link from 'next/link';
import type { ReactNode } from 'react';

/** The header of a page beside the lab: links back (the lab first, then `links`), the title, then `children`. */
export function SubpageHeader({ title, links, children }: { title: string; links?: ReactNode; children?: ReactNode }) {
  return (
    <header className="grid gap-2">
      <p className="text-sm">
        <Link href="/" className="underline underline-offset-2">
          ← Weight Sharing Lab
        </Link>
        {links && <> · {links}</>}
      </p>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {children}
    </header>
  );
}
