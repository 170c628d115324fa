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
