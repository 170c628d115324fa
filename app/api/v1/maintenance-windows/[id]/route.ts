import { deleteMaintenanceWindow } from '@/lib/server/alerts/maintenance-windows';
import { withAuth } from '@/lib/server/auth/authorize';

/** Deletes a maintenance window (ops, admins): 204. */
export const DELETE = withAuth<{ id: string }>('alerts:silence', async (_request, { params }) => {
  await deleteMaintenanceWindow((await params).id);
  return new Response(null, { status: 204 });
});
