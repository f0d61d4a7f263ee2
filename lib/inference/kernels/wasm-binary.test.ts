import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CNN_LAYERS_WASM_BASE64 } from './cnn-layers-wasm';
import { LOCALLY_CONNECTED_WASM_BASE64 } from './locally-connected-wasm';
import { compileKernel, renderWasmModule, WASM_KERNELS } from './wasm-binary';

/** Section ids of a WebAssembly binary, in order (the format's header is 8 bytes). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    ids.push(bytes[at++]);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      size |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    at += size;
  }
  return ids;
}

/** What the shipped code imports, by constant name. */
const COMMITTED: Record<string, string> = { LOCALLY_CONNECTED_WASM_BASE64, CNN_LAYERS_WASM_BASE64 };

describe.each(WASM_KERNELS)('WebAssembly kernel binary from $source', (kernel) => {
  const committed = Buffer.from(COMMITTED[kernel.constant], 'base64');

  it('is what its source compiles to today (run `npm run build:wasm` after editing assembly/)', async () => {
    const bytes = await compileKernel(kernel);
    expect(Buffer.from(bytes).equals(committed)).toBe(true);
    expect(await readFile(kernel.module, 'utf8')).toBe(renderWasmModule(kernel, bytes));
  });

  it("lives in tfjs-wasm's heap without touching it on its own: imports its memory, no data segments, no start function", () => {
    const compiled = new WebAssembly.Module(committed);
    expect(WebAssembly.Module.imports(compiled)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(compiled)).toEqual(kernel.exports.map((name) => ({ name, kind: 'function' })));
    const [START, CODE, DATA, DATA_COUNT] = [8, 10, 11, 12];
    const ids = sectionIds(committed);
    expect(ids).toContain(CODE); // the walk reached the code
    for (const id of [START, DATA, DATA_COUNT]) expect(ids).not.toContain(id);
  });
});
