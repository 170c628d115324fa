import 'server-only';
import { AsyncResource } from 'node:async_hooks';
import { EventEmitter } from 'node:events';

// The wake signal, on its own so that whatever queues work (a request, provisioning, a wave) can wake this
// process's runner without importing it. Other processes find the work on their next poll.

const wake = new EventEmitter();

/** Tells this process's runner an operation was just queued or approved. */
export function wakeOperationRunner(): void {
  wake.emit('wake');
}

/** Calls `listener` on every wake; returns the function that stops it. */
export function onWake(listener: () => void): () => void {
  // Bound to where the runner was started: woken from a request, its work must not run in that request's
  // context (its audit events would carry the request's id, address and caller: lib/server/audit/request-context.ts).
  const bound = AsyncResource.bind(listener);
  wake.on('wake', bound);
  return () => wake.off('wake', bound);
}
