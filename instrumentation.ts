// Starts the embedded worker inside the Next server process: with the embedded database this is the
// only process allowed to open it. With FLEETPANE_WORKER=external, `npm run worker` does this instead.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startEmbeddedWorker } = await import('./lib/server/worker/start-worker');
  startEmbeddedWorker();
}
