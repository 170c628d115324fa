// The shapes of a contract's SLA terms, shared by forms (client) and the server: one schema each.
import { z } from 'zod';
import { wholeNumber } from '@/lib/whole-number';

const pctNumber = (what: string) =>
  z.coerce
    .number({ error: `${what} is a number` })
    .refine(
      (n) => Number.isFinite(n) && Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6,
      `${what} has at most three decimals`,
    );

const creditBandSchema = z.strictObject({
  // Availability (percent) below which this band's credit applies: availability < below.
  below: pctNumber('The threshold').pipe(
    z.number().gt(0, 'The threshold is above 0').max(100, 'The threshold is at most 100'),
  ),
  creditPct: z.coerce
    .number({ error: 'The credit is a number' })
    .min(0, 'The credit is at least 0 %')
    .max(100, 'The credit is at most 100 %')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'The credit has at most two decimals'),
});

export const creditScheduleSchema = z
  .array(creditBandSchema)
  .max(10, 'At most 10 credit bands')
  .refine(
    (bands) => new Set(bands.map((b) => b.below)).size === bands.length,
    'Two credit bands have the same threshold',
  )
  // Stored sorted by threshold, highest first; a lower availability never earns a smaller credit.
  .transform((bands) => [...bands].sort((a, b) => b.below - a.below))
  .refine(
    (bands) => bands.every((b, i) => i === 0 || b.creditPct >= bands[i - 1]!.creditPct),
    'A lower threshold must not give a smaller credit',
  );
export type CreditSchedule = z.infer<typeof creditScheduleSchema>;

export const upgradeKeys = ['multi-az', 'extra-storage', 'performance-tuning'] as const;
export type UpgradeKey = (typeof upgradeKeys)[number];
export const upgradeNames: Record<UpgradeKey, string> = {
  'multi-az': 'Multi-AZ',
  'extra-storage': 'Extra storage',
  'performance-tuning': 'Performance tuning',
};

const upgradeSchema = z.strictObject({
  key: z.enum(upgradeKeys, { error: 'Unknown upgrade' }),
  monthlyPrice: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as 120.00'),
  // Extra storage: how many GB the contract adds to the tier's default.
  quantity: wholeNumber('quantity is a whole number').pipe(z.number().min(1).max(100_000)).optional(),
});
export type Upgrade = z.infer<typeof upgradeSchema>;

export const upgradesSchema = z
  .array(upgradeSchema)
  .refine((u) => new Set(u.map((x) => x.key)).size === u.length, 'Each upgrade appears once');

/** Stored JSON (written by us, but validated on the way out all the same): bad data reads as none. */
export function readCreditSchedule(value: unknown): CreditSchedule {
  const parsed = creditScheduleSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function readUpgrades(value: unknown): Upgrade[] {
  const parsed = upgradesSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
