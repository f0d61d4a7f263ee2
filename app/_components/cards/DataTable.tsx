export interface DataTableProps {
  caption: string;
  /** Column headings; the first column holds each row's heading. */
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Text of the disclosure toggle; name the model when a section has several tables. */
  summary?: string;
}

/** The numbers behind a chart, folded away under "Show the numbers"; scrolls sideways on a phone. */
export function DataTable({ caption, columns, rows, summary = 'Show the numbers' }: DataTableProps) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer py-1 text-slate-700 underline underline-offset-2">{summary}</summary>
      {/* Focusable so keyboard users can scroll a wide table (axe: scrollable-region-focusable). */}
      <div role="region" aria-label={caption} tabIndex={0} className="mt-2 max-w-full overflow-x-auto">
        <table className="border-collapse text-xs tabular-nums">
          <caption className="pb-1 text-left text-slate-600">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className="border-b border-slate-300 px-2 py-1 text-left font-semibold">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([heading, ...values], r) => (
              <tr key={r}>
                <th scope="row" className="border-b border-slate-100 px-2 py-1 text-left font-semibold">
                  {heading}
                </th>
                {values.map((value, c) => (
                  <td key={c} className="border-b border-slate-100 px-2 py-1 text-right">
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
