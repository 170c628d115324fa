import 'server-only';
import { decodeFlagValue, sameFlagValue } from '@/lib/flags/flag-value';
import { Prisma } from '@/lib/generated/prisma/client';
import type { FlagDrift } from '@/lib/generated/prisma/enums';
import { awsClients, scopeKey } from '@/lib/server/aws/clients';
import type { AwsClients } from '@/lib/server/aws/clients';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import {
  flagParameterPath,
  flagsPath,
  lastParameterChange,
  readParametersByPath,
} from '@/lib/server/aws/ssm-parameters';
import { db } from '@/lib/server/db/client';
import { effectiveFlags } from './effective-flags';
import type { EffectiveFlag } from './effective-flags';

// Drift: each chain's flag parameters read back (GetParametersByPath under /fleetpane/<slug>/flags/) and held
// against its effective values: in_sync, modified (changed outside Fleetpane: who and when from the parameter's
// history), missing, or unknown (the read failed; the last value read is kept). Chains are grouped by account
// and region: one client per scope, the scopes read side by side, the chains of a scope one after another, so
// the calls on one account and region stay bounded whatever the fleet's size, and a failing scope marks only
// its own chains unknown. A read changes nothing, so it is not audited.

type DriftChain = { id: string; slug: string; region: string; awsAccountId: string; roleArn: string | null };

type State = {
  flagId: string;
  liveValue: unknown;
  drift: FlagDrift;
  checkError: string | null;
  modifiedBy: string | null;
  modifiedAt: Date | null;
  liveVersion: number | null;
};

export type DriftSummary = { chains: number; flags: number; byDrift: Record<FlagDrift, number> };

/** Reads back the flags of the chains given (every chain in the fleet when none are). */
export async function checkFlagDrift(options: { chainIds?: string[] } = {}): Promise<DriftSummary> {
  const chains = await db.chain.findMany({
    where: { decommissionedAt: null, ...(options.chainIds ? { id: { in: options.chainIds } } : {}) },
    select: { id: true, slug: true, region: true, awsAccountId: true, roleArn: true },
  });
  const scopes = new Map<string, DriftChain[]>();
  for (const c of chains) {
    const key = `${scopeKey({ region: c.region, accountId: c.awsAccountId })}/${c.roleArn ?? ''}`;
    scopes.set(key, [...(scopes.get(key) ?? []), c]);
  }
  const summary: DriftSummary = {
    chains: chains.length,
    flags: 0,
    byDrift: { in_sync: 0, modified: 0, missing: 0, unknown: 0 },
  };
  await Promise.all(
    [...scopes.values()].map(async (group) => {
      const first = group[0]!;
      const clients = awsClients({ region: first.region, accountId: first.awsAccountId, roleArn: first.roleArn });
      // After a read of the scope fails, its other chains are not tried: the account or region is what fails,
      // and each try would wait out the SDK's retries again.
      let scopeFailure: string | null = null;
      for (const chain of group) {
        // The chain's values as of its own read (a delivery may have landed since the pass began); a state a
        // delivery records while this read runs is newer than it, and is kept (storeStates).
        const started = new Date();
        const flags = (await effectiveFlags([chain.id])).get(chain.id) ?? [];
        const states = scopeFailure
          ? unread(flags, `not read: ${scopeFailure} (its account and region)`)
          : await readChainDrift(clients, chain, flags).catch((error: unknown) => {
              scopeFailure = describeAwsError(error);
              return unread(flags, scopeFailure);
            });
        await storeStates(chain.id, states, started);
        for (const s of states) summary.byDrift[s.drift] += 1;
        summary.flags += states.length;
      }
    }),
  );
  return summary;
}

async function readChainDrift(clients: AwsClients, chain: DriftChain, flags: EffectiveFlag[]): Promise<State[]> {
  if (!flags.length) return [];
  // A failed read throws: the caller marks the chain's flags (and its scope's) unknown.
  const live = new Map((await readParametersByPath(clients, flagsPath(chain.slug))).map((p) => [p.name, p]));
  const states: State[] = [];
  for (const f of flags) {
    const name = flagParameterPath(chain.slug, f.key);
    const p = live.get(name);
    if (!p) {
      states.push({ ...nothingRead(f.flagId), drift: 'missing' });
      continue;
    }
    const value = decodeFlagValue(p.value);
    const base = { ...nothingRead(f.flagId), liveValue: value, liveVersion: p.version };
    if (sameFlagValue(value, f.value)) {
      states.push({ ...base, drift: 'in_sync' });
      continue;
    }
    try {
      const change = await lastParameterChange(clients, name);
      states.push({ ...base, drift: 'modified', modifiedBy: change?.by ?? null, modifiedAt: change?.at ?? null });
    } catch (error) {
      states.push({ ...base, drift: 'modified', checkError: `who changed it is unknown: ${describeAwsError(error)}` });
    }
  }
  return states;
}

const unread = (flags: EffectiveFlag[], reason: string): State[] =>
  flags.map((f) => ({ ...nothingRead(f.flagId), drift: 'unknown', checkError: reason }));

const nothingRead = (flagId: string): State => ({
  flagId,
  liveValue: null,
  drift: 'unknown',
  checkError: null,
  modifiedBy: null,
  modifiedAt: null,
  liveVersion: null,
});

/**
 * One chain's states in one transaction; an unknown one keeps the value last read. A state written since the
 * read began (a delivery's) is newer than what was read, and is left as it is.
 */
async function storeStates(chainId: string, states: State[], readStarted: Date): Promise<void> {
  const checkedAt = new Date();
  await db.$transaction(async (tx) => {
    for (const { flagId, liveValue, ...s } of states) {
      const value = liveValue === null ? Prisma.DbNull : (liveValue as Prisma.InputJsonValue);
      const updated = await tx.chainFlagState.updateMany({
        where: { chainId, flagId, checkedAt: { lt: readStarted } },
        data:
          s.drift === 'unknown'
            ? { drift: s.drift, checkError: s.checkError, checkedAt }
            : { ...s, liveValue: value, checkedAt },
      });
      if (updated.count === 0)
        await tx.chainFlagState.createMany({
          data: [{ chainId, flagId, ...s, liveValue: value, checkedAt }],
          skipDuplicates: true,
        });
    }
  });
}
