import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { AppError, zodIssues } from '@/lib/app-error';

// How the API answers an AppError: `{ error, issues? }` with its status. withAuth calls it for every
// route; handlers throw.

/** The `error` line names every problem too, for a caller that reads only it. */
export function errorResponse(error: AppError): NextResponse {
  const issues = error.issues ?? [];
  const named = issues.every((i) => error.message.includes(i));
  return NextResponse.json(
    { error: named ? error.message : `${error.message} ${issues.join('; ')}`, ...(issues.length ? { issues } : {}) },
    { status: error.status },
  );
}

/** 400 naming every problem, e.g. "size: Too big: expected number to be <=5000". */
export function badRequest(error: z.ZodError): NextResponse {
  const issues = zodIssues(error);
  return errorResponse(new AppError('bad-request', `Invalid request: ${issues.join('; ')}`, { issues }));
}

export function notFound(message: string): NextResponse {
  return errorResponse(new AppError('not-found', message));
}

/** The request's JSON body; a body that is not JSON is a 400. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError('bad-request', 'The body is not JSON.');
  }
}
