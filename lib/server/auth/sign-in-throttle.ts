import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { countAttempt, lockRemainingMs, THROTTLE_THRESHOLDS } from './throttle-schedule';
import type { ThrottleState } from './throttle-schedule';

// Sign-in throttling state, per account and per client address, in the database so that every server
// process agrees. An attempt is counted as a failure *before* its password is checked (a success gives it
// back): the check and the count are one locked transaction, so a burst of parallel guesses gets exactly as
// many password checks as the threshold allows, never one per request.

type Kind = keyof typeof THROTTLE_THRESHOLDS;
export type ThrottleKey = { key: string; kind: Kind; threshold: number };

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** The keys an attempt counts against: its account when it names one, its address when known. */
export function signInKeys(email: string | null, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  if (email) keys.push({ key: accountKey(email), kind: 'account', threshold: THROTTLE_THRESHOLDS.account });
  if (ip) keys.push({ key: `address:${ip}`, kind: 'address', threshold: THROTTLE_THRESHOLDS.address });
  // One lock order for every transaction, so two attempts never wait on each other's rows.
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

export type Reservation = { admitted: true } | { admitted: false; kind: Kind; retryAfterSeconds: number };

/**
 * Admits an attempt and counts it, or refuses it (changing nothing) while any of its keys is locked. A
 * refusal is audited as `auth.throttled` in the same transaction.
 */
export async function reserveSignInAttempt(
  attempt: { email: string | null; ip: string | null },
  now: Date = new Date(),
): Promise<Reservation> {
  const keys = signInKeys(attempt.email, attempt.ip);
  if (!keys.length) return { admitted: true };
  return db.$transaction(async (tx) => {
    const states = await lockStates(tx, keys, now);
    const refusal = keys
      .map((k) => ({ kind: k.kind, ms: lockRemainingMs(states.get(k.key) ?? null, now) }))
      .sort((a, b) => b.ms - a.ms)[0]!;
    if (refusal.ms > 0) {
      const retryAfterSeconds = Math.ceil(refusal.ms / 1000);
      await recordAuditEvent(
        {
          actor: { email: attempt.email ?? undefined },
          action: 'auth.throttled',
          result: 'denied',
          ip: attempt.ip,
          detail: {
            method: 'credentials',
            reason: `too many failed sign-ins for this ${refusal.kind}`,
            retryAfterSeconds,
          },
        },
        tx,
      );
      return { admitted: false, kind: refusal.kind, retryAfterSeconds };
    }
    for (const k of keys) {
      const next = countAttempt(states.get(k.key) ?? null, now, k.threshold);
      // An upsert: a success of the same account, committed between our insert and our lock, deletes its row
      // (releaseSignInAttempt); an update would then find nothing and fail the sign-in with a 500.
      await tx.signInThrottle.upsert({ where: { key: k.key }, create: { key: k.key, ...next }, update: next });
    }
    return { admitted: true };
  });
}

/** Creates missing rows, then locks every key's row until the transaction ends. */
async function lockStates(
  tx: Prisma.TransactionClient,
  keys: ThrottleKey[],
  now: Date,
): Promise<Map<string, ThrottleState>> {
  await tx.signInThrottle.createMany({
    data: keys.map((k) => ({ key: k.key, failures: 0, lastAttempt: now })),
    skipDuplicates: true,
  });
  const names = keys.map((k) => k.key);
  await tx.$executeRaw`SELECT 1 FROM "SignInThrottle" WHERE "key" IN (${Prisma.join(names)}) ORDER BY "key" FOR UPDATE`;
  const rows = await tx.signInThrottle.findMany({ where: { key: { in: names } } });
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * A successful sign-in: the account's counter is cleared, and the address gets back the attempt counted for
 * it (the address keeps the failures of others behind it). In the caller's transaction, with the audit.
 */
export async function releaseSignInAttempt(
  attempt: { email: string; ip: string | null },
  tx: Prisma.TransactionClient,
): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key: accountKey(attempt.email) } });
  if (!attempt.ip) return;
  const key = `address:${attempt.ip}`;
  await tx.signInThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
  await tx.signInThrottle.updateMany({
    where: { key, failures: { lt: THROTTLE_THRESHOLDS.address } },
    data: { lockedUntil: null },
  });
}
