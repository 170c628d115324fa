// What an admin sends to create an alert channel: one schema for the API and the settings form, with messages
// a person can act on. Whether the tiers and chains named exist is checked against the database
// (lib/server/alerts/create-channel.ts). Unknown fields are refused, so a typo is not silently ignored.
import { z } from 'zod';

export const channelKinds = ['webhook', 'email'] as const;
export type ChannelKindName = (typeof channelKinds)[number];
export const alertSeverities = ['page', 'ticket'] as const;

const name = z
  .string({ error: 'name says who the channel reaches' })
  .trim()
  .min(1, 'name says who the channel reaches')
  .max(100, 'name is at most 100 characters');

const url = z
  .string({ error: 'url is the http(s) address alerts are posted to' })
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'url is an http(s) URL, e.g. https://hooks.slack.com/services/…' }));

const keys = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what} are non-empty`), { error: `${what} are a list (empty: all)` })
    .max(100, `at most 100 ${what}`)
    .default([]);

export const createChannelInputSchema = z
  .strictObject({
    name,
    kind: z.enum(channelKinds, { error: 'kind is webhook or email' }),
    url: url.optional(),
    // A webhook's signing secret; generated when not given (and shown once).
    secret: z
      .string({ error: 'secret is a string' })
      .min(16, 'secret is at least 16 characters')
      .max(200, 'secret is at most 200 characters')
      .optional(),
    emails: z
      .array(z.email({ error: 'each address is an e-mail address' }), { error: 'emails is a list of addresses' })
      .max(50, 'at most 50 addresses')
      .default([]),
    toAccountManager: z.boolean({ error: 'toAccountManager is true or false' }).default(false),
    severities: z
      .array(z.enum(alertSeverities, { error: 'a severity is page or ticket' }), {
        error: 'severities is a list of page and ticket (empty: all)',
      })
      .default([]),
    tierKeys: keys('tierKeys'),
    chainSlugs: keys('chainSlugs'),
    nightlySummary: z.boolean({ error: 'nightlySummary is true or false' }).default(false),
    enabled: z.boolean({ error: 'enabled is true or false' }).default(true),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'webhook') {
      if (!c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a webhook channel needs its URL' });
      if (c.emails.length || c.toAccountManager)
        ctx.addIssue({ code: 'custom', path: ['emails'], message: 'a webhook channel has no e-mail addresses' });
      if (c.nightlySummary)
        ctx.addIssue({
          code: 'custom',
          path: ['nightlySummary'],
          message: 'the nightly summary goes to e-mail channels only',
        });
    } else {
      if (c.url !== undefined || c.secret !== undefined)
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'an e-mail channel has no URL or secret' });
      if (!c.emails.length && !c.toAccountManager)
        ctx.addIssue({
          code: 'custom',
          path: ['emails'],
          message: 'an e-mail channel needs at least one address, or toAccountManager',
        });
    }
  });
export type CreateChannelInput = z.infer<typeof createChannelInputSchema>;
