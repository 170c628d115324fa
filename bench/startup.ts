// Startup benchmark: a fresh clone of HEAD, `npm start` as a new user runs it (its own ports), timed to
// "served" (the login page answers) and then to "complete": every chain's deployment read, its health known
// (or unknown with a reason), its conformance evaluated, and its health history read. Prints figures;
// asserts nothing. Run: npm run bench:startup [-- --keep] (node_modules are copied in with --reuse-modules,
// to time a start without the install; --own-emulator starts a moto server first and points the clone at it
// through AWS_ENDPOINT_URL, as a user running their own emulator would, telling the app nothing else).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasFlag } from '../scripts/lib/args';

const root = path.resolve(import.meta.dirname, '..');
const port = 3300;
const base = `http://127.0.0.1:${port}`;

type Chain = { slug: string; health: string; refreshedAt: string | null; staleReason: string | null };

const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(0);

async function signIn(): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: new URLSearchParams({ csrfToken, email: 'admin@fleetpane.local', password: 'fleetpane-demo', json: 'true' }),
  });
  return [cookie, ...(res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0])].join('; ');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetpane-startup-'));
  const app = path.join(dir, 'app');
  spawnSync('git', ['clone', '-q', root, app], { stdio: 'inherit' });
  if (hasFlag('reuse-modules') && existsSync(path.join(root, 'node_modules'))) {
    cpSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), { recursive: true });
  }
  const own = hasFlag('own-emulator') ? 'http://127.0.0.1:4667' : null;
  const emulator = own
    ? spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '4667'], { stdio: 'ignore', detached: true })
    : null;
  if (own) await new Promise((r) => setTimeout(r, 2_000));
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: app,
    detached: true,
    stdio: 'ignore',
    // The embedded database, as a new user's first start has it.
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      PORT: String(port),
      FLEETPANE_EMULATOR_PORT: '4666',
      FLEETPANE_ENGINE_PORT: '4670',
      ...(own
        ? { AWS_ENDPOINT_URL: own, AWS_ACCESS_KEY_ID: 'mine', AWS_SECRET_ACCESS_KEY: 'mine', AWS_REGION: 'us-east-1' }
        : {}),
    },
  });
  const stop = () => {
    for (const pid of [child.pid, emulator?.pid]) {
      try {
        if (pid) process.kill(-pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
  };
  try {
    let served = 0;
    while (!served) {
      const ok = await fetch(`${base}/login`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) served = Date.now();
      else if (Date.now() - started > 600_000) throw new Error('npm start did not serve /login within 10 minutes');
      else await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`served (/login answers): ${seconds(started)} s after npm start`);
    const cookie = await signIn();
    const get = async <T>(url: string): Promise<T> =>
      (await (await fetch(`${base}${url}`, { headers: { cookie } })).json()) as T;
    const marks: Record<string, number> = {};
    const mark = (what: string, done: boolean) => {
      if (done && !marks[what]) {
        marks[what] = Date.now();
        console.log(`${what}: ${seconds(served)} s after served (${seconds(started)} s after npm start)`);
      }
    };
    while (Object.keys(marks).length < 3 && Date.now() - served < 600_000) {
      const { chains } = await get<{ chains: Chain[] }>('/api/v1/chains?size=5000');
      mark('every deployment read', chains.length > 0 && chains.every((c) => c.refreshedAt));
      mark(
        'every health known or explained',
        chains.length > 0 && chains.every((c) => c.health !== 'unknown' || c.staleReason),
      );
      const histories = await Promise.all(
        chains.map((c) => get<{ sla: { history: { complete: boolean } } }>(`/api/v1/chains/${c.slug}/sla`)),
      );
      mark(
        'every health history read (35 days)',
        histories.every((h) => h.sla.history.complete),
      );
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 3_000));
    if (!hasFlag('keep')) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
