import 'server-only';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { z } from 'zod';
import { CHAIN_TAG } from './tags';
import type { AwsClients } from './clients';

// Cost Explorer, grouped by the chain's cost-allocation tag and by service. Mapped to our own rows; the
// response is checked on the way in (an amount that is not a decimal number is an error, not a zero).

export type CostLineInput = {
  periodStart: string;
  tagValue: string;
  service: string;
  amount: string;
  currency: string;
};

const amountSchema = z.object({
  Amount: z.string().regex(/^-?\d+(\.\d+)?(E-?\d+)?$/i, 'Cost Explorer returned an amount that is not a number'),
  Unit: z.string().length(3),
});

/** Decimal string with at most 6 places, from what Cost Explorer sends (which may use an exponent). */
function normalizeAmount(raw: string): string {
  if (!/e/i.test(raw)) {
    const [w, f = ''] = raw.split('.');
    return f.length > 6 ? `${w}.${f.slice(0, 6)}` : raw;
  }
  return Number(raw).toFixed(6);
}

export async function getCostAndUsage(
  clients: AwsClients,
  window: { start: string; end: string; granularity: 'MONTHLY' | 'DAILY' },
): Promise<{ lines: CostLineInput[]; calls: number }> {
  const lines: CostLineInput[] = [];
  let calls = 0;
  let token: string | undefined;
  do {
    const page = await clients.costExplorer.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: window.start, End: window.end },
        Granularity: window.granularity,
        Metrics: ['UnblendedCost'],
        GroupBy: [
          { Type: 'TAG', Key: CHAIN_TAG },
          { Type: 'DIMENSION', Key: 'SERVICE' },
        ],
        NextPageToken: token,
      }),
    );
    calls += 1;
    for (const period of page.ResultsByTime ?? []) {
      const periodStart = period.TimePeriod?.Start;
      if (!periodStart || !/^\d{4}-\d{2}-\d{2}$/.test(periodStart))
        throw new Error('Cost Explorer returned a period without a start date');
      for (const group of period.Groups ?? []) {
        const [tagKey = '', service = 'Unknown'] = group.Keys ?? [];
        const cost = amountSchema.parse(group.Metrics?.UnblendedCost);
        // Tag keys come back as "fleetpane:chain$value"; an empty value is cost without the tag.
        const tagValue = tagKey.includes('$') ? tagKey.slice(tagKey.indexOf('$') + 1) : '';
        lines.push({
          periodStart,
          tagValue,
          service,
          amount: normalizeAmount(cost.Amount),
          currency: cost.Unit.toUpperCase(),
        });
      }
    }
    token = page.NextPageToken;
  } while (token);
  return { lines, calls };
}
