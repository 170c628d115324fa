// What a sales pipeline (or an ops engineer) sends to provision a new chain: POST /api/v1/chains.
import { z } from 'zod';

const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'a price such as 1490.00');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2027-01-31');

export const provisionSchema = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$/, 'slug: lower-case letters, digits and dashes, 3 to 42 characters'),
    name: z.string().trim().min(1, 'name is required').max(120),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region is an AWS region such as eu-west-1'),
    tier: z.string().regex(/^[a-z0-9-]{1,40}$/, 'tier is a tier key such as "standard"'),
    residency: z
      .string()
      .regex(/^[A-Z]{2,4}$/, 'residency is a rule such as "EU"')
      .nullable()
      .default(null),
    accountManagerEmail: z.email('accountManagerEmail is an email').optional(),
    database: z
      .object({
        // Dedicated: the chain's own RDS instance. Shared: its own database and login in a shared instance
        // of its region (the tier's template decides when left out: shared where the tier allows it).
        kind: z.enum(['dedicated', 'shared'], { error: 'database.kind is "dedicated" or "shared"' }).optional(),
        sharedInstance: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'database.sharedInstance is an RDS instance identifier')
          .optional(),
        instanceClass: z
          .string()
          .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'database.instanceClass is an RDS class')
          .optional(),
        storageGb: z.number().int().min(20).max(65_536).default(100),
      })
      .strict()
      .default({ storageGb: 100 }),
    appInstanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'appInstanceType is an EC2 type')
      .default('t3.medium'),
    contract: z
      .object({
        startDate: day,
        endDate: day,
        monthlyPrice: money,
        currency: z.string().regex(/^[A-Z]{3}$/, 'contract.currency is like EUR'),
        marginTargetPct: z
          .string()
          .regex(/^\d{1,3}(\.\d{1,2})?$/)
          .default('35'),
      })
      .strict()
      .refine((c) => c.endDate > c.startDate, { path: ['endDate'], message: 'contract.endDate is after startDate' }),
  })
  .strict();

export type ProvisionInput = z.infer<typeof provisionSchema>;
