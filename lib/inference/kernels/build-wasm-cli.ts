import { writeFile } from 'node:fs/promises';
import { compileKernels, renderWasmModule, WASM_MODULE } from './wasm-binary';

/** `npm run build:wasm`: recompiles assembly/ into WASM_MODULE. */
async function main(): Promise<void> {
  const bytes = await compileKernels();
  await writeFile(WASM_MODULE, renderWasmModule(bytes));
  console.log(`${WASM_MODULE}: ${bytes.byteLength} bytes of WebAssembly`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
