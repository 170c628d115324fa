import type { ConformanceDto } from '@/lib/sla/dto';

// The nightly check's verdicts, one pure function per check: facts in, an item out. What was never read is
// 'warn' ("not read yet"), never ok. The chain's status is its worst item.

export type CheckStatus = 'ok' | 'warn' | 'fail';
export type CheckItem = {
  check: string;
  status: CheckStatus;
  detail: string;
  evidence?: Record<string, string | number | null>;
};

const rank: Record<CheckStatus, number> = { ok: 0, warn: 1, fail: 2 };
export const worst = (items: { status: CheckStatus }[]): CheckStatus =>
  items.reduce<CheckStatus>((w, i) => (rank[i.status] > rank[w] ? i.status : w), 'ok');

/** The newest usable snapshot is this young, or the backup check fails. */
export const BACKUP_MAX_AGE_HOURS = 26;
/** A drill succeeded this recently, or a new one is due. */
export const DRILL_VALID_DAYS = 8;

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;

export function backupItem(
  d: { refreshedAt: Date | null; latestSnapshotAt: Date | null; backupRetentionDays: number | null } | null,
  minRetentionDays: number,
  now: Date,
): CheckItem {
  const check = 'backup';
  if (!d?.refreshedAt)
    return { check, status: 'warn', detail: 'not read yet: the collector has not read the instance' };
  const problems: string[] = [];
  const notes: string[] = [];
  if (!d.latestSnapshotAt) problems.push('no usable snapshot');
  else {
    const age = now.getTime() - d.latestSnapshotAt.getTime();
    const line = `newest usable snapshot ${hours(age)} old (${d.latestSnapshotAt.toISOString()})`;
    (age > BACKUP_MAX_AGE_HOURS * 3_600_000 ? problems : notes).push(
      age > BACKUP_MAX_AGE_HOURS * 3_600_000 ? `${line}, older than ${BACKUP_MAX_AGE_HOURS} h` : line,
    );
  }
  const retention = d.backupRetentionDays ?? 0;
  const kept = `backups kept ${retention} day(s)`;
  if (retention < minRetentionDays) problems.push(`${kept}, the tier requires ${minRetentionDays}`);
  else notes.push(kept);
  return {
    check,
    status: problems.length ? 'fail' : 'ok',
    detail: [...problems, ...notes].join('; '),
    evidence: { latestSnapshotAt: d.latestSnapshotAt?.toISOString() ?? null, retentionDays: retention },
  };
}

export type FlagFact = { key: string; drift: 'in_sync' | 'modified' | 'missing' | 'unknown' };

export function flagsItem(states: FlagFact[], activeFlags: number): CheckItem {
  const check = 'flags';
  if (activeFlags === 0) return { check, status: 'ok', detail: 'no flags defined' };
  if (states.length === 0) return { check, status: 'warn', detail: 'not read yet: drift has not been checked' };
  const keys = (drift: FlagFact['drift']) =>
    states
      .filter((s) => s.drift === drift)
      .map((s) => s.key)
      .sort();
  const modified = keys('modified');
  const missing = keys('missing');
  const unknown = keys('unknown');
  const lines = [
    modified.length ? `changed outside Fleetpane: ${modified.join(', ')}` : '',
    missing.length ? `missing: ${missing.join(', ')}` : '',
    unknown.length ? `could not be read: ${unknown.join(', ')}` : '',
  ].filter(Boolean);
  if (modified.length || missing.length) return { check, status: 'fail', detail: lines.join('; ') };
  if (unknown.length) return { check, status: 'warn', detail: lines.join('; ') };
  return { check, status: 'ok', detail: `${states.length} flag(s) in sync` };
}

export function conformanceItem(c: ConformanceDto | undefined): CheckItem {
  const check = 'conformance';
  if (!c?.read) return { check, status: 'warn', detail: 'not read yet: the collector has not read the deployment' };
  const under = c.findings.filter((f) => f.direction === 'under');
  const over = c.findings.filter((f) => f.direction === 'over');
  if (under.length)
    return {
      check,
      status: 'fail',
      detail: under.map((f) => `${f.title}: promised ${f.promised}, deployed ${f.deployed}`).join('; '),
    };
  return {
    check,
    status: 'ok',
    detail: over.length ? `conforms; beyond the contract: ${over.map((f) => f.title).join(', ')}` : 'conforms',
  };
}

export function accountManagerItem(am: { email: string; active: boolean } | null): CheckItem {
  const check = 'account-manager';
  if (!am) return { check, status: 'fail', detail: 'no account manager' };
  return am.active
    ? { check, status: 'ok', detail: am.email }
    : { check, status: 'fail', detail: `${am.email} is deactivated: reassign the chain` };
}
