import { describe, expect, it } from 'vitest';
import { latestBackup } from '@/lib/server/aws/rds';

const older = new Date('2026-11-01T00:00:00Z');
const newer = new Date('2026-11-20T00:00:00Z');

describe('latestBackup', () => {
  it('takes the newest of automated and manual snapshots', () => {
    expect(latestBackup({ automated: newer, manual: older }, 7)).toEqual(newer);
    expect(latestBackup({ automated: older, manual: newer }, 7)).toEqual(newer);
  });
  it('ignores automated snapshots when automated backups are off', () => {
    expect(latestBackup({ automated: newer, manual: older }, 0)).toEqual(older);
    expect(latestBackup({ automated: newer }, 0)).toBeNull();
  });
  it('is null without snapshots', () => {
    expect(latestBackup(undefined, 7)).toBeNull();
  });
});
