import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findTier } from '@/lib/server/sla/find-tiers';
import { TierForm } from '../tier-form';

type Props = { params: Promise<{ key: string }> };

export const metadata: Metadata = { title: 'Edit SLA tier' };

export default async function TierPage({ params }: Props) {
  await authorizePage('tiers:manage');
  const { key } = await params;
  // "new" is the creation form; any other key edits that tier.
  const tier = key === 'new' ? null : await findTier(key);
  if (key !== 'new' && !tier) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">{tier ? `Tier: ${tier.name}` : 'New SLA tier'}</h1>
      {tier && (
        <p className="mt-1 text-sm text-slate-600">
          {tier.chains} chains are on this tier; a change holds all of them to the new rules at once.
        </p>
      )}
      <TierForm tier={tier} />
    </>
  );
}
