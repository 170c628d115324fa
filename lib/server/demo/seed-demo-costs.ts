import 'server-only';
import { demoPriceCatalog } from '@/lib/finance/demo-prices';
import { estimateCost, microsToMoney, priceKey } from '@/lib/finance/estimate-cost';
import type { Catalog, EstimateInput } from '@/lib/finance/estimate-cost';
import { ingestWindows } from '@/lib/server/finance/ingest-costs';
import type { DemoFleet } from './demo-fleet';

// A year of Cost Explorer results consistent with the demo fleet (same chains, tags, classes and regions,
// priced like the catalog with a few percent of deterministic noise), queued in the emulator in the order
// the ingestion asks for them: per account, the monthly read, then the daily one.

const SHARED_STORAGE_GB = 200;

function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return 0.96 + ((h >>> 0) % 8000) / 100_000;
}

type Group = { Keys: string[]; Metrics: { UnblendedCost: { Amount: string; Unit: string } } };

function periods(start: string, end: string, unit: 'month' | 'day'): { start: string; end: string; hours: number }[] {
  const out = [];
  for (let d = new Date(`${start}T00:00:00Z`); d < new Date(`${end}T00:00:00Z`);) {
    const next =
      unit === 'month'
        ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
        : new Date(d.getTime() + 86_400_000);
    out.push({
      start: d.toISOString().slice(0, 10),
      end: next.toISOString().slice(0, 10),
      hours: (next.getTime() - d.getTime()) / 3_600_000,
    });
    d = next;
  }
  return out;
}

function groupsFor(
  fleet: DemoFleet,
  accountId: string,
  period: { start: string; hours: number },
  catalog: Catalog,
  monthHours: number,
): Group[] {
  const groups: Group[] = [];
  const add = (tag: string, service: string, micros: bigint) => {
    if (micros <= 0n) return;
    const amount = (Number(microsToMoney(micros)) * noise(`${tag}|${service}|${period.start}`)).toFixed(4);
    groups.push({
      Keys: [`fleetpane:chain$${tag}`, service],
      Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
    });
  };
  for (const c of fleet.chains.filter((x) => x.accountId === accountId)) {
    const input: EstimateInput = {
      region: c.region,
      hours: period.hours,
      appInstanceType: c.appInstanceType,
      database:
        c.database.kind === 'dedicated'
          ? {
              kind: 'dedicated',
              instanceClass: c.database.instanceClass,
              multiAz: c.database.multiAz,
              storageGb: c.database.storageGb,
            }
          : { kind: 'shared', instanceClass: null, multiAz: false, storageGb: 0, chainsOnInstance: 1 },
      backupGb: 0,
    };
    for (const line of estimateCost(input, catalog, monthHours))
      add(c.slug, line.service.replace(/ \((storage|backup)\)$/, ''), line.micros);
  }
  for (const s of fleet.sharedInstances.filter((x) => x.accountId === accountId)) {
    const input: EstimateInput = {
      region: s.region,
      hours: period.hours,
      appInstanceType: null,
      database: { kind: 'dedicated', instanceClass: s.instanceClass, multiAz: false, storageGb: SHARED_STORAGE_GB },
      backupGb: 0,
    };
    for (const line of estimateCost(input, catalog, monthHours))
      add(`shared/${s.identifier}`, line.service.replace(/ \((storage|backup)\)$/, ''), line.micros);
  }
  // Cost no chain tag covers (NAT gateways, data transfer): shown as untagged, never dropped.
  groups.push({
    Keys: ['fleetpane:chain$', 'AWS Data Transfer'],
    Metrics: {
      UnblendedCost: {
        Amount: ((period.hours / 24) * 1.37 * noise(`${accountId}|dt|${period.start}`)).toFixed(4),
        Unit: 'USD',
      },
    },
  });
  // Cost Explorer merges groups with the same keys: so must we.
  const merged = new Map<string, Group>();
  for (const g of groups) {
    const key = g.Keys.join('|');
    const prev = merged.get(key);
    if (prev)
      prev.Metrics.UnblendedCost.Amount = (
        Number(prev.Metrics.UnblendedCost.Amount) + Number(g.Metrics.UnblendedCost.Amount)
      ).toFixed(4);
    else merged.set(key, g);
  }
  return [...merged.values()];
}

/** Queues the demo's Cost Explorer results in the emulator for every account of the fleet. */
export async function seedDemoCosts(
  fleet: DemoFleet,
  endpoint: string,
  now = new Date(),
): Promise<{ results: number }> {
  const catalog: Catalog = new Map(demoPriceCatalog().map((p) => [priceKey(p.kind, p.region, p.sku), p.unitPrice]));
  const windows = ingestWindows(now);
  let results = 0;
  for (const accountId of new Set(fleet.chains.map((c) => c.accountId))) {
    const reads = [
      { window: windows.monthly, unit: 'month' as const },
      ...(windows.daily ? [{ window: windows.daily, unit: 'day' as const }] : []),
    ];
    const payload = reads.map((r) => ({
      ResultsByTime: periods(r.window.start, r.window.end, r.unit).map((p) => {
        const monthHours =
          (Date.UTC(Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7)), 1) -
            Date.UTC(Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7)) - 1, 1)) /
          3_600_000;
        return {
          TimePeriod: { Start: p.start, End: p.end },
          Total: {},
          Groups: groupsFor(fleet, accountId, p, catalog, monthHours),
          Estimated: false,
        };
      }),
    }));
    const res = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account_id: accountId, results: payload }),
    });
    if (!res.ok) throw new Error(`The emulator refused the demo's Cost Explorer results (${res.status}).`);
    results += payload.length;
  }
  return { results };
}
