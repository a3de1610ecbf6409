/** The bytes a model's typed arrays hold, exactly (bench/child.ts columns; tests/model/memory.test.ts). */

/**
 * Bytes of the typed arrays reachable from `root` (the model's columns, scratch, bins and streams'
 * states), each underlying buffer counted once however many views share it: what the model holds,
 * exactly, without the noise of a process's peak. Counted after preparation (nothing the months
 * allocate later is kept); module-level tables (the ranking's histogram, fastExp's table, the
 * ziggurat's), about half a byte a household at 1,000,000, are not reachable from the model.
 */
export function typedArrayBytes(root: object): number {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      buffers.add(value.buffer);
      return;
    }
    if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
      buffers.add(value);
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  let bytes = 0;
  for (const buffer of buffers) bytes += buffer.byteLength;
  return bytes;
}
