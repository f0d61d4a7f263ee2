import type { ReactNode } from 'react';

export interface CardSectionProps {
  /** Base of the heading id, unique on the page. */
  id: string;
  title: string;
  /** The chart(s). */
  children: ReactNode;
  /** What the chart shows and what it measured, in a sentence or two. */
  caption: ReactNode;
  /** The one plain-language sentence: what weight sharing buys here, and what it does not. */
  takeaway: string;
  /** The numbers behind the chart. */
  table: ReactNode;
}

/** One section of the model cards: a captioned chart, its lesson about weight sharing, its numbers. */
export function CardSection({ id, title, children, caption, takeaway, table }: CardSectionProps) {
  return (
    <section aria-labelledby={`${id}-heading`} className="grid min-w-0 content-start gap-3 rounded-lg border border-slate-200 p-4">
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h3>
      <figure className="m-0 grid min-w-0 gap-2">
        {children}
        <figcaption className="text-sm leading-relaxed text-slate-600">{caption}</figcaption>
      </figure>
      <p className="border-l-4 border-slate-300 pl-3 text-sm leading-relaxed text-slate-800">{takeaway}</p>
      {table}
    </section>
  );
}
