import 'server-only';
import { db } from '@/lib/server/db/client';

/** Recounts the per-day health rollup of every chain from `from` (truncated to its UTC day) onwards. */
export async function rebuildHealthDays(from: Date): Promise<void> {
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  await db.$executeRaw`
    INSERT INTO "HealthDay" ("chainId", "day", "healthy", "measured")
    SELECT "chainId", date_trunc('day', "at")::date, count(*) FILTER (WHERE "value" >= 1), count(*)
    FROM "HealthSample"
    WHERE "at" >= ${day}
    GROUP BY 1, 2
    ON CONFLICT ("chainId", "day") DO UPDATE SET "healthy" = EXCLUDED."healthy", "measured" = EXCLUDED."measured"`;
}
