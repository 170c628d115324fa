import { createHash } from 'node:crypto';

/** What is stored of an API token: its SHA-256 (a token carries its own entropy; a slow KDF adds nothing). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
