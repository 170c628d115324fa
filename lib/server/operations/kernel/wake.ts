import 'server-only';
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
  wake.on('wake', listener);
  return () => wake.off('wake', listener);
}
