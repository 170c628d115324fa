import { monthStart, reportQuerySchema } from '@/lib/finance/report-query';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { costReportRows } from '@/lib/server/finance/cost-report';
import { costReportScope } from '@/lib/server/finance/cost-report-scope';
import { csvStream, jsonStream, xlsxStream } from '@/lib/server/finance/export-costs';

const types = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/** The cost report, one row per chain and month, streamed as CSV, XLSX or JSON. */
export const GET = withAuth('costs:read', async (request, { user }) => {
  const parsed = reportQuerySchema(new Date()).safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const q = parsed.data;
  const scope = await costReportScope(user, q.chain);
  if (!scope) return notFound(`No chain "${q.chain}".`);
  const rows = costReportRows({ from: monthStart(q.from), to: monthStart(q.to), ...scope });
  const body = q.format === 'csv' ? csvStream(rows) : q.format === 'xlsx' ? xlsxStream(rows) : jsonStream(rows, q);
  const name = `fleetpane-costs-${q.chain ? `${q.chain}-` : ''}${q.from}-to-${q.to}.${q.format}`;
  return new Response(body, {
    headers: {
      'content-type': types[q.format],
      ...(q.format === 'json' ? {} : { 'content-disposition': `attachment; filename="${name}"` }),
      'cache-control': 'no-store',
    },
  });
});
