import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect } from '@playwright/test';
import { demoEmail } from './callers';
import { callAction, findAction } from './server-actions';

// What e2e/audit-walk.spec.ts does with each change: send it, then find its event by the response's
// X-Request-Id and check who, from where, the chain, before and after.

export type AuditEvent = {
  action: string;
  actor: string | null;
  actorRole: string | null;
  token: { id: string; name: string } | null;
  source: string;
  chain: string | null;
  target: string | null;
  result: string;
  before: unknown;
  after: unknown;
  detail: unknown;
  requestId: string | null;
  userAgent: string | null;
};

export type Expected = {
  action: string;
  chain?: string;
  before?: unknown;
  after?: Record<string, unknown>;
  actor?: string;
  source?: 'ui' | 'api';
  /** Default ok. */
  result?: unknown;
};

export const label = (s: { kind: string; method?: string; path?: string; name?: string }) =>
  s.kind === 'action' ? `action ${s.name}` : `${s.method} ${s.path}`;

const ADMIN = demoEmail('admin');

export function auditWalk(admin: APIRequestContext, baseURL: string, slug: string) {
  const covered = new Set<string>();

  async function eventsOf(res: APIResponse): Promise<AuditEvent[]> {
    const requestId = res.headers()['x-request-id'];
    expect(requestId, 'every response names its request').toMatch(/^[0-9a-f-]{36}$/);
    const found = await admin.get(`/api/v1/audit?requestId=${requestId}&limit=500`);
    expect(found.status()).toBe(200);
    return ((await found.json()) as { events: AuditEvent[] }).events;
  }

  /** The surface answered a success, and its event says who did what to what, before and after. */
  async function audited(surface: string, res: APIResponse, expected: Expected): Promise<AuditEvent> {
    expect(res.status(), `${surface}: ${await res.text()}`).toBeLessThan(400);
    covered.add(surface);
    const event = (await eventsOf(res)).find((e) => e.action === expected.action);
    expect(event, `${surface} → ${expected.action}`).toBeDefined();
    expect(event!, surface).toMatchObject({
      actor: expected.actor ?? ADMIN,
      actorRole: expected.actor === demoEmail('ops') ? 'ops' : 'admin',
      source: expected.source ?? 'ui',
      result: expected.result ?? 'ok',
      chain: expected.chain ?? null,
    });
    expect(event!.userAgent, surface).toBeTruthy();
    if ('before' in expected) {
      if (expected.before === null) expect(event!.before, surface).toBeNull();
      else expect(event!.before, surface).toMatchObject(expected.before as Record<string, unknown>);
    }
    if (expected.after) expect(event!.after, surface).toMatchObject(expected.after);
    return event!;
  }

  const send = (who: APIRequestContext, method: string, url: string, data?: unknown, key = false) =>
    who.fetch(url, {
      method,
      ...(data === undefined ? {} : { data }),
      headers: {
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': `audit-walk-${crypto.randomUUID()}` } : {}),
      },
    });

  async function finished(operationId: string): Promise<void> {
    await expect
      .poll(
        async () =>
          ((await (await admin.get(`/api/v1/operations/${operationId}`)).json()) as { operation: { status: string } })
            .operation.status,
        { timeout: 90_000, intervals: [500] },
      )
      .toMatch(/succeeded|failed|rolled_back/);
  }

  const action = (name: string, file: string, fields: Record<string, string>, url?: string) => {
    const target = findAction(file, name);
    return callAction(admin, target, url ?? target.pagePath.replace('[slug]', slug), fields, {
      // Plain form actions (one FormData argument) take no previous state.
      withState: !['revokeTokenAction', 'sendTestAction', 'deleteChannelAction'].includes(name),
      origin: baseURL,
    });
  };
  const files = {
    alertChannels: 'app/(console)/settings/alert-channels/actions.ts',
    contract: 'app/(console)/chains/[slug]/contract/edit/actions.ts',
    flags: 'app/(console)/chains/[slug]/flags/actions.ts',
    fleet: 'app/(console)/fleet/actions.ts',
    prices: 'app/(console)/settings/prices/actions.ts',
    schedules: 'app/(console)/settings/schedules/actions.ts',
    tiers: 'app/(console)/settings/tiers/actions.ts',
    tokens: 'app/(console)/settings/tokens/actions.ts',
    users: 'app/(console)/settings/users/actions.ts',
  };

  return { covered, eventsOf, audited, send, finished, action, files };
}
