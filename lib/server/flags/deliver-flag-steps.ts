import 'server-only';
import { buildFlagdDocument } from '@/lib/flags/flagd-document';
import { decodeFlagValue, encodeFlagValue, PARAMETER_MAX_BYTES, sameFlagValue } from '@/lib/flags/flag-value';
import { Prisma } from '@/lib/generated/prisma/client';
import type { DeliverFlagParams } from '@/lib/operations/catalog/deliver-flag';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import {
  deleteParameter,
  flagdDocumentPath,
  flagParameterPath,
  putTaggedParameter,
  readParameter,
} from '@/lib/server/aws/ssm-parameters';
import { chainTags } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import type { StepContext } from '@/lib/server/operations/kernel/step-kit';
import { effectiveFlags } from './effective-flags';
import { flagDeliveryIssues } from './flag-delivery-issues';

// What a flag delivery's steps do: write the value to the chain's own parameter (in its own account and region:
// the step's clients), record it (the override, the live state, the audit event, in one transaction), then write
// the chain's whole flag set as one flagd document. Each can run again after a crash: writing is an overwrite.

/** Writes the flag's value to /fleetpane/<slug>/flags/<key>, then records it as delivered. */
export async function writeFlagValue(c: StepContext, p: DeliverFlagParams): Promise<string> {
  const issues = await flagDeliveryIssues(c.chain.id, p);
  if (issues.length) throw new Error(`refused: ${issues.join('; ')}`);
  const value =
    p.action === 'set'
      ? p.value
      : (await effectiveFlags([c.chain.id])).get(c.chain.id)?.find((f) => f.key === p.key)?.value;
  const name = flagParameterPath(c.chain.slug, p.key);
  const text = encodeFlagValue(value);
  const version = await putTaggedParameter(c.clients, name, text, chainTags(c.chain.slug, c.chain.tier));
  // Read back, so the state recorded is what the parameter holds, not what was sent.
  const live = await readParameter(c.clients, name);
  await recordFlagDelivery(c, p, value, version, live ? decodeFlagValue(live.value) : undefined);
  return `${name} = ${text.length > 80 ? `${text.slice(0, 80)}…` : text} (version ${version})`;
}

async function recordFlagDelivery(
  c: StepContext,
  p: DeliverFlagParams,
  value: unknown,
  version: number,
  live: unknown,
) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const flag = await tx.flag.findUniqueOrThrow({ where: { key: p.key }, select: { id: true, defaultValue: true } });
    const where = { chainId_flagId: { chainId: c.chain.id, flagId: flag.id } };
    const [before, op] = await Promise.all([
      tx.chainFlagOverride.findUnique({ where, select: { value: true } }),
      tx.operation.findUniqueOrThrow({
        where: { id: c.operationId },
        select: {
          requestedById: true,
          requestedBy: { select: { email: true } },
          approvedBy: { select: { email: true } },
        },
      }),
    ]);
    const json = value as Prisma.InputJsonValue;
    if (p.action === 'set') {
      const override = { value: json, setById: op.requestedById, setAt: now, operationId: c.operationId };
      await tx.chainFlagOverride.upsert({ where, create: { ...where.chainId_flagId, ...override }, update: override });
    }
    const state = {
      liveValue: live === undefined ? Prisma.DbNull : (live as Prisma.InputJsonValue),
      drift:
        live === undefined
          ? ('missing' as const)
          : sameFlagValue(live, value)
            ? ('in_sync' as const)
            : ('modified' as const),
      checkedAt: now,
      checkError: null,
      modifiedBy: null,
      modifiedAt: null,
      liveVersion: version,
    };
    await tx.chainFlagState.upsert({ where, create: { ...where.chainId_flagId, ...state }, update: state });
    const was = before ? { value: before.value, source: 'override' } : { value: flag.defaultValue, source: 'default' };
    await recordAuditEvent(
      {
        actor: { id: op.requestedById ?? undefined, email: op.requestedBy?.email },
        action: p.action === 'set' ? 'flag.set' : 'flag.reapply',
        result: 'ok',
        chainId: c.chain.id,
        target: c.chain.slug,
        before: was as Prisma.InputJsonObject,
        after: (p.action === 'set' ? { value: json, source: 'override' } : was) as Prisma.InputJsonObject,
        detail: {
          flag: p.key,
          operationId: c.operationId,
          parameter: flagParameterPath(c.chain.slug, p.key),
          version,
          ...(op.approvedBy ? { approvedBy: op.approvedBy.email } : {}),
        },
      },
      tx,
    );
  });
}

/**
 * Writes the chain's flag set as one flagd document at /fleetpane/<slug>/flags.flagd.json when it fits a
 * standard parameter (4 KB). When it does not, an older document is deleted rather than left to disagree with the
 * flags (an advanced parameter holds 8 KB, but is billed per parameter and month: not worth it per chain).
 */
export async function writeFlagdDocument(c: StepContext): Promise<string> {
  const flags = (await effectiveFlags([c.chain.id])).get(c.chain.id) ?? [];
  const doc = buildFlagdDocument(flags);
  const name = flagdDocumentPath(c.chain.slug);
  const leftOut = doc.leftOut.length ? `; left out (flagd has no list or null values): ${doc.leftOut.join(', ')}` : '';
  if (!doc.fits) {
    const older = await deleteParameter(c.clients, name);
    return `not written: ${doc.bytes} bytes, over the ${PARAMETER_MAX_BYTES} of a standard parameter${older === 'deleted' ? ' (the older document was deleted)' : ''}`;
  }
  const version = await putTaggedParameter(c.clients, name, doc.text, chainTags(c.chain.slug, c.chain.tier));
  return `${name}: ${flags.length - doc.leftOut.length} flags, ${doc.bytes} bytes (version ${version})${leftOut}`;
}
