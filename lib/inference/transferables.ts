/** Every distinct buffer under `value`, for a transferring postMessage (a buffer may be listed once only). */
export function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    value.forEach((v) => buffersOf(v, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => buffersOf(v, found));
  }
  return [...found];
}
