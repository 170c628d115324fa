import { z } from 'zod';
import { entry } from './entry';

// Queued by the nightly check (lib/server/checks/), at most once a week per chain, never requested as a plain
// operation: the evidence that a chain's backups restore, and how long a restore takes.
export const restoreDrill = entry({
  label: 'Restore drill',
  change:
    'Restores the newest usable snapshot of the chain\u2019s instance to a temporary instance (tagged fleetpane:drill), waits until it is available, checks its engine, and deletes it. The chain\u2019s own database is not touched.',
  downtime: 'None.',
  destructive: false,
  params: z.object({}).strict(),
  // A shared chain's backups are its shared instance's snapshots: the drill restores one of those.
  database: 'any',
  needsApproval: false,
  // Nothing of the chain's deployment changes: its chain is not refreshed after it.
  changesDeployment: false,
  costChange: () => 'a temporary instance like the chain\u2019s runs for the drill\u2019s minutes',
});
