import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { auditWalk } from './audit-walk-kit';

// The audit walk's alert channel cases (e2e/audit-walk.spec.ts): a channel created, tested and deleted
// through the API and through the settings page. The webhook points at a closed local port: a test to it
// is queued (and audited) all the same, then fails to deliver, which is not this walk's business.

export async function walkAlertChannels(
  kit: ReturnType<typeof auditWalk>,
  admin: APIRequestContext,
  run: string,
): Promise<void> {
  const { audited, send, action, files } = kit;
  const name = `audit-walk-hook-${run}`;
  const created = await send(admin, 'POST', '/api/v1/alert-channels', {
    name,
    kind: 'webhook',
    url: 'http://127.0.0.1:9/hook',
    severities: ['page'],
  });
  const event = await audited('POST /api/v1/alert-channels', created, {
    action: 'alert-channel.create',
    before: null,
    after: { name, kind: 'webhook', hasSecret: true, severities: ['page'] },
  });
  const { channel, secret } = (await created.json()) as { channel: { id: string }; secret: string };
  expect(JSON.stringify(event), 'the secret is not in the trail').not.toContain(secret);
  await audited(
    'POST /api/v1/alert-channels/[id]/test',
    await send(admin, 'POST', `/api/v1/alert-channels/${channel.id}/test`),
    {
      action: 'alert-channel.test',
    },
  );
  await audited(
    'DELETE /api/v1/alert-channels/[id]',
    await send(admin, 'DELETE', `/api/v1/alert-channels/${channel.id}`),
    {
      action: 'alert-channel.delete',
      before: { name, kind: 'webhook' },
    },
  );

  const mailName = `audit-walk-mail-${run}`;
  await audited(
    'action createChannelAction',
    await action('createChannelAction', files.alertChannels, {
      name: mailName,
      kind: 'email',
      emails: 'audit-walk@example.com',
      url: '',
      tierKeys: '',
      chainSlugs: '',
    }),
    { action: 'alert-channel.create', before: null, after: { name: mailName, emails: ['audit-walk@example.com'] } },
  );
  const list = (await (await admin.get('/api/v1/alert-channels')).json()) as {
    channels: { id: string; name: string }[];
  };
  const id = list.channels.find((c) => c.name === mailName)!.id;
  await audited('action sendTestAction', await action('sendTestAction', files.alertChannels, { id }), {
    action: 'alert-channel.test',
  });
  await audited('action deleteChannelAction', await action('deleteChannelAction', files.alertChannels, { id }), {
    action: 'alert-channel.delete',
    before: { name: mailName },
  });
}
