import 'server-only';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { costColumns, costRowValues, REPORT_CURRENCY, totalFields } from '@/lib/finance/cost-row';
import type { CostRow, CostTotals } from '@/lib/finance/cost-row';
import { fromCents, toCents } from '@/lib/sla/money';
import { BATCH_BYTES, csvStream as csvTextStream } from '@/lib/server/web/csv-stream';

// Exports stream: rows go out as they are computed, so a 2,000-chain, 24-month file never sits in memory.

export function emptyTotals(): Record<(typeof totalFields)[number], bigint> {
  return { compute: 0n, database: 0n, other: 0n, cost: 0n, sharedShare: 0n, revenue: 0n, credits: 0n, margin: 0n };
}

export function addToTotals(totals: ReturnType<typeof emptyTotals>, row: CostRow): void {
  for (const f of totalFields) totals[f] += toCents(row[f]);
}

export function totalsAsMoney(totals: ReturnType<typeof emptyTotals>): CostTotals {
  return Object.fromEntries(totalFields.map((f) => [f, fromCents(totals[f])])) as CostTotals;
}

export function csvStream(rows: AsyncIterable<CostRow>): ReadableStream<Uint8Array> {
  return csvTextStream(
    costColumns.map(([name]) => name),
    rows,
    costRowValues,
  );
}

export function jsonStream(
  rows: AsyncIterable<CostRow>,
  head: { from: string; to: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  const totals = emptyTotals();
  let first = true;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(
            `{"from":${JSON.stringify(head.from)},"to":${JSON.stringify(head.to)},"currency":"${REPORT_CURRENCY}","rows":[`,
          ),
        );
        return;
      }
      let batch = '';
      while (batch.length < BATCH_BYTES) {
        const next = await iterator.next();
        if (next.done) {
          controller.enqueue(encoder.encode(`${batch}],"totals":${JSON.stringify(totalsAsMoney(totals))}}`));
          controller.close();
          return;
        }
        addToTotals(totals, next.value);
        batch += `${first ? '' : ','}${JSON.stringify(next.value)}`;
        first = false;
      }
      controller.enqueue(encoder.encode(batch));
    },
  });
}

const money = '#,##0.00 "USD";-#,##0.00 "USD"';
const moneyColumns = new Set([
  'cost_compute',
  'cost_database',
  'cost_other',
  'cost_total',
  'cost_shared_share',
  'revenue',
  'sla_credits',
  'margin',
]);

/** XLSX with typed cells: months as dates, amounts as numbers in a currency format, a totals row, frozen header. */
export function xlsxStream(rows: AsyncIterable<CostRow>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Costs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = costColumns.map(([name]) => ({
    header: name,
    key: name,
    width: name === 'chain_name' ? 24 : name === 'month' ? 10 : 16,
    style: moneyColumns.has(name)
      ? { numFmt: money }
      : name === 'month'
        ? { numFmt: 'yyyy-mm' }
        : name.endsWith('_pct')
          ? { numFmt: '0.00' }
          : {},
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    const totals = emptyTotals();
    let count = 0;
    try {
      for await (const r of rows) {
        addToTotals(totals, r);
        count += 1;
        // Rows resolve without touching the event loop (an embedded database answers in-process), so the
        // zip and the socket get no turn unless given one; and a slow reader holds the writer back.
        if (count % 200 === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          while (out.readableLength > 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const v = costRowValues(r);
        sheet
          .addRow(
            costColumns.map(([name], i) => {
              const value = v[i];
              if (name === 'month') return new Date(`${r.month}-01T00:00:00Z`);
              if (moneyColumns.has(name) || name.endsWith('_pct'))
                return value === null || value === '' ? null : Number(value);
              if (name === 'under_target') return r.underTarget;
              return value;
            }),
          )
          .commit();
      }
      const t = totalsAsMoney(totals);
      const fieldOf: Record<string, keyof CostTotals> = {
        cost_compute: 'compute',
        cost_database: 'database',
        cost_other: 'other',
        cost_total: 'cost',
        cost_shared_share: 'sharedShare',
        revenue: 'revenue',
        sla_credits: 'credits',
        margin: 'margin',
      };
      const totalRow = sheet.addRow(
        costColumns.map(([name], i) => {
          if (i === 0) return 'Total';
          const field = fieldOf[name];
          if (!field) return null;
          const letter = sheet.getColumn(i + 1).letter;
          // A formula Excel recomputes, with the exact total as its cached result.
          return { formula: `SUM(${letter}2:${letter}${count + 1})`, result: Number(t[field]) };
        }),
      );
      totalRow.font = { bold: true };
      totalRow.commit();
      await sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
