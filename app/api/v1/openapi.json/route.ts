import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/server/api/openapi';
import { withAuth } from '@/lib/server/auth/authorize';

export const GET = withAuth('fleet:read', async () => NextResponse.json(openApiDocument()));
