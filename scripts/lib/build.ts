// `next build` only when the sources changed since the last build, so a warm start is quick.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runChild } from './processes';

const root = path.resolve(import.meta.dirname, '../..');
const inputs = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const stampFile = path.join(root, '.next/fleetpane-sources');

function walk(target: string, files: string[]): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) walk(path.join(target, entry), files);
  } else {
    files.push(target);
  }
}

function sourcesHash(): string {
  const files: string[] = [];
  for (const input of inputs) walk(path.join(root, input), files);
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

export async function buildIfChanged(): Promise<void> {
  const hash = sourcesHash();
  const built =
    existsSync(path.join(root, '.next/BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
  if (built) return;
  console.log('Building the dashboard (next build)…');
  const started = Date.now();
  await runChild(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  writeFileSync(stampFile, hash);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}
