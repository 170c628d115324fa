// A contract edit, from a form or the API: one schema, field-level messages, money as decimal strings.
import { z } from 'zod';
import { wholeNumber } from '@/lib/whole-number';
import { creditScheduleSchema, upgradeKeys, upgradesSchema } from './sla-terms';

const isoDay = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} is a date such as 2026-01-31`)
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      `${what} is not a real date`,
    );

export const contractInputSchema = z
  .object({
    tier: z.string({ error: 'Pick a tier' }).regex(/^[a-z0-9-]{1,40}$/, 'Pick a tier'),
    startDate: isoDay('The start date'),
    endDate: isoDay('The end date'),
    monthlyPrice: z
      .string({ error: 'The monthly price is required' })
      .trim()
      .regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as 1490.00 (at most two decimals)'),
    currency: z
      .string({ error: 'The currency is required' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'A three-letter currency code such as EUR'),
    marginTargetPct: z
      .string({ error: 'The margin target is required' })
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'A percentage such as 35 or 35.5')
      .refine((v) => Number(v) <= 100, 'At most 100 %'),
    upgrades: upgradesSchema.default([]),
    creditSchedule: creditScheduleSchema.default([]),
    // Only an admin may reassign the chain; null: no account manager.
    accountManagerId: z.uuid('Pick an account manager').nullable().optional(),
    // The version the editor read: an edit of an older version is refused, not merged.
    version: wholeNumber('The version is required (a whole number)'),
    // Read-only in GET's representation: accepted and ignored, so a read-modify-write round trip works while
    // any other unknown field is refused.
    updatedAt: z.string().max(40).optional(),
  })
  .strict()
  .refine((c) => c.endDate > c.startDate, { path: ['endDate'], message: 'The end date is after the start date' });

export const CREDIT_BAND_ROWS = 5;

/**
 * The edit form's fields → the schema's input (blank credit rows and unticked upgrades dropped), and a map
 * from the schema's error paths back to the form's field names ("upgrades.0.monthlyPrice" → "upgrade.multi-az").
 */
export function readContractForm(form: FormData): { input: unknown; fieldName: (path: string) => string } {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const ticked = upgradeKeys.filter((key) => form.get(`upgrade.${key}`) === 'on');
  const upgrades = ticked.map((key) => ({
    key,
    monthlyPrice: text(`upgrade.${key}.price`) ?? '',
    ...(key === 'extra-storage' ? { quantity: text(`upgrade.${key}.quantity`) || undefined } : {}),
  }));
  const rows = Array.from({ length: CREDIT_BAND_ROWS }, (_, i) => ({
    row: i,
    below: text(`band.${i}.below`) ?? '',
    creditPct: text(`band.${i}.creditPct`) ?? '',
  })).filter((b) => b.below.trim() !== '' || b.creditPct.trim() !== '');
  const manager = text('accountManagerId');
  const input = {
    tier: text('tier'),
    startDate: text('startDate'),
    endDate: text('endDate'),
    monthlyPrice: text('monthlyPrice'),
    currency: text('currency'),
    marginTargetPct: text('marginTargetPct'),
    upgrades,
    creditSchedule: rows.map(({ below, creditPct }) => ({ below, creditPct })),
    ...(manager === undefined ? {} : { accountManagerId: manager === '' ? null : manager }),
    version: text('version'),
  };
  const fieldName = (path: string) => {
    const [head, index] = path.split('.');
    if (head === 'upgrades' && index !== undefined) return `upgrade.${ticked[Number(index)] ?? ''}`;
    if (head === 'creditSchedule' && index !== undefined) return `band.${rows[Number(index)]?.row ?? ''}`;
    return path;
  };
  return { input, fieldName };
}
