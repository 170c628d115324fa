// The flag matrix's view (flags × chains) as the /flags page reads it from its query string, and what it is
// handed. Bad parameters fall back to their defaults rather than failing the page.
import { z } from 'zod';
import type { ChainFlagDto } from './flag-dto';

const short = z.string().trim().max(64);

export const flagMatrixQuerySchema = z.object({
  q: short.optional().catch(undefined),
  tier: short
    .regex(/^[a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  region: short
    .regex(/^[a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  /** "EU", or "none" for chains without a residency rule. */
  residency: short
    .regex(/^[A-Za-z]*$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type FlagMatrixQuery = z.infer<typeof flagMatrixQuerySchema>;

export type FlagMatrixCell = Pick<ChainFlagDto, 'value' | 'source' | 'drift'>;

export type FlagMatrix = {
  flags: { key: string; type: string; residency: string | null; sensitive: boolean }[];
  chains: {
    slug: string;
    name: string;
    tier: string;
    region: string;
    residency: string | null;
    cells: Record<string, FlagMatrixCell>;
  }[];
  total: number;
  page: number;
  size: number;
};
