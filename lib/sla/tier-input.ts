// An SLA tier as an admin defines it: one schema for the form and the server.
import { z } from 'zod';
import { wholeNumber } from '@/lib/whole-number';
import { classRank } from './conformance';
import { CREDIT_BAND_ROWS } from './contract-input';
import { creditScheduleSchema } from './sla-terms';

const region = /^[a-z]{2}(-[a-z]+)+-\d$/;
const flag = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

export const tierInputSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, 'A short key such as "enterprise" (lower case, digits, dashes)'),
  name: z.string().trim().min(1, 'Name the tier').max(60, 'At most 60 characters'),
  availabilityTarget: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,3})?$/, 'A percentage below 100 with at most three decimals, such as 99.95')
    .refine((v) => Number(v) > 0 && Number(v) < 100, 'Between 0 and 100 %'),
  requiresMultiAz: flag,
  minBackupRetentionDays: z.coerce
    .number({ error: 'A number of days' })
    .int('Whole days')
    .min(0, 'At least 0')
    .max(35, 'RDS keeps at most 35 days'),
  requiresEncryption: flag,
  requiresDeletionProtection: flag,
  requiresDedicatedDatabase: flag,
  minInstanceClass: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z
      .string()
      .trim()
      .refine((v) => classRank(v) !== null, 'An RDS class such as db.m6g.large')
      .nullable(),
  ),
  allowedRegions: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.string().regex(region, 'Regions such as eu-west-1, separated by commas')).max(40),
  ),
  creditSchedule: creditScheduleSchema,
  version: wholeNumber('The version is a whole number'),
});

export function readTierForm(form: FormData): { input: unknown; fieldName: (path: string) => string } {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const rows = Array.from({ length: CREDIT_BAND_ROWS }, (_, i) => ({
    row: i,
    below: text(`band.${i}.below`) ?? '',
    creditPct: text(`band.${i}.creditPct`) ?? '',
  })).filter((b) => b.below.trim() !== '' || b.creditPct.trim() !== '');
  const input = {
    key: text('key'),
    name: text('name'),
    availabilityTarget: text('availabilityTarget'),
    requiresMultiAz: text('requiresMultiAz'),
    minBackupRetentionDays: text('minBackupRetentionDays'),
    requiresEncryption: text('requiresEncryption'),
    requiresDeletionProtection: text('requiresDeletionProtection'),
    requiresDedicatedDatabase: text('requiresDedicatedDatabase'),
    minInstanceClass: text('minInstanceClass') ?? '',
    allowedRegions: text('allowedRegions') ?? '',
    creditSchedule: rows.map(({ below, creditPct }) => ({ below, creditPct })),
    version: text('version'),
  };
  const fieldName = (path: string) => {
    const [head, index] = path.split('.');
    if (head === 'creditSchedule' && index !== undefined) return `band.${rows[Number(index)]?.row ?? ''}`;
    if (head === 'allowedRegions') return 'allowedRegions';
    return path;
  };
  return { input, fieldName };
}
