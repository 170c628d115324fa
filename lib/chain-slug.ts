import { z } from 'zod';

// A chain's slug: part of URLs, resource names and tags.
/** The chain's own database (and, on a shared instance, its login): the slug, dashes made underscores. */
export const chainDatabaseName = (slug: string) => slug.replace(/-/g, '_');

export const chainSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a chain slug is lowercase letters, digits and dashes');
