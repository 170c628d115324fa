import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs } from '@/lib/server/alerts/notification-claim';
import { colors, renderEmail, renderWebhookBody } from '@/lib/server/alerts/render-notification';
import type { RenderInput } from '@/lib/server/alerts/render-notification';
import { webhookSignature } from '@/lib/server/alerts/send-webhook';

// The pure parts of a notification: its signature, its rendering, the retry backoff.

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  kind: 'firing',
  alert: {
    fingerprint: 'abc123',
    rule: 'backup-age',
    severity: 'ticket',
    summary: 'No backup for 30 h',
    detail: { 'Last backup': '<none>' },
    startsAt: new Date('2026-12-04T10:00:00Z'),
    endsAt: null,
  },
  chain: { slug: 'bao-bar', name: 'Bao & Bar' },
  url: 'https://fleet.example.com/alerts?chain=bao-bar',
  ...over,
});

describe('alert notifications, rendered and signed', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
    expect(webhookSignature('s3cret', 1_700_000_000, '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('renders a resolved alert green, with its end, status resolved', () => {
    const endsAt = new Date('2026-12-04T12:00:00Z');
    const body = renderWebhookBody(input({ kind: 'resolved', alert: { ...input().alert, endsAt } }));
    expect(body).toMatchObject({ status: 'resolved', kind: 'resolved', endsAt: endsAt.toISOString() });
    expect(body.text).toBe('[RESOLVED] Bao & Bar — No backup for 30 h (ticket)');
    expect(body.attachments[0]).toMatchObject({ color: colors.resolved, ts: endsAt.getTime() / 1000 });
  });

  it('colours a firing ticket orange and a firing page red', () => {
    expect(renderWebhookBody(input()).attachments[0]!.color).toBe(colors.ticket);
    const page = renderWebhookBody(input({ alert: { ...input().alert, severity: 'page' } }));
    expect(page.attachments[0]!.color).toBe(colors.page);
  });

  it('escapes everything interpolated into the e-mail’s HTML', () => {
    const { html, text } = renderEmail(input());
    expect(html).toContain('Bao &amp; Bar');
    expect(html).toContain('&lt;none&gt;');
    expect(html).not.toContain('<none>');
    expect(text).toContain('Last backup: <none>');
  });

  it('backs off 30 s doubling to an hour, ±20 %', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(2, () => 0.5)).toBe(60_000);
    expect(backoffMs(12, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
  });
});
