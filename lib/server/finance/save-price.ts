import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError, zodFields } from '@/lib/app-error';
import { authorize } from '@/lib/server/auth/authorize';
import type { PriceDto } from '@/lib/finance/dto';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';

const priceInputSchema = z
  .object({
    kind: z.enum(['rds-instance', 'ec2-instance', 'rds-storage', 'backup-storage', 'fx'], {
      error: 'Pick what the price is for',
    }),
    region: z
      .string()
      .trim()
      .regex(/^([a-z]{2}(-[a-z]+)+-\d|global)$/, 'A region such as eu-west-1 ("global" for exchange rates)'),
    sku: z.string().trim().max(40),
    unitPrice: z
      .string()
      .trim()
      .regex(/^\d{1,8}(\.\d{1,6})?$/, 'A price such as 0.152 (at most six decimals)'),
  })
  .superRefine((p, ctx) => {
    if ((p.kind === 'rds-instance' || p.kind === 'ec2-instance') && !/^[a-z0-9.-]{3,40}$/.test(p.sku))
      ctx.addIssue({ code: 'custom', path: ['sku'], message: 'The class or type, such as db.m6g.large or t3.medium' });
    if ((p.kind === 'rds-storage' || p.kind === 'backup-storage') && p.sku !== '')
      ctx.addIssue({ code: 'custom', path: ['sku'], message: 'Leave empty for storage prices' });
    if (p.kind === 'fx' && (!/^[A-Z]{3}$/.test(p.sku) || p.region !== 'global'))
      ctx.addIssue({
        code: 'custom',
        path: ['sku'],
        message: 'Exchange rates: a currency code such as EUR, region "global"',
      });
  });

/** Adds or changes one price of the catalog (admins); audited with the price before and after. */
export async function savePrice(raw: unknown): Promise<{ saved: true }> {
  const user = await authorize('prices:manage', { target: 'price-catalog' });
  const parsed = priceInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-request', 'The price was not saved.', {
      fields: zodFields(parsed.error, { root: 'form' }),
    });
  }
  const { kind, region, sku, unitPrice } = parsed.data;
  const before = await db.priceItem.findUnique({
    where: { kind_region_sku: { kind, region, sku } },
    select: { unitPrice: true },
  });
  await db.$transaction(async (tx) => {
    await tx.priceItem.upsert({
      where: { kind_region_sku: { kind, region, sku } },
      create: { kind, region, sku, unitPrice },
      update: { unitPrice },
    });
    await recordAuditEvent(
      {
        actor: user,
        action: 'price.save',
        result: 'ok',
        target: `price:${kind}/${region}/${sku}`,
        before: before ? { unitPrice: before.unitPrice.toFixed(6) } : null,
        after: { unitPrice },
      },
      tx,
    );
  });
  await announceChange('finance');
  return { saved: true };
}

export async function findPrices(): Promise<PriceDto[]> {
  const rows = await db.priceItem.findMany({
    select: { kind: true, region: true, sku: true, unitPrice: true },
    orderBy: [{ kind: 'asc' }, { region: 'asc' }, { sku: 'asc' }],
  });
  return rows.map((r) => ({ ...r, unitPrice: r.unitPrice.toFixed(4) }));
}
