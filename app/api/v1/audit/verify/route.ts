import { NextResponse } from 'next/server';
import { withAuth } from '@/lib/server/auth/authorize';
import { verifyAuditTrail } from '@/lib/server/audit/verify-audit-trail';

/** Walks the hash chain: ok, or the first event where it breaks (admins). */
export const GET = withAuth('audit:verify', async () => NextResponse.json(await verifyAuditTrail()));
