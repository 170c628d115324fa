// A throwaway emulator and embedded database for a benchmark run, seeded with a fleet of a given size.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoAwsEnv, startEmulator } from '../../scripts/lib/emulator';

export async function prepareBenchEnv(port: number): Promise<{ dataDir: string; endpoint: string }> {
  const endpoint = await startEmulator(port);
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleetpane-bench-'));
  Object.assign(process.env, demoAwsEnv, {
    AWS_ENDPOINT_URL: endpoint,
    FLEETPANE_DEMO: 'true',
    FLEETPANE_DATA_DIR: dataDir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.DATABASE_URL;
  return { dataDir, endpoint };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
