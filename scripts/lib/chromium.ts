// Browser tests drive Debian's Chromium: installed from apt when missing and we are root.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError } from '../../lib/config';

export function ensureChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.getuid?.() !== 0) {
    throw new ConfigError(
      'Browser tests need Chromium: install it with `sudo apt-get install -y chromium fonts-liberation` (or set CHROMIUM_PATH).',
    );
  }
  console.log('Installing Chromium from apt…');
  try {
    const quiet = { stdio: 'ignore' as const, timeout: 300_000 };
    execFileSync('apt-get', ['update', '-qq'], quiet);
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'], quiet);
  } catch {
    throw new ConfigError(
      'Chromium could not be installed from apt: install the chromium package, or set CHROMIUM_PATH.',
    );
  }
  if (!existsSync(path)) throw new ConfigError(`apt installed chromium, but ${path} is missing: set CHROMIUM_PATH.`);
  return path;
}
