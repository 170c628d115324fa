import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { announceChange } from '@/lib/server/db/change-signal';
import { cachedReport } from '@/lib/server/finance/report-cache';
import { findFleetPageShared } from '@/lib/server/fleet/find-fleet-page';

// Server processes keep short-lived caches of what they read; a change made by any process must drop them
// in all (lib/server/db/change-signal.ts). Another process is, to this one, another database connection.
const query = fleetQuerySchema(PAGE_SIZE).parse({});
const onServer = !!process.env.FLEETPANE_TEST_DATABASE_URL;

async function otherConnection<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('did not happen within 5 s');
}

describe('caches shared between viewers, dropped by changes from any process', () => {
  it('shares a fleet page between renders until the fleet changes', async () => {
    const first = findFleetPageShared(query);
    expect(findFleetPageShared(query)).toBe(first);
    await announceChange('fleet');
    const second = findFleetPageShared(query);
    expect(second).not.toBe(first);
    expect((await second).total).toBe(0);
  });

  it.skipIf(!onServer)('drops the fleet page when another process announces a change', async () => {
    const cached = findFleetPageShared(query);
    await cached;
    // This process listens from its first cached read; until its LISTEN is in place an announcement is
    // missed (and the cache still ends after 5 s), so announce until it has been heard.
    await otherConnection(async (client) => {
      await eventually(async () => {
        await client.query(`SELECT pg_notify('fleetpane_changed', 'fleet')`);
        await new Promise((r) => setTimeout(r, 20));
        return findFleetPageShared(query) !== cached;
      });
    });
  });

  it.skipIf(!onServer)(
    'drops a finance report when another process announces a change to costs or prices',
    async () => {
      let computed = 0;
      const report = () => cachedReport('range', async () => ++computed);
      expect(await report()).toBe(1);
      expect(await report()).toBe(1);
      await otherConnection(async (client) => {
        await eventually(async () => {
          await client.query(`SELECT pg_notify('fleetpane_changed', 'finance')`);
          await new Promise((r) => setTimeout(r, 20));
          return (await report()) > 1;
        });
      });
    },
  );

  it.skipIf(!onServer)('announces its own changes to the other processes', async () => {
    const heard = await otherConnection(async (client) => {
      const payloads: string[] = [];
      client.on('notification', (n) => payloads.push(`${n.channel}:${n.payload}`));
      await client.query('LISTEN fleetpane_changed');
      await announceChange('fleet');
      await announceChange('finance');
      await eventually(async () => payloads.length === 2);
      return payloads;
    });
    expect(heard).toEqual(['fleetpane_changed:fleet', 'fleetpane_changed:finance']);
  });
});
