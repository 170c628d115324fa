import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';

/** 400 naming every problem, e.g. "size: Too big: expected number to be <=5000". */
export function badRequest(error: z.ZodError): NextResponse {
  const issues = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  return NextResponse.json({ error: `Invalid request: ${issues.join('; ')}`, issues }, { status: 400 });
}

export function notFound(message: string): NextResponse {
  return NextResponse.json({ error: message }, { status: 404 });
}

/** The request's JSON body, or the 400 to answer when it is not JSON. */
export async function readJson(
  request: Request,
): Promise<{ body: unknown; error?: never } | { body?: never; error: NextResponse }> {
  try {
    return { body: await request.json() };
  } catch {
    return { error: NextResponse.json({ error: 'The body is not JSON.' }, { status: 400 }) };
  }
}

/** A refusal from the data layer ({ status, message, issues? }) as the API answers it. */
export function refused(result: { status: number; message: string; issues?: string[] }): NextResponse {
  return NextResponse.json(
    { error: result.message, ...(result.issues ? { issues: result.issues } : {}) },
    { status: result.status },
  );
}
