import 'server-only';
import { invalid, zodIssues } from '@/lib/app-error';
import type { FlagDto } from '@/lib/flags/flag-dto';
import { updateFlagInputSchema } from '@/lib/flags/flag-input';
import { flagValueIssues, residencyIssues } from '@/lib/flags/flag-value';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { definitionIssues } from './define-flag';
import { auditedFlag, flagRules, flagSelect, readFlag, toFlagDto } from './flag-records';

// Changing a flag's definition (admins): description, owner, default, JSON Schema, residency, sensitivity,
// archived. The new rules must hold for the default and for every chain's override already set (a narrower
// schema or a new residency rule names the chains it would break). It delivers nothing: a new default reaches
// the chains without an override at their next delivery, and until then drift shows them `modified`.

export async function updateFlag(key: string, raw: unknown): Promise<{ flag: FlagDto }> {
  const user = await authorize('flags:define', { target: `flag:${key}` });
  const parsed = updateFlagInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }), 'The flag was not changed');
  const { archived, type: _type, key: _key, ...changes } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await readFlag(key, tx);
    const merged = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    const issues = definitionIssues(merged);
    if (!issues.length) {
      const overrides = await tx.chainFlagOverride.findMany({
        where: { flagId: before.id },
        select: { value: true, chain: { select: { slug: true, residency: true } } },
      });
      for (const o of overrides) {
        const path = `overrides.${o.chain.slug}`;
        issues.push(
          ...flagValueIssues(flagRules(merged), o.value, path),
          ...residencyIssues(flagRules(merged), o.chain, o.value, path),
        );
      }
    }
    if (issues.length) throw invalid(issues, 'The flag was not changed');
    const row = await tx.flag.update({
      where: { id: before.id },
      data: {
        ...changes,
        defaultValue: changes.defaultValue as Prisma.InputJsonValue | undefined,
        jsonSchema:
          changes.jsonSchema === undefined
            ? undefined
            : changes.jsonSchema === null
              ? Prisma.DbNull
              : (changes.jsonSchema as Prisma.InputJsonValue),
        archivedAt: archived === undefined ? undefined : archived ? (before.archivedAt ?? new Date()) : null,
      },
      select: flagSelect,
    });
    await recordAuditEvent(
      {
        actor: user,
        action: 'flag.update',
        result: 'ok',
        target: `flag:${row.key}`,
        before: auditedFlag(before),
        after: auditedFlag(row),
      },
      tx,
    );
    return { flag: toFlagDto(row) };
  });
}
