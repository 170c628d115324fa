import 'server-only';
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { flagKeySchema } from '@/lib/flags/flag-input';

// The path of /api/v1/chains/{slug}/flags/{key}/…: a malformed slug or key is a 400 naming it.
export const chainFlagParamsSchema = z.object({ slug: chainSlugSchema, key: flagKeySchema });
