import type { Metadata } from 'next';
import { z } from 'zod';
import { monthStart, reportQuerySchema } from '@/lib/finance/report-query';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { costSortValues, findCostSummary } from '@/lib/server/finance/find-cost-summary';
import { findLastCostIngest } from '@/lib/server/finance/ingest-costs';
import { CostsView } from './costs-view';

export const metadata: Metadata = { title: 'Costs and margin' };

const PAGE_SIZE = 50;
const viewSchema = z.object({
  sort: z.enum(costSortValues).catch('margin'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function CostsPage({ searchParams }: Props) {
  const user = await authorizePage('costs:read');
  const params = await searchParams;
  const now = new Date();
  const parsed = reportQuerySchema(now).safeParse({ from: params.from || undefined, to: params.to || undefined });
  // A hand-edited range shows the last 12 months and says so, rather than failing.
  const range = parsed.success ? parsed.data : reportQuerySchema(now).parse({});
  const view = viewSchema.parse(params);
  const managerId = user.role === 'account_manager' ? user.id : null;
  const [summary, lastIngest] = await Promise.all([
    findCostSummary(
      { from: monthStart(range.from), to: monthStart(range.to), managerId },
      { ...view, size: PAGE_SIZE },
    ),
    findLastCostIngest(),
  ]);
  return (
    <CostsView
      range={{ from: range.from, to: range.to }}
      view={view}
      rangeProblem={parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ')}
      summary={summary}
      lastIngest={lastIngest}
      pages={Math.max(1, Math.ceil(summary.chains.total / PAGE_SIZE))}
      ownChainsOnly={managerId !== null}
      canIngest={can(user.role, 'costs:ingest')}
    />
  );
}
