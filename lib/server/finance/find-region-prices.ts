import 'server-only';
import { loadCatalog } from './cost-report';

/** Hourly instance prices and the storage GB-month price of one region, for an operation's cost change. */
export async function findRegionPrices(
  region: string,
): Promise<{ rds: Record<string, number>; ec2: Record<string, number>; storageGbMonth: number | null }> {
  const catalog = await loadCatalog();
  const rds: Record<string, number> = {};
  const ec2: Record<string, number> = {};
  let storageGbMonth: number | null = null;
  for (const [key, price] of catalog) {
    const [kind, r, sku] = key.split('|');
    if (r !== region) continue;
    if (kind === 'rds-instance') rds[sku!] = Number(price);
    if (kind === 'ec2-instance') ec2[sku!] = Number(price);
    if (kind === 'rds-storage') storageGbMonth = Number(price);
  }
  return { rds, ec2, storageGbMonth };
}
