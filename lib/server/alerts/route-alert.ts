import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AlertSeverity } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';

// Which channels an alert reaches: the enabled ones whose severities, tiers and chains include it (an empty
// list: all). An e-mail channel "to the account manager" adds the chain's manager (an active user) to its
// addresses; with neither it reaches nobody and is skipped. Recipients are read when the notification is
// queued: a later change of manager does not redirect what is already on its way.

export type AlertChainRef = { slug: string; name: string; tierKey: string; accountManagerEmail: string | null };

export type RoutedChannel =
  | { id: string; name: string; kind: 'webhook'; url: string }
  | { id: string; name: string; kind: 'email'; to: string[] };

type RoutableChannel = {
  id: string;
  name: string;
  kind: 'webhook' | 'email';
  url: string | null;
  emails: string[];
  toAccountManager: boolean;
  severities: AlertSeverity[];
  tierKeys: string[];
  chainSlugs: string[];
};

const within = <T>(list: T[], value: T) => list.length === 0 || list.includes(value);

/** Pure: the channels (enabled already) an alert of this chain and severity reaches, with their recipients. */
export function matchChannels(channels: RoutableChannel[], chain: AlertChainRef, severity: AlertSeverity) {
  const routed: RoutedChannel[] = [];
  for (const c of channels) {
    if (!within(c.severities, severity) || !within(c.tierKeys, chain.tierKey) || !within(c.chainSlugs, chain.slug))
      continue;
    if (c.kind === 'webhook') {
      if (c.url) routed.push({ id: c.id, name: c.name, kind: 'webhook', url: c.url });
      continue;
    }
    const manager = c.toAccountManager && chain.accountManagerEmail ? [chain.accountManagerEmail.toLowerCase()] : [];
    const to = [...new Set([...manager, ...c.emails])];
    if (to.length) routed.push({ id: c.id, name: c.name, kind: 'email', to });
  }
  return routed;
}

export const routableSelect = {
  id: true,
  name: true,
  kind: true,
  url: true,
  emails: true,
  toAccountManager: true,
  severities: true,
  tierKeys: true,
  chainSlugs: true,
} satisfies Prisma.AlertChannelSelect;

/** The chain as routing reads it: slug, name, tier, and its account manager's address while active. */
export async function alertChainRef(chainId: string, client: Prisma.TransactionClient = db): Promise<AlertChainRef> {
  const c = await client.chain.findUniqueOrThrow({
    where: { id: chainId },
    select: {
      slug: true,
      name: true,
      tier: { select: { key: true } },
      accountManager: { select: { email: true, active: true } },
    },
  });
  return {
    slug: c.slug,
    name: c.name,
    tierKey: c.tier.key,
    accountManagerEmail: c.accountManager?.active ? c.accountManager.email : null,
  };
}

export async function routeAlert(
  chain: AlertChainRef,
  severity: AlertSeverity,
  client: Prisma.TransactionClient = db,
): Promise<RoutedChannel[]> {
  const channels = await client.alertChannel.findMany({
    where: { enabled: true },
    select: routableSelect,
    orderBy: { name: 'asc' },
  });
  return matchChannels(channels, chain, severity);
}
