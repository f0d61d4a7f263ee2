import { writeFile } from 'node:fs/promises';
import { compileKernel, renderWasmModule, WASM_KERNELS } from './wasm-binary';

/** `npm run build:wasm`: recompiles every kernel in assembly/ into its generated module. */
async function main(): Promise<void> {
  for (const kernel of WASM_KERNELS) {
    const bytes = await compileKernel(kernel);
    await writeFile(kernel.module, renderWasmModule(kernel, bytes));
    console.log(`${kernel.module}: ${bytes.byteLength} bytes of WebAssembly`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
