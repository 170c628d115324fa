import type { Metadata } from 'next';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findPrices } from '@/lib/server/finance/save-price';
import { PriceForm } from './price-form';

export const metadata: Metadata = { title: 'Price catalog' };

export default async function PricesPage() {
  await authorizePage('prices:manage');
  const prices = await findPrices();
  return (
    <>
      <h1 className="text-2xl font-semibold">Price catalog</h1>
      <p className="mt-1 text-sm text-slate-600">
        Used to estimate a chain&apos;s cost where Cost Explorer has nothing yet (the current month, a new chain). USD.
        Multi-AZ doubles instance and storage prices.
      </p>
      <PriceForm />
      <table
        className="mt-4 w-full max-w-4xl rounded-lg border border-slate-200 bg-white text-left text-sm"
        data-testid="prices"
      >
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              For
            </th>
            <th scope="col" className="px-3 py-2">
              Region
            </th>
            <th scope="col" className="px-3 py-2">
              Class, type or currency
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Price
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {prices.map((p) => (
            <tr key={`${p.kind}|${p.region}|${p.sku}`}>
              <td className="px-3 py-1.5">{p.kind}</td>
              <td className="px-3 py-1.5">{p.region}</td>
              <td className="px-3 py-1.5">{p.sku || '—'}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{p.unitPrice}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
