import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { updateFlag } from '@/lib/server/flags/update-flag';

/** Changes a flag's definition (admins): description, defaultValue, jsonSchema, owner, residency, sensitive, archived. */
export const PATCH = withAuth<{ key: string }>('flags:define', async (request, { params }) =>
  NextResponse.json(await updateFlag((await params).key, await readJson(request))),
);
