// The demo price catalog: approximations of public on-demand prices (USD, PostgreSQL on RDS, Linux on
// EC2) for the demo's regions and classes, late 2026. Admins maintain the real one at /settings/prices.

const usEast1 = {
  'rds-instance': {
    'db.t4g.small': '0.032',
    'db.t4g.medium': '0.065',
    'db.t4g.large': '0.129',
    'db.m6g.large': '0.152',
    'db.m6g.xlarge': '0.304',
    'db.r6g.large': '0.225',
  },
  'ec2-instance': { 't3.small': '0.0208', 't3.medium': '0.0416', 'm6i.large': '0.096', 'm6i.xlarge': '0.192' },
  'rds-storage': { '': '0.115' },
  'backup-storage': { '': '0.095' },
} as const;

// Regional price levels against us-east-1.
const regionFactor: Record<string, number> = {
  'us-east-1': 1,
  'us-west-2': 1,
  'eu-west-1': 1.1,
  'eu-central-1': 1.15,
  'sa-east-1': 1.55,
  'ap-southeast-2': 1.25,
  'ap-northeast-1': 1.27,
};

export type PriceRow = {
  kind: 'rds-instance' | 'ec2-instance' | 'rds-storage' | 'backup-storage' | 'fx';
  region: string;
  sku: string;
  unitPrice: string;
};

export function demoPriceCatalog(): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const [region, factor] of Object.entries(regionFactor)) {
    for (const [kind, prices] of Object.entries(usEast1) as [
      Exclude<PriceRow['kind'], 'fx'>,
      Record<string, string>,
    ][]) {
      for (const [sku, price] of Object.entries(prices))
        rows.push({ kind, region, sku, unitPrice: (Number(price) * factor).toFixed(4) });
    }
  }
  // Contracts in euros are converted at this rate (USD per EUR) in the finance reports.
  rows.push({ kind: 'fx', region: 'global', sku: 'EUR', unitPrice: '1.0800' });
  return rows;
}
