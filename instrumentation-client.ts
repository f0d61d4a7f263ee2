import { z } from 'zod';
import { EARLY_START_MARK, LAB_ROOT_ATTRIBUTE, prestartInferenceWorker } from '@/lib/inference/worker-start';

// Before any schema is built: the pages' CSP forbids eval, and zod, which would compile its object
// parsers with Function(), tries it once to find out, a refusal the browser reports as a violation.
z.config({ jitless: true });

// Runs as the framework boots, before the page's own scripts have run: on a page that carries the
// lab, the inference worker starts now, so its scripts download while the page's are evaluated and
// hydrated instead of after (the first answer waits on them). The lab's client takes it over.
if (document.querySelector(`[${LAB_ROOT_ATTRIBUTE}]`)) {
  prestartInferenceWorker();
  performance.mark(EARLY_START_MARK);
}
