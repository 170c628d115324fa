import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { AppError, zodIssues } from '@/lib/app-error';
import { RETRY_AFTER_SECONDS } from '@/lib/database-outage.mjs';

// How the API answers an AppError: `{ error, issues? }` with its status. withAuth calls it for every
// route; handlers throw.

/** The `error` line names every problem too, for a caller that reads only it. */
export function errorResponse(error: AppError): NextResponse {
  const issues = error.issues ?? [];
  const named = issues.every((i) => error.message.includes(i));
  return NextResponse.json(
    { error: named ? error.message : `${error.message} ${issues.join('; ')}`, ...(issues.length ? { issues } : {}) },
    // A 503 (AWS or the database did not answer) is worth trying again: say when.
    { status: error.status, headers: error.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {} },
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

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body: a body sent as another type is a 415 (a cross-site form can send text/plain
 * without a preflight; JSON it cannot), a body that is not JSON a 400.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type');
  const body = await request.text();
  if (body.length > 0 && !JSON_TYPE.test(type ?? '')) {
    throw new AppError(
      'unsupported-media-type',
      `The body must be JSON sent as Content-Type: application/json${type ? `, not ${type}` : ''}.`,
    );
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AppError('bad-request', 'The body is not JSON.');
  }
}
