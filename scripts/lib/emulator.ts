// The local AWS emulator (moto server): started on loopback when no AWS endpoint is configured.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../../lib/config';
import { startChild, tsArgs, waitFor } from './processes';

export const demoAwsEnv = {
  AWS_ACCESS_KEY_ID: 'fleetpane-demo',
  AWS_SECRET_ACCESS_KEY: 'fleetpane-demo',
  AWS_REGION: 'us-east-1',
  AWS_DISABLE_REQUEST_COMPRESSION: 'true',
  // Long metric reads in slices of 36 periods (3 hours of 5-minute samples): the emulator's cost per call
  // grows with the square of the window.
  FLEETPANE_METRIC_MAX_PERIODS: '36',
};

async function answers(url: string): Promise<boolean> {
  const res = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
  return !!res && res.ok;
}

/** Checks that a configured endpoint answers, with one sentence when it does not. */
export async function checkEndpoint(url: string): Promise<void> {
  const ok = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
    () => true,
    () => false,
  );
  if (!ok)
    throw new ConfigError(
      `The AWS endpoint ${url} (AWS_ENDPOINT_URL) is unreachable: start the emulator there, or unset AWS_ENDPOINT_URL to let npm start run one.`,
    );
}

function findPython(): string {
  for (const python of ['python3', 'python']) {
    try {
      execFileSync(python, ['-c', 'import moto.server'], { stdio: 'ignore' });
      return python;
    } catch {
      // try the next one
    }
  }
  throw new ConfigError(
    "The local AWS emulator needs moto's server in Python 3: install it with `pip install 'moto[server]'`, or set AWS_ENDPOINT_URL to a running emulator.",
  );
}

/** Starts moto on 127.0.0.1:port (or reuses one already answering there) and returns its URL. */
export async function startEmulator(port: number): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  if (await answers(url)) return url;
  const python = findPython();
  const child = startChild(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(
    async () => {
      if (exited)
        throw new ConfigError(
          `The AWS emulator could not start on port ${port}: ${stderr.trim().split('\n').pop() ?? 'no output'}`,
        );
      return answers(url);
    },
    60_000, // generous: a busy 2-core machine starts PGlite slowly; a ready one answers at once
    'The AWS emulator',
  );
  return url;
}

/**
 * Starts the engine that stands in for the emulator's RDS instances (scripts/emulated-engine.ts) on
 * 127.0.0.1:port, or reuses one answering there, and returns its URL for FLEETPANE_EMULATED_ENGINE_URL.
 */
export async function startEmulatedEngine(port: number, root: string): Promise<string> {
  const url = `postgresql://fleetpane_admin@127.0.0.1:${port}/postgres`;
  if (await acceptsConnections(port)) return url;
  const child = startChild(process.execPath, tsArgs(path.join(root, 'scripts/emulated-engine.ts'), [String(port)]), {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(
    async () => {
      if (exited)
        throw new ConfigError(`The emulated database engine could not start on port ${port} (FLEETPANE_ENGINE_PORT).`);
      return acceptsConnections(port);
    },
    60_000, // generous: a busy 2-core machine starts PGlite slowly; a ready one answers at once
    'The emulated database engine',
  );
  return url;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
