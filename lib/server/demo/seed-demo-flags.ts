import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { buildFlagdDocument } from '@/lib/flags/flagd-document';
import { encodeFlagValue } from '@/lib/flags/flag-value';
import { awsClients } from '@/lib/server/aws/clients';
import { flagdDocumentPath, flagParameterPath, putTaggedParameter } from '@/lib/server/aws/ssm-parameters';
import { chainTags } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import { effectiveFlags } from '@/lib/server/flags/effective-flags';

// The demo's flags: a boolean rolled out to two chains, an EU-only sensitive one on for one EU chain, and a
// number with one chain's own value; each chain's parameters written as a delivery would have, and one chain's
// changed by hand afterwards (as someone in its AWS account might), so drift shows on a first start.

const flags = [
  {
    key: 'loyalty-v2-checkout',
    description: 'The new checkout of the loyalty app',
    type: 'boolean',
    defaultValue: false,
    owner: 'checkout team',
    overrides: { 'burger-barn': true, 'le-petit-bistro': true },
  },
  {
    key: 'eu-payment-gateway',
    description: 'Payments through the EU acquirer (EU chains only)',
    type: 'boolean',
    defaultValue: false,
    owner: 'payments team',
    residency: 'EU',
    sensitive: true,
    overrides: { 'le-petit-bistro': true },
  },
  {
    key: 'points-expiry-days',
    description: 'Days after which unused loyalty points expire',
    type: 'number',
    defaultValue: 365,
    owner: 'loyalty team',
    overrides: { 'bao-bar': 180 },
  },
] as const;

/** The chain whose parameter was changed by hand in its account, and what to. */
export const DEMO_DRIFTED = { slug: 'sushi-wave', key: 'points-expiry-days', live: 90 } as const;

/** Defines the demo flags once (a fresh database); writes every chain's parameters when the emulator is fresh. */
export async function seedDemoFlags(options: { aws: boolean }): Promise<void> {
  if ((await db.flag.count()) === 0) {
    const admin = await db.user.findFirst({ where: { role: 'admin' }, select: { id: true } });
    for (const f of flags) {
      const flag = await db.flag.create({
        data: {
          key: f.key,
          description: f.description,
          type: f.type,
          defaultValue: f.defaultValue,
          owner: f.owner,
          residency: 'residency' in f ? f.residency : null,
          sensitive: 'sensitive' in f ? f.sensitive : false,
        },
        select: { id: true },
      });
      for (const [slug, value] of Object.entries(f.overrides)) {
        const chain = await db.chain.findUnique({ where: { slug }, select: { id: true } });
        if (chain)
          await db.chainFlagOverride.create({
            data: { chainId: chain.id, flagId: flag.id, value: value as Prisma.InputJsonValue, setById: admin?.id },
          });
      }
    }
  }
  if (!options.aws) return;
  const chains = await db.chain.findMany({
    where: { decommissionedAt: null },
    select: { id: true, slug: true, region: true, awsAccountId: true, roleArn: true, tier: { select: { key: true } } },
  });
  const effective = await effectiveFlags(chains.map((c) => c.id));
  for (const c of chains) {
    const clients = awsClients({ region: c.region, accountId: c.awsAccountId, roleArn: c.roleArn });
    const tags = chainTags(c.slug, c.tier.key);
    const own = effective.get(c.id) ?? [];
    for (const f of own)
      await putTaggedParameter(clients, flagParameterPath(c.slug, f.key), encodeFlagValue(f.value), tags);
    const doc = buildFlagdDocument(own);
    if (doc.fits) await putTaggedParameter(clients, flagdDocumentPath(c.slug), doc.text, tags);
    if (c.slug === DEMO_DRIFTED.slug)
      await putTaggedParameter(
        clients,
        flagParameterPath(c.slug, DEMO_DRIFTED.key),
        encodeFlagValue(DEMO_DRIFTED.live),
        tags,
      );
  }
}
