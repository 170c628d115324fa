import { z } from 'zod';
import { entry } from './entry';

// Offered on a finished restore (the operation list's "Cut over"), not as a button of its own.
export const cutOver = entry({
  label: 'Cut over to the restored instance',
  change:
    'Points the chain at the restored instance. The old instance is kept (tagged as replaced) until it is retired.',
  downtime:
    'The app reconnects to the new endpoint: a short interruption; writes made to the old instance since the restore point are not in the new one.',
  destructive: true,
  params: z
    .object({ restoreOperationId: z.uuid('restoreOperationId is the id of a finished restore of this chain') })
    .strict(),
  database: 'dedicated',
  needsApproval: false,
  costChange: () => 'none',
});
