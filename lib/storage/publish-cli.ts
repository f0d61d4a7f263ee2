import { readEnv } from '@/lib/env';
import { createBlobStore, describeBlobStore } from './create-store';
import { publishModels } from './publish';

/**
 * `npm run models:publish`: uploads models/ into the blob store the environment selects
 * (Vercel Blob with BLOB_READ_WRITE_TOKEN, else the local store) and writes the manifest last.
 */
async function main(): Promise<void> {
  const env = readEnv();
  console.log(describeBlobStore(env));
  const report = await publishModels({ store: createBlobStore(env), modelsDir: env.MODELS_DIR, log: (line) => console.log(line) });
  for (const model of report.manifest.models) console.log(`${model.id}: ${model.modelJson.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
