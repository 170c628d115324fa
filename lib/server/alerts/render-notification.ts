import 'server-only';

// What a notification says, rendered once when it is queued (the row keeps the exact payload, so a retry sends
// the same bytes): a Slack-compatible webhook body with machine fields beside it, or an e-mail's subject,
// text and HTML. Pure: no database, no clock.

export type NotificationKindName = 'firing' | 'resolved' | 'reminder' | 'test';

export type RenderInput = {
  kind: NotificationKindName;
  alert: {
    fingerprint: string;
    rule: string;
    severity: 'page' | 'ticket';
    summary: string;
    detail: Record<string, string>;
    startsAt: Date;
    endsAt: Date | null;
  };
  chain: { slug: string; name: string };
  /** Where the alert is seen in Fleetpane: <origin>/alerts?chain=<slug>. */
  url: string;
};

export type WebhookBody = {
  text: string;
  attachments: {
    color: string;
    title: string;
    title_link: string;
    text: string;
    fields: { title: string; value: string; short: boolean }[];
    footer: 'Fleetpane';
    ts: number;
  }[];
  fingerprint: string;
  status: 'firing' | 'resolved';
  kind: NotificationKindName;
  chain: { slug: string; name: string };
  rule: string;
  severity: 'page' | 'ticket';
  summary: string;
  startsAt: string;
  endsAt: string | null;
  url: string;
};

const labels: Record<NotificationKindName, string> = {
  firing: 'FIRING',
  resolved: 'RESOLVED',
  reminder: 'STILL FIRING',
  test: 'TEST',
};

export const colors = { page: '#d7263d', ticket: '#f08c00', resolved: '#2b9348' } as const;

const statusOf = (input: RenderInput) => (input.kind === 'resolved' ? 'resolved' : 'firing');

/** "[FIRING] Burger Barn — SLO burn rate 1 h/5 min above 14.4× (page)". */
export function headline(input: RenderInput): string {
  return `[${labels[input.kind]}] ${input.chain.name} — ${input.alert.summary} (${input.alert.severity})`;
}

function fields(input: RenderInput): WebhookBody['attachments'][number]['fields'] {
  const { alert } = input;
  return [
    { title: 'Chain', value: `${input.chain.name} (${input.chain.slug})`, short: true },
    { title: 'Severity', value: alert.severity, short: true },
    { title: 'Rule', value: alert.rule, short: true },
    { title: 'Started', value: alert.startsAt.toISOString(), short: true },
    ...(alert.endsAt ? [{ title: 'Ended', value: alert.endsAt.toISOString(), short: true }] : []),
    ...Object.entries(alert.detail).map(([title, value]) => ({ title, value: String(value), short: true })),
  ];
}

export function renderWebhookBody(input: RenderInput): WebhookBody {
  const { alert } = input;
  const status = statusOf(input);
  const at = status === 'resolved' && alert.endsAt ? alert.endsAt : alert.startsAt;
  return {
    text: headline(input),
    attachments: [
      {
        color: status === 'resolved' ? colors.resolved : colors[alert.severity],
        title: `${input.chain.name}: ${alert.summary}`,
        title_link: input.url,
        text: status === 'resolved' ? 'Resolved.' : `${alert.rule} is firing (${alert.severity}).`,
        fields: fields(input),
        footer: 'Fleetpane',
        ts: Math.floor(at.getTime() / 1000),
      },
    ],
    fingerprint: alert.fingerprint,
    status,
    kind: input.kind,
    chain: { slug: input.chain.slug, name: input.chain.name },
    rule: alert.rule,
    severity: alert.severity,
    summary: alert.summary,
    startsAt: alert.startsAt.toISOString(),
    endsAt: status === 'resolved' ? (alert.endsAt?.toISOString() ?? null) : null,
    url: input.url,
  };
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => entities[c]!);

export type EmailContent = { subject: string; text: string; html: string };

export function renderEmail(input: RenderInput): EmailContent {
  const subject = headline(input);
  const rows = fields(input);
  const text = [
    subject,
    '',
    ...rows.map((f) => `${f.title}: ${f.value}`),
    '',
    `Fingerprint: ${input.alert.fingerprint}`,
    `See it in Fleetpane: ${input.url}`,
  ].join('\n');
  const color = statusOf(input) === 'resolved' ? colors.resolved : colors[input.alert.severity];
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1 style="font-size:18px;border-left:6px solid ${color};padding-left:8px">${escapeHtml(subject)}</h1>`,
    '<table cellpadding="4">',
    ...rows.map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(input.url)}">See it in Fleetpane</a></p>`,
    `<p style="color:#666;font-size:12px">Fingerprint ${escapeHtml(input.alert.fingerprint)} · Fleetpane</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
