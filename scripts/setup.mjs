// Installs what a fresh clone lacks, using nothing but Node itself: dependencies, and the generated
// Prisma client. Safe to run every time: each step is skipped when its output is current.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

export function ensureSetup({ quiet = false } = {}) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Fleetpane needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  }
  const installed = path.join(root, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || mtime(path.join(root, 'package-lock.json')) > mtime(installed)) {
    if (!quiet) console.log('Installing dependencies (npm install)…');
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
    } catch {
      fail('npm install failed (see above); check that the npm registry is reachable and run npm start again.');
    }
  }
  const generated = path.join(root, 'lib/generated/prisma/client.ts');
  if (mtime(path.join(root, 'prisma/schema.prisma')) > mtime(generated)) {
    if (!quiet) console.log('Generating the Prisma client…');
    // prisma generate never runs the schema engine, but checks for it first and would try to download
    // it (impossible offline); pointing it at any existing file skips the download.
    const placeholder = path.join(tmpdir(), 'fleetpane-no-schema-engine');
    writeFileSync(placeholder, '');
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
        cwd: root,
        stdio: quiet ? 'pipe' : ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          CHECKPOINT_DISABLE: '1',
        },
      });
    } catch {
      fail('prisma generate failed (see above).');
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureSetup({ quiet: true });
