import type { Metadata } from 'next';
import type { ChannelDto } from '@/lib/alerts/channel-dto';
import { formatAge } from '@/lib/format';
import { listChannels } from '@/lib/server/alerts/find-channels';
import { authorizePage } from '@/lib/server/auth/authorize';
import { deleteChannelAction, sendTestAction } from './actions';
import { CreateChannelForm } from './create-channel-form';

export const metadata: Metadata = { title: 'Alert channels' };

const all = (list: string[], what: string) => (list.length ? list.join(', ') : `all ${what}`);

function target(c: ChannelDto) {
  if (c.kind === 'webhook') return c.url;
  return [...(c.toAccountManager ? ['the account manager'] : []), ...c.emails].join(', ');
}

function LastDelivery({ c }: { c: ChannelDto }) {
  const d = c.lastDeliveries[0];
  if (!d) return <span className="text-slate-500">none yet</span>;
  const tone = d.status === 'sent' ? 'text-ok' : d.status === 'failed' ? 'text-bad' : 'text-slate-700';
  return (
    <span data-testid={`delivery-${c.name}`}>
      <span className={tone}>{d.status}</span> ({d.kind}, {d.attempts} attempt{d.attempts === 1 ? '' : 's'},{' '}
      {formatAge(d.sentAt ?? d.createdAt)})
      {d.lastError && <span className="block text-xs text-bad">{d.lastError}</span>}
    </span>
  );
}

export default async function AlertChannelsPage() {
  await authorizePage('alerts:channels');
  const channels = await listChannels();
  return (
    <>
      <h1 className="text-2xl font-semibold">Alert channels</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Where alert notifications go: a signed webhook (Slack-compatible JSON) or e-mail, for the severities, tiers and
        chains chosen (none chosen: all). “Send a test” queues one notification; reload to see whether it was sent.
      </p>
      <table className="mt-6 w-full text-left text-sm">
        <caption className="sr-only">Alert channels</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Target</th>
            <th scope="col">Routing</th>
            <th scope="col">Last delivery</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {channels.length === 0 && (
            <tr>
              <td colSpan={6} className="py-3 text-slate-500">
                No channel yet: alerts reach nobody.
              </td>
            </tr>
          )}
          {channels.map((c) => (
            <tr key={c.id} data-testid={`channel-${c.name}`} className="align-top">
              <td className="py-2">
                {c.name}
                {!c.enabled && <span className="ml-1 text-slate-500">(disabled)</span>}
              </td>
              <td>{c.kind === 'webhook' ? 'Webhook' : 'E-mail'}</td>
              <td className="max-w-xs break-all">{target(c)}</td>
              <td>
                {all(c.severities, 'severities')}; {all(c.tierKeys, 'tiers')}; {all(c.chainSlugs, 'chains')}
                {c.nightlySummary && '; nightly summary'}
              </td>
              <td>
                <LastDelivery c={c} />
              </td>
              <td className="space-y-1 text-right">
                <form action={sendTestAction}>
                  <input type="hidden" name="id" value={c.id} />
                  <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
                    Send a test <span className="sr-only">to {c.name}</span>
                  </button>
                </form>
                <form action={deleteChannelAction}>
                  <input type="hidden" name="id" value={c.id} />
                  <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
                    Delete <span className="sr-only">{c.name}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateChannelForm />
    </>
  );
}
