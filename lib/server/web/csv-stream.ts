import 'server-only';
import { csvRecord } from '@/lib/finance/csv';

// Rows go out in batches of about this many bytes: one socket write per row would cost more than the rows.
export const BATCH_BYTES = 64 * 1024;

/** A CSV download streamed as its rows are read, so a large export never sits in memory. */
export function csvStream<T>(
  header: string[],
  rows: AsyncIterable<T>,
  values: (row: T) => (string | number | null)[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      let batch = headerSent ? '' : csvRecord(header);
      headerSent = true;
      while (batch.length < BATCH_BYTES) {
        const next = await iterator.next();
        if (next.done) {
          if (batch) controller.enqueue(encoder.encode(batch));
          controller.close();
          return;
        }
        batch += csvRecord(values(next.value));
      }
      controller.enqueue(encoder.encode(batch));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
