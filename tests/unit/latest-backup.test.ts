import { describe, expect, it } from 'vitest';
import { latestBackup } from '@/lib/server/aws/rds';
import type { SnapshotInfo } from '@/lib/server/aws/rds';

const snap = (type: SnapshotInfo['type'], createdAt: string, status = 'available'): SnapshotInfo => ({
  id: `${type}-${createdAt}`,
  type,
  createdAt,
  sizeGb: 20,
  status,
});
const older = '2026-11-01T00:00:00.000Z';
const newer = '2026-11-20T00:00:00.000Z';

describe('latestBackup', () => {
  it('takes the newest of automated and manual snapshots', () => {
    expect(latestBackup([snap('automated', newer), snap('manual', older)], 7)).toEqual(new Date(newer));
    expect(latestBackup([snap('automated', older), snap('manual', newer)], 7)).toEqual(new Date(newer));
  });
  it('ignores automated snapshots when automated backups are off', () => {
    expect(latestBackup([snap('automated', newer), snap('manual', older)], 0)).toEqual(new Date(older));
    expect(latestBackup([snap('automated', newer)], 0)).toBeNull();
  });
  it('ignores snapshots that are not available, and is null without any', () => {
    expect(latestBackup([snap('manual', newer, 'creating'), snap('manual', older)], 7)).toEqual(new Date(older));
    expect(latestBackup(undefined, 7)).toBeNull();
  });
});
