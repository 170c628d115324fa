import { request } from '@playwright/test';
import type { FullConfig } from '@playwright/test';

// The tests read what the collector stored: wait for its first pass before any test starts (a refresh
// joins the pass already running at start-up and returns when it ends).
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL!;
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: 'admin@fleetpane.local', password: 'fleetpane-demo', json: 'true' },
  });
  const res = await api.post('/api/v1/fleet/refresh', { timeout: 120_000 });
  if (!res.ok()) throw new Error(`The first collector pass failed: ${res.status()} ${await res.text()}`);
  // And the cost data: the same read the nightly job makes (one account is denied by the fault proxy).
  const costs = await api.post('/api/v1/costs/ingest', { timeout: 120_000 });
  if (!costs.ok()) throw new Error(`Cost ingestion failed: ${costs.status()} ${await costs.text()}`);
  // The health history behind the first pass's few hours: read by its own job, started by that pass.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const sla = (await (await api.get('/api/v1/chains/burger-barn/sla')).json()) as {
      sla: { history: { complete: boolean } };
    };
    if (sla.sla.history.complete) break;
    if (Date.now() > deadline) throw new Error('The health history was not read within 90 s of the first pass');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await api.dispose();
}
