import Link from 'next/link';
import type { ClaimEvidence } from '@/lib/experiments/evidence';
import { DataTable } from '../cards/DataTable';
import { EvidenceChart } from './EvidenceChart';
import { VerdictBadge } from './VerdictBadge';

/**
 * One claim: what is said, how it was tested, the chart and its numbers, the computed verdict and
 * a link into the lab; or, until its experiments have run, what is pending and the command.
 */
export function ClaimSection({ evidence, className }: { evidence: ClaimEvidence; className: string }) {
  const { key, title, claim, experiment, lab, result } = evidence;
  const headingId = `claim-${key}-heading`;
  const verdict = result.status === 'ready' ? result.verdict.verdict : 'pending';
  return (
    <section aria-labelledby={headingId} data-testid={`claim-${key}`} data-verdict={verdict} className={`grid min-w-0 gap-3 ${className}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">
          {title}
        </h2>
        <VerdictBadge verdict={verdict} />
      </div>
      <p className="leading-relaxed">
        <strong>The claim.</strong> {claim}
      </p>
      <p className="text-sm leading-relaxed text-slate-700">
        <strong>The experiment.</strong> {experiment}
      </p>
      {result.status === 'ready' ? (
        <>
          <figure className="m-0 grid min-w-0 gap-2">
            <EvidenceChart chart={result.chart} />
            <figcaption className="text-sm leading-relaxed text-slate-600">{result.table.caption}.</figcaption>
          </figure>
          <p data-testid="verdict-sentence" className="border-l-4 border-slate-300 pl-3 leading-relaxed text-slate-900">
            {result.verdict.sentence}
          </p>
          {result.note && <p className="text-sm leading-relaxed text-slate-600">{result.note}</p>}
          <DataTable caption={result.table.caption} columns={result.table.columns} rows={result.table.rows} />
        </>
      ) : (
        <div
          data-testid="evidence-pending"
          data-verdict="pending"
          className="grid gap-2 rounded-md border border-dashed border-slate-400 p-3 text-sm"
        >
          <p>
            <strong>Pending.</strong> {result.reason} No numbers are shown until they exist. To produce them:
          </p>
          <pre
            className="overflow-x-auto rounded bg-slate-100 p-2 text-slate-900"
            tabIndex={0}
            aria-label="Command that produces this section's data"
          >
            <code>{result.command}</code>
          </pre>
        </div>
      )}
      <p className="text-sm">
        <Link href={lab.href} data-testid={`lab-link-${key}`} className="underline underline-offset-2">
          {lab.text}
        </Link>
      </p>
    </section>
  );
}
