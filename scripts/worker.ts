// `npm run worker`: the background jobs as their own process (production, with a PostgreSQL server).
import { config } from '../lib/config';
import { runWorker } from '../lib/server/worker/start-worker';
import { exitOnError } from './lib/processes';

try {
  if (config().database.kind === 'embedded') {
    throw new Error(
      'npm run worker needs a PostgreSQL server (DATABASE_URL): the embedded database serves only the app process, which runs the worker itself.',
    );
  }
  runWorker();
  console.log(
    `Worker running: operations, collector every ${config().collectIntervalSeconds} s, cost ingestion at 02:00 UTC.`,
  );
} catch (error) {
  exitOnError(error);
}
