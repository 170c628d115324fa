import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { costColumns } from '@/lib/finance/cost-row';
import type { CostRow } from '@/lib/finance/cost-row';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb, seedDemoPrices } from '@/lib/server/demo/seed-demo-db';
import { costReportRows } from '@/lib/server/finance/cost-report';
import { csvStream, xlsxStream } from '@/lib/server/finance/export-costs';
import { ingestCosts, ingestWindows } from '@/lib/server/finance/ingest-costs';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { requireEmulator } from '../support/aws';

const fleet = buildDemoFleet();
const now = new Date();
const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
const key = (d: Date) => d.toISOString().slice(0, 7);
const day = (d: Date) => d.toISOString().slice(0, 10);
const [m1, m2] = [month(1), month(2)];

// What Cost Explorer "returned" for our account: known amounts, cents only, so every figure is hand-checked.
const group = (tag: string, service: string, amount: string) => ({
  Keys: [`fleetpane:chain$${tag}`, service],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const known = [
  { TimePeriod: { Start: day(m2), End: day(m1) }, Groups: [group('burger-barn', EC2, '99.99')], Estimated: false },
  {
    TimePeriod: { Start: day(m1), End: day(month(0)) },
    Groups: [
      group('burger-barn', EC2, '100.10'),
      group('burger-barn', RDS, '250.25'),
      group('bagel-bros', EC2, '10.00'),
      group('shared/fp-shared-us-east-1-1', RDS, '90.01'),
      group('', 'AWS Data Transfer', '5.55'),
    ],
    Estimated: false,
  },
];
const CE_TOTAL_CENTS = 9999 + 10010 + 25025 + 1000 + 9001 + 555;

async function load(results: unknown[]): Promise<void> {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    body: JSON.stringify({ account_id: '123456789012', results }),
  });
  expect(res.ok).toBe(true);
}

async function rowsOf(gen: AsyncIterable<CostRow>): Promise<CostRow[]> {
  const out: CostRow[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const cents = (v: string) => Math.round(Number(v) * 100);
const query = { from: m2, to: m1, managerId: null };

describe('finance against Cost Explorer in the emulator', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 1 });
    await seedDemoPrices();
    await seedDemoAws(fleet);
    await collectFleet(); // the deployment as read: what estimates are priced from
    // Customers since before the report's first month (the seed dates chains by their metric history).
    await db.chain.updateMany({ data: { createdAt: month(3) } });
    await load([{ ResultsByTime: known }, ...(ingestWindows(now).daily ? [{ ResultsByTime: [] }] : [])]);
  });

  it('ingests idempotently: a re-run replaces the period, never doubles it', async () => {
    const first = await ingestCosts(now);
    expect(first.failures).toEqual([]);
    const count = await db.costLine.count();
    expect(count).toBe(6);
    await ingestCosts(now);
    expect(await db.costLine.count()).toBe(count);
  });

  it('prices each chain from actuals, splits the shared instance to the cent, and keeps untagged cost', async () => {
    const rows = await rowsOf(costReportRows(query));
    const at = (chain: string | null, m: Date) => rows.find((r) => r.chain === chain && r.month === key(m))!;
    expect(at('burger-barn', m1)).toMatchObject({
      source: 'actual',
      compute: '100.10',
      database: '250.25',
      cost: '350.35',
    });
    expect(at('burger-barn', m2)).toMatchObject({ source: 'actual', compute: '99.99', cost: '99.99' });
    // 90.01 between three chains: 30.01 to the first by slug, 30.00 to the others; the parts sum to the whole.
    expect(at('bagel-bros', m1)).toMatchObject({ compute: '10.00', database: '30.01', sharedShare: '30.01' });
    expect(at('curry-house', m1).sharedShare).toBe('30.00');
    expect(at('waffle-works', m1).sharedShare).toBe('30.00');
    expect(at(null, m1)).toMatchObject({ chainName: '(untagged)', other: '5.55' });
    // The actual rows add up to exactly what Cost Explorer returned.
    expect(rows.filter((r) => r.source === 'actual').reduce((s, r) => s + cents(r.cost), 0)).toBe(CE_TOTAL_CENTS);
  });

  it('estimates only where actuals are missing, from the price catalog', async () => {
    const rows = await rowsOf(costReportRows(query));
    const bistro = rows.find((r) => r.chain === 'le-petit-bistro' && r.month === key(m1))!;
    expect(bistro.source).toBe('estimated');
    // m6i.large at 0.1056 $/h in eu-west-1, db.m6g.large Multi-AZ at 2 × 0.1672 $/h, 300 GB Multi-AZ at 2 × 0.1265 $/GB-month.
    const hours = (month(0).getTime() - m1.getTime()) / 3_600_000;
    const expected = Math.round(0.1056 * hours * 100) + Math.round((2 * 0.1672 * hours + 2 * 0.1265 * 300) * 100);
    expect(cents(bistro.cost)).toBe(expected);
    expect(rows.filter((r) => r.chain === 'burger-barn').every((r) => r.source === 'actual')).toBe(true);
  });

  it('marks an estimate incomplete, never a price of 0, when the deployment was not read or a price is missing', async () => {
    const where = { chain: { slug: 'le-petit-bistro' } };
    const was = await db.deployment.findFirstOrThrow({ where, select: { dbClass: true, appInstanceType: true } });
    await db.deployment.updateMany({ where, data: { dbClass: null, appInstanceType: 'x9.unpriced' } });
    try {
      const rows = await rowsOf(costReportRows(query));
      const bistro = rows.find((r) => r.chain === 'le-petit-bistro' && r.month === key(m1))!;
      expect(bistro).toMatchObject({
        source: 'estimated',
        incomplete: 'the database not read yet; no catalog price for ec2-instance x9.unpriced in eu-west-1',
        marginPct: null,
        underTarget: false,
      });
      // What could be priced (storage) is counted: a lower bound, not 0 and not a full figure.
      expect(cents(bistro.cost)).toBe(Math.round(2 * 0.1265 * 300 * 100));
      const text = await new Response(csvStream(costReportRows(query))).text();
      const lines = text.split('\r\n');
      const header = lines[0]!.split(',');
      const line = lines.find((l) => l.startsWith(`${key(m1)},le-petit-bistro,`))!;
      expect(line.split(',').at(header.indexOf('cost_incomplete'))).toBe(bistro.incomplete);
      expect(rows.find((r) => r.chain === 'burger-barn' && r.month === key(m1))!.incomplete).toBeNull();
    } finally {
      await db.deployment.updateMany({ where, data: was });
    }
  });

  it('computes margin as revenue − credits − cost, against the contract’s target', async () => {
    const rows = await rowsOf(costReportRows(query));
    const bb = rows.find((r) => r.chain === 'burger-barn' && r.month === key(m1))!;
    // 4,900.00 + upgrades 350.00 + 92.00 = 5,342.00; no health measured that month: no credit.
    expect(bb).toMatchObject({
      revenue: '5342.00',
      credits: '0.00',
      margin: '4991.65',
      marginPct: 93.44,
      marginTargetPct: 35,
      underTarget: false,
    });
    // Euros at the catalog's 1.08: Le Petit Bistro pays 4,900.00 EUR = 5,292.00 USD.
    expect(rows.find((r) => r.chain === 'le-petit-bistro' && r.month === key(m1))!.revenue).toBe('5292.00');
  });

  it('exports CSV (RFC 4180) whose rows and totals match the report cell by cell', async () => {
    const rows = await rowsOf(costReportRows(query));
    const text = await new Response(csvStream(costReportRows(query))).text();
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(costColumns.map(([c]) => c).join(','));
    expect(lines.length - 2).toBe(rows.length);
    const header = lines[0]!.split(',');
    const bb = lines.find((l) => l.startsWith(`${key(m1)},burger-barn,`))!.split(',');
    const cell = (name: string) => bb[header.indexOf(name)];
    expect([
      cell('cost_total'),
      cell('revenue'),
      cell('margin'),
      cell('margin_pct'),
      cell('cost_source'),
      cell('currency'),
    ]).toEqual(['350.35', '5342.00', '4991.65', '93.44', 'actual', 'USD']);
    // "Crêpe Corner" keeps its accent: UTF-8.
    expect(text).toContain('Crêpe Corner');
  });

  it('exports XLSX with typed cells, a frozen header and a totals row equal to the sum of the rows', async () => {
    const rows = await rowsOf(costReportRows(query));
    const buffer = Buffer.from(await new Response(xlsxStream(costReportRows(query))).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Costs')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (name: string) => costColumns.findIndex(([c]) => c === name) + 1;
    const bbRow = sheet
      .getRows(2, rows.length)!
      .find(
        (r) =>
          r.getCell(col('chain')).value === 'burger-barn' &&
          (r.getCell(col('month')).value as Date).toISOString().startsWith(key(m1)),
      )!;
    expect(bbRow.getCell(col('cost_total')).value).toBe(350.35);
    expect(bbRow.getCell(col('month')).value).toBeInstanceOf(Date);
    const total = sheet.getRow(rows.length + 2);
    expect(total.getCell(1).value).toBe('Total');
    const totalCost = total.getCell(col('cost_total')).value as { formula: string; result: number };
    expect(totalCost.formula).toBe(`SUM(I2:I${rows.length + 1})`);
    expect(Math.round(totalCost.result * 100)).toBe(rows.reduce((s, r) => s + cents(r.cost), 0));
  });
});
