import type { CheckItem } from './check-items';
import { DRILL_VALID_DAYS } from './check-items';

// The restore-drill check's verdict from the last drill of the chain's instance (a shared chain's: of its
// shared instance, whichever chain's drill it was) and what this run did about a due one.

export type DrillFact = {
  id: string;
  chainSlug: string;
  status: string;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  result: unknown;
};

export type DrillEvidence = {
  operationId: string;
  finishedAt: string;
  snapshotId: string | null;
  snapshotAt: string | null;
  restoreSeconds: number | null;
  engineCheck: string | null;
};

export function drillEvidence(d: DrillFact): DrillEvidence | null {
  if (d.status !== 'succeeded' || !d.finishedAt) return null;
  const r = (d.result ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    operationId: d.id,
    finishedAt: d.finishedAt.toISOString(),
    snapshotId: text(r.snapshotId),
    snapshotAt: text(r.snapshotAt),
    restoreSeconds: typeof r.restoreSeconds === 'number' ? r.restoreSeconds : null,
    engineCheck: text(r.engineCheck),
  };
}

/** Whether the last drill still stands (running, or succeeded recently): no new one is due. */
export function drillCurrent(last: DrillFact | null, now: Date): boolean {
  if (!last) return false;
  if (last.status === 'queued' || last.status === 'running') return true;
  const fresh = now.getTime() - DRILL_VALID_DAYS * 86_400_000;
  return last.status === 'succeeded' && !!last.finishedAt && last.finishedAt.getTime() >= fresh;
}

export type DrillPlan = {
  last: DrillFact | null;
  /** The drill this run queued (or found queued under this week's key). */
  queued: { id: string; chainSlug: string } | null;
  /** Why a due drill was not queued (a manual run, the night's cap, a drill of the instance running). */
  notQueued: string | null;
  read: boolean;
  hasSnapshot: boolean;
};

export function drillItem(p: DrillPlan, slug: string, now: Date): CheckItem {
  const check = 'restore-drill';
  const of = (d: { chainSlug: string }) => (d.chainSlug === slug ? '' : ` (drilled through ${d.chainSlug})`);
  const last = p.last;
  if (last && drillCurrent(last, now)) {
    const ev = drillEvidence(last);
    if (!ev) return { check, status: 'warn', detail: `drill ${last.id} is ${last.status}${of(last)}` };
    return {
      check,
      status: 'ok',
      detail: `restored ${ev.snapshotId ?? 'a snapshot'} to available in ${ev.restoreSeconds ?? '?'} s on ${ev.finishedAt}${of(last)}`,
      evidence: ev,
    };
  }
  const next = p.queued
    ? `drill ${p.queued.id} queued${of(p.queued)}`
    : p.notQueued
      ? `a drill is due: ${p.notQueued}`
      : 'a drill is due';
  if (last && (last.status === 'failed' || last.status === 'rolled_back'))
    return { check, status: 'fail', detail: `the last drill failed: ${last.error ?? last.status}; ${next}` };
  if (!p.read) return { check, status: 'warn', detail: 'not read yet: the collector has not read the instance' };
  if (!p.hasSnapshot) return { check, status: 'fail', detail: 'no usable snapshot to restore: no drill possible' };
  return { check, status: 'warn', detail: next };
}
