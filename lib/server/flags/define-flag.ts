import 'server-only';
import { invalid, zodIssues, AppError } from '@/lib/app-error';
import type { FlagDto } from '@/lib/flags/flag-dto';
import { defineFlagInputSchema } from '@/lib/flags/flag-input';
import { defaultResidencyIssues, flagValueIssues, jsonSchemaIssues } from '@/lib/flags/flag-value';
import type { FlagRules } from '@/lib/flags/flag-value';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { auditedFlag, flagRules, flagSelect, toFlagDto } from './flag-records';

// Defining a flag (admins): its key, type, default and rules, checked as one (the default fits the type and
// the JSON Schema, a residency-bound flag is off by default); the row and its audit event commit together.
// Defining delivers nothing: every chain's effective value is the default, written by its next delivery.

/** Problems of a definition's rules, each a line of the 400 (shared with updateFlag). */
export function definitionIssues(flag: FlagRules): string[] {
  if (flag.type !== 'json' && flag.jsonSchema !== null) return ['jsonSchema: only a json flag has a JSON Schema'];
  const schemaIssues = flag.jsonSchema === null ? [] : jsonSchemaIssues(flag.jsonSchema);
  if (schemaIssues.length) return schemaIssues;
  return [
    ...flagValueIssues(flagRules(flag), flag.defaultValue, 'defaultValue'),
    ...defaultResidencyIssues(flagRules(flag)),
  ];
}

export async function defineFlag(raw: unknown): Promise<{ flag: FlagDto }> {
  const user = await authorize('flags:define', { target: 'flags' });
  const parsed = defineFlagInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }), 'The flag was not defined');
  const input = parsed.data;
  const issues = definitionIssues(input);
  if (issues.length) throw invalid(issues, 'The flag was not defined');
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.flag.create({
        data: {
          ...input,
          defaultValue: input.defaultValue as Prisma.InputJsonValue,
          jsonSchema: input.jsonSchema === null ? Prisma.DbNull : (input.jsonSchema as Prisma.InputJsonValue),
        },
        select: flagSelect,
      });
      await recordAuditEvent(
        { actor: user, action: 'flag.define', result: 'ok', target: `flag:${row.key}`, after: auditedFlag(row) },
        tx,
      );
      return { flag: toFlagDto(row) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('conflict', `A flag "${input.key}" exists already (archived flags keep their key).`);
    throw error;
  }
}
