import { NextResponse } from 'next/server';
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { metricRangeKeys } from '@/lib/metric-ranges';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { readChainMetrics } from '@/lib/server/fleet/read-chain-metrics';

const inputSchema = z.object({
  slug: chainSlugSchema,
  range: z.enum(metricRangeKeys as [string, ...string[]]).default('24h'),
});

export const GET = withAuth<{ slug: string }>('fleet:read', async (request, { params }) => {
  const input = inputSchema.safeParse({
    slug: (await params).slug,
    range: new URL(request.url).searchParams.get('range') ?? undefined,
  });
  if (!input.success) return badRequest(input.error);
  // CloudWatch that does not answer within 10 s: 503 with the reason (the pane retries).
  const metrics = await readChainMetrics(input.data.slug, input.data.range as (typeof metricRangeKeys)[number], {
    timeoutMs: 10_000,
  });
  if (!metrics) return notFound(`No chain "${input.data.slug}".`);
  return NextResponse.json({ metrics });
});
