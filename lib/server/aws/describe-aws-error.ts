/** One line for a failed AWS call, as stale rows and collector runs show it: "AccessDenied: …". */
export function describeAwsError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${(e.message ?? String(error)).slice(0, 200)}`;
}
