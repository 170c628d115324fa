import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

const cents = (v: string) => Math.round(Number(v.replace(/[^\d.-]/g, '')) * 100);

function parseCsv(text: string): string[][] {
  // The export quotes only fields with commas, quotes or line breaks (RFC 4180).
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

test('finance opens the report, changes the range, and downloads CSV and XLSX that add up', async ({
  page,
  signInAs,
}) => {
  await signInAs('finance');
  await page.goto('/reports/costs');
  await expect(page.getByTestId('cost-row-burger-barn')).toBeVisible();
  await expect(page.getByTestId('cost-row-untagged')).toBeVisible();
  // A year of actuals from Cost Explorer, and this month estimated: Burger Barn is "mixed".
  await expect(page.getByTestId('cost-row-burger-barn')).toContainText('mixed');

  // Last three closed months only.
  const now = new Date();
  const m = (back: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  await page.getByLabel('From', { exact: true }).fill(m(3));
  await page.getByLabel('To', { exact: true }).fill(m(1));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${m(3)}&to=${m(1)}`));
  await expect(page.getByTestId('cost-row-burger-barn')).toContainText('actual');
  const pageTotal = cents((await page.getByTestId('cost-total-row').locator('td').nth(4).textContent())!);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe(`fleetpane-costs-${m(3)}-to-${m(1)}.csv`);
  const csv = parseCsv(await readFile((await csvDownload.path())!, 'utf8'));
  const header = csv[0]!;
  const body = csv.slice(1);
  expect(header.slice(0, 3)).toEqual(['month', 'chain', 'chain_name']);
  expect(new Set(body.map((r) => r[0]))).toEqual(new Set([m(3), m(2), m(1)]));
  expect(body.filter((r) => r[1] === 'burger-barn')).toHaveLength(3);
  expect(body.reduce((s, r) => s + cents(r[header.indexOf('cost_total')]!), 0)).toBe(pageTotal);

  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download XLSX' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await xlsxDownload.path())!)) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Costs')!;
  expect(sheet.rowCount).toBe(body.length + 2); // header, rows, totals
  const total = sheet.getRow(sheet.rowCount);
  expect(total.getCell(1).value).toBe('Total');
  expect(Math.round((total.getCell(header.indexOf('cost_total') + 1).value as { result: number }).result * 100)).toBe(
    pageTotal,
  );
});

test('ops is refused the report, on the page and in the API', async ({ page, signInAs }) => {
  await signInAs('ops');
  expect((await page.goto('/reports/costs'))?.status()).toBe(403);
  expect((await page.request.get('/api/v1/reports/costs?format=csv')).status()).toBe(403);
  expect((await page.request.post('/api/v1/costs/ingest')).status()).toBe(403);
});

test('an account manager exports only the chains they manage', async ({ page, signInAs }) => {
  await signInAs('am');
  const res = await page.request.get('/api/v1/reports/costs?format=json');
  expect(res.status()).toBe(200);
  const report = (await res.json()) as { rows: { chain: string | null }[] };
  const chains = new Set(report.rows.map((r) => r.chain));
  expect(chains.has('burger-barn')).toBe(true);
  expect(chains.has('pizza-piazza')).toBe(false); // am2's
  expect(chains.has(null)).toBe(false); // untagged cost is the fleet's, not theirs
  expect((await page.request.get('/api/v1/reports/costs?chain=pizza-piazza')).status()).toBe(403);
  expect((await page.request.get('/api/v1/reports/costs?from=2026-13')).status()).toBe(400);
});
