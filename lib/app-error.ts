// The one error type of the domain. Data functions throw it; the API (withAuth), pages (onPage) and
// server actions (formAction) each map it in one place: JSON with the status, the login page or the 403
// page, form state. Anything else that is thrown is a bug and reaches the error boundary.
import type { z } from 'zod';

export type AppErrorCode =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'unavailable';

const statuses: Record<AppErrorCode, number> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'unsupported-media-type': 415,
  // Sign-in throttling; the answer carries Retry-After.
  'too-many-requests': 429,
  unavailable: 503,
};

/** Field path ("params.instanceClass", "creditSchedule.0.below") → its messages. */
export type FieldIssues = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Every problem as one line ("params.allocatedStorageGb: storage only grows …"), for the API. */
  readonly issues: string[] | undefined;
  /** The same problems by field, for forms. */
  readonly fields: FieldIssues | undefined;

  constructor(code: AppErrorCode, message: string, options: { issues?: string[]; fields?: FieldIssues } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.issues = options.issues ?? (options.fields ? issueLines(options.fields) : undefined);
  }

  get status(): number {
    return statuses[this.code];
  }
}

/** A 400 naming every problem; its message lists them all too ("Invalid request: a; b"). */
export function invalid(issues: string[], message = 'Invalid request'): AppError {
  return new AppError('bad-request', issues.length ? `${message}: ${issues.join('; ')}` : message, { issues });
}

type PathOptions = { prefix?: string; root?: string };

const pathOf = (issue: z.core.$ZodIssue, { prefix = '', root = 'input' }: PathOptions) =>
  [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || root;

/** zod issues by field path ("creditSchedule.0.below"), under an optional prefix ("params"). */
export function zodFields(error: z.ZodError, options: PathOptions = {}): FieldIssues {
  const out: FieldIssues = {};
  for (const issue of error.issues) (out[pathOf(issue, options)] ??= []).push(issue.message);
  return out;
}

/** zod issues as the API's lines, in order: "path: message" (`root` when the whole value is wrong). */
export function zodIssues(error: z.ZodError, options: PathOptions = {}): string[] {
  return error.issues.map((issue) => `${pathOf(issue, options)}: ${issue.message}`);
}

function issueLines(fields: FieldIssues): string[] {
  return Object.entries(fields).flatMap(([path, messages]) => messages.map((m) => `${path}: ${m}`));
}
