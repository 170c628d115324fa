import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { authorizePage, authorizePageOnChain } from '@/lib/server/auth/authorize';
import { contractWithMoney, findContract, findContractFormOptions } from '@/lib/server/sla/find-contract';
import { ChainTabs } from '../../chain-tabs';
import { ContractForm } from './contract-form';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).slug} · edit contract` };
}

export default async function EditContractPage({ params }: Props) {
  const viewer = await authorizePage('fleet:read');
  const view = await findContract((await params).slug, viewer);
  if (!view) notFound();
  // 403 for anyone who may not edit this chain's contract (an account manager of another chain included).
  const user = await authorizePageOnChain('contracts:edit', view.chain);
  const options = await findContractFormOptions();
  return (
    <>
      <h1 className="text-2xl font-semibold">{view.chain.name}: edit the contract</h1>
      <ChainTabs slug={view.chain.slug} current="contract" />
      <ContractForm
        slug={view.chain.slug}
        contract={contractWithMoney(view)}
        tiers={options.tiers}
        managers={user.role === 'admin' ? options.managers : null}
        accountManagerId={view.chain.accountManagerId}
      />
    </>
  );
}
