// Estimated monthly cost of one chain from the price catalog, where Cost Explorer has nothing yet.
// Exact: prices are decimal strings, amounts integer micro-dollars, rounded once to the cent at the end.
import { divideHalfAwayFromZero } from '@/lib/round';
import { fromCents } from '@/lib/sla/money';

export type PriceKey = 'rds-instance' | 'ec2-instance' | 'rds-storage' | 'backup-storage' | 'fx';
export type Catalog = Map<string, string>;

export const priceKey = (kind: PriceKey, region: string, sku: string) => `${kind}|${region}|${sku}`;

const MICRO = 1_000_000n;

/** "0.072000" → 72000 micro-dollars. */
export function toMicros(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a price: "${value}"`);
  const micros = BigInt(m[2]!) * MICRO + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -micros : micros;
}

/** Micro-dollars → "12.35", rounded half away from zero to the cent. */
export function microsToMoney(micros: bigint): string {
  return fromCents(divideHalfAwayFromZero(micros, 10_000n));
}

export type EstimateInput = {
  region: string;
  /** Hours the chain ran in the month (the whole month for the current one: a run-rate). */
  hours: number;
  appInstanceType: string | null;
  database:
    | { kind: 'dedicated'; instanceClass: string | null; multiAz: boolean; storageGb: number }
    | { kind: 'shared'; instanceClass: string | null; multiAz: boolean; storageGb: number; chainsOnInstance: number };
  /** Manual snapshots kept (GB); automated ones up to the storage size are free on RDS. */
  backupGb: number;
};

export type EstimateLine = { service: string; micros: bigint; missingPrice?: string };

/** Per service, in micro-dollars. A missing catalog price is named, and that line counts 0. */
export function estimateCost(input: EstimateInput, catalog: Catalog, monthHours: number): EstimateLine[] {
  const price = (kind: PriceKey, sku: string) => catalog.get(priceKey(kind, input.region, sku));
  const lines: EstimateLine[] = [];
  const hours = BigInt(Math.round(input.hours * 1000));
  const perHour = (p: string | undefined, factor: bigint) => (p ? (toMicros(p) * hours * factor) / 1000n : 0n);

  if (input.appInstanceType) {
    const p = price('ec2-instance', input.appInstanceType);
    lines.push({
      service: 'Amazon Elastic Compute Cloud - Compute',
      micros: perHour(p, 1n),
      ...(p ? {} : { missingPrice: `ec2-instance ${input.appInstanceType} in ${input.region}` }),
    });
  }
  const d = input.database;
  const az = d.multiAz ? 2n : 1n;
  const share = d.kind === 'shared' ? BigInt(Math.max(1, d.chainsOnInstance)) : 1n;
  if (d.instanceClass) {
    const p = price('rds-instance', d.instanceClass);
    lines.push({
      service: 'Amazon Relational Database Service',
      micros: perHour(p, az) / share,
      ...(p ? {} : { missingPrice: `rds-instance ${d.instanceClass} in ${input.region}` }),
    });
  }
  // Storage is priced per GB-month: the share of the month the chain ran.
  const fraction = (micros: bigint) => (micros * hours) / BigInt(Math.round(monthHours * 1000));
  const storage = price('rds-storage', '');
  if (d.storageGb > 0)
    lines.push({
      service: 'Amazon Relational Database Service (storage)',
      micros: storage ? fraction(toMicros(storage) * BigInt(d.storageGb) * az) / share : 0n,
      ...(storage ? {} : { missingPrice: `rds-storage in ${input.region}` }),
    });
  const backup = price('backup-storage', '');
  if (input.backupGb > 0)
    lines.push({
      service: 'Amazon Relational Database Service (backup)',
      micros: backup ? fraction(toMicros(backup) * BigInt(Math.round(input.backupGb))) : 0n,
      ...(backup ? {} : { missingPrice: `backup-storage in ${input.region}` }),
    });
  return lines;
}
