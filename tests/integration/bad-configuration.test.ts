import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// npm start with a bad setting ends at once with one sentence, not a stack trace.
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start-app.ts'], {
    cwd: root,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = result.stderr.split('\n').filter((l) => l.trim());
  return { status: result.status, lines };
}

describe('bad configuration', () => {
  it('names an unknown DATABASE_URL scheme', () => {
    const { status, lines } = start({ DATABASE_URL: 'mysql://root@127.0.0.1/fleet' });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL uses the scheme "mysql"/);
  });

  it('names a missing secret in production mode', () => {
    const { status, lines } = start({ FLEETPANE_DEMO: 'false' });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set/)]);
  });

  it('names an unreachable emulator', () => {
    const { status, lines } = start({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      FLEETPANE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fleetpane-bad-')),
    });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^The AWS endpoint http:\/\/127\.0\.0\.1:9 \(AWS_ENDPOINT_URL\) is unreachable/),
    ]);
  });
});
