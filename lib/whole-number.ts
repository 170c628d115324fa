import { z } from 'zod';

// A whole number from JSON (a number) or a form (its digits as text), nothing else. z.coerce.number() would
// take true as 1 and [60] as 60: a hostile body would pass as the version an edit was read at.
export const wholeNumber = (error: string) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error })
    .pipe(z.number({ error }).int({ error }).min(0, { error }));
