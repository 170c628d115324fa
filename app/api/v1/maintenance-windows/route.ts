import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { createMaintenanceWindow, findMaintenanceWindows } from '@/lib/server/alerts/maintenance-windows';
import { withAuth } from '@/lib/server/auth/authorize';

/** Every chain's recurring maintenance windows (?chain= for one chain's). */
export const GET = withAuth('fleet:read', async (request) =>
  NextResponse.json(await findMaintenanceWindows(new URL(request.url).searchParams.get('chain') ?? undefined)),
);

/** A chain's recurring maintenance window (ops, admins): 201. */
export const POST = withAuth('alerts:silence', async (request) =>
  NextResponse.json(await createMaintenanceWindow(await readJson(request)), { status: 201 }),
);
