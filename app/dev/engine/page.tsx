import { notFound } from 'next/navigation';
import { engineHarnessEnabled } from '@/lib/env';
import { getModelManifest } from '@/lib/storage/server-manifest';
import { EngineHarness } from './EngineHarness';

// Test/benchmark harness for the inference engine (lib/inference): the same manifest as the lab,
// no UI beyond status lines, and `window.__engine` for Playwright (e2e/inference.spec.ts, bench/run.ts).
// Not found unless the server runs with ENGINE_HARNESS=1, checked on every request.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Engine harness · Weight Sharing Lab', robots: { index: false } };

export default async function EngineHarnessPage() {
  if (!engineHarnessEnabled()) notFound();
  const manifest = await getModelManifest();
  return (
    <main className="mx-auto max-w-3xl p-6 font-mono text-sm">
      <h1 className="mb-4 text-lg font-semibold">Inference engine harness</h1>
      <EngineHarness manifest={manifest} />
    </main>
  );
}
