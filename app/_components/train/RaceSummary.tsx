import type { RaceModelId } from '@/lib/learning/race-settings';
import { raceModelName } from './RaceCharts';

/** What the summary shows of one side (live progress or a finished or shared race). */
export interface RaceSideSummary {
  modelId: RaceModelId;
  step: number;
  totalSteps: number;
  accuracy: readonly [number, number][];
  seconds: number;
  samplesPerSecond?: number;
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Per model: latest held-out accuracy, steps, time and throughput; `data-accuracy` (0–1) and `data-steps` for tests. */
export function RaceSummary({ sides, caption }: { sides: readonly RaceSideSummary[]; caption: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="max-w-full overflow-x-auto">
      <table className="border-collapse text-sm tabular-nums">
        <caption className="pb-1 text-left text-slate-600">{caption}</caption>
        <thead>
          <tr>
            {['model', 'held-out accuracy', 'steps', 'seconds', 'samples/s'].map((c) => (
              <th key={c} scope="col" className="border-b border-slate-300 px-2 py-1 text-left font-semibold">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sides.map((side) => {
            const latest = side.accuracy.at(-1)?.[1];
            return (
              <tr
                key={side.modelId}
                data-testid={`train-accuracy-${side.modelId}`}
                data-accuracy={latest ?? ''}
                data-steps={side.step}
                data-samples-per-second={side.samplesPerSecond ?? ''}
              >
                <th scope="row" className="border-b border-slate-100 px-2 py-1 text-left">
                  {raceModelName(side.modelId)}
                </th>
                <td className="border-b border-slate-100 px-2 py-1 text-right">{latest === undefined ? '—' : percent(latest)}</td>
                <td className="border-b border-slate-100 px-2 py-1 text-right">
                  {side.step.toLocaleString('en')} / {side.totalSteps.toLocaleString('en')}
                </td>
                <td className="border-b border-slate-100 px-2 py-1 text-right">{side.seconds.toFixed(1)}</td>
                <td className="border-b border-slate-100 px-2 py-1 text-right">
                  {side.samplesPerSecond === undefined ? '—' : Math.round(side.samplesPerSecond).toLocaleString('en')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
