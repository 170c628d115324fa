// `npm start`: database, emulator and demo fleet when needed, then the dashboard on 127.0.0.1:3000.
import path from 'node:path';
import { config } from '../lib/config';
import { buildIfChanged } from './lib/build';
import { demoAwsEnv, checkEndpoint, startEmulatedEngine, startEmulator } from './lib/emulator';
import { exitOnError, runChild, startChild, tsArgs, waitFor } from './lib/processes';
import { demoSecret } from './lib/secret';
import { demoUsers, DEMO_PASSWORD } from '../lib/server/demo/demo-users';

const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  // npm start is the local demo unless told otherwise (FLEETPANE_DEMO=false: production, see README).
  env.FLEETPANE_DEMO ??= 'true';
  const dataDir = path.resolve(root, env.FLEETPANE_DATA_DIR ?? '.data');
  if (/^(1|true|yes)$/.test(env.FLEETPANE_DEMO)) env.NEXTAUTH_SECRET ??= demoSecret(dataDir);
  const cfg = config();
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 3000);
  env.NEXTAUTH_URL ??= `http://${host}:${port}`;

  if (cfg.awsEndpointUrl) {
    await checkEndpoint(cfg.awsEndpointUrl);
  } else if (cfg.demo) {
    env.AWS_ENDPOINT_URL = await startEmulator(Number(env.FLEETPANE_EMULATOR_PORT ?? 4566));
    Object.assign(env, demoAwsEnv);
    console.log(`AWS emulator: ${env.AWS_ENDPOINT_URL}`);
  }
  if (env.AWS_ENDPOINT_URL && cfg.demo)
    env.FLEETPANE_EMULATED_ENGINE_URL ??= await startEmulatedEngine(Number(env.FLEETPANE_ENGINE_PORT ?? 4570), root);
  if (cfg.worker === 'external' && cfg.database.kind === 'embedded') {
    throw new Error(
      'FLEETPANE_WORKER=external needs a PostgreSQL server (DATABASE_URL): the embedded database serves one process.',
    );
  }

  const days = env.FLEETPANE_DEMO_DAYS ?? '30';
  await runChild(process.execPath, tsArgs(path.join(root, 'scripts/prepare.ts'), ['--days', days]), { cwd: root });
  if (cfg.demo && env.AWS_ENDPOINT_URL) {
    startChild(process.execPath, tsArgs(path.join(root, 'scripts/demo-metrics.ts'), ['--follow', '--days', days]), {
      cwd: root,
    });
  }
  await buildIfChanged();

  const server = startChild(process.execPath, tsArgs(path.join(root, 'scripts/serve.ts')), {
    cwd: root,
    env: { ...env, HOST: host, PORT: String(port) },
  });
  server.on('exit', (code) => process.exit(code ?? 1));
  const url = `http://${host}:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/login`, { signal: AbortSignal.timeout(2_000) })).ok,
    60_000,
    'The dashboard',
  );
  console.log(`\nFleetpane is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}/fleet`);
  if (cfg.demo) {
    console.log(`Demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const u of demoUsers) console.log(`  ${u.email.padEnd(26)} ${u.role}`);
  }
  console.log('Stop with Ctrl-C.\n');
}

main().catch(exitOnError);
