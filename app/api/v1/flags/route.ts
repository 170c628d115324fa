import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { defineFlag } from '@/lib/server/flags/define-flag';
import { findFlags } from '@/lib/server/flags/find-flags';

/** Every flag in use (`?archived=true`: archived ones too). */
export const GET = withAuth('fleet:read', async (request) =>
  NextResponse.json({
    flags: await findFlags({ archived: new URL(request.url).searchParams.get('archived') === 'true' }),
  }),
);

/** Defines a flag (admins): `{ key, description, type, defaultValue, jsonSchema?, owner, residency?, sensitive? }`. */
export const POST = withAuth('flags:define', async (request) => {
  const result = await defineFlag(await readJson(request));
  return NextResponse.json(result, { status: 201, headers: { location: `/api/v1/flags/${result.flag.key}` } });
});
