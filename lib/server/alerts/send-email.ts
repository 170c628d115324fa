import 'server-only';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { config } from '@/lib/config';
import { permanentError, transientError } from './delivery-error';

// One e-mail through the SMTP server of FLEETPANE_SMTP_URL (one transport per process, made on first use).
// Its Message-ID is the notification's id: a copy sent again after a crash is recognisable as the same
// message. An SMTP 5xx is a refusal; a 4xx, a connection error or a timeout is tried again.

let cached: { url: string; transport: Transporter } | undefined;

function transport(url: string, timeoutMs: number): Transporter {
  if (cached?.url === url) return cached.transport;
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const t = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  cached = { url, transport: t };
  return t;
}

export type EmailDelivery = { id: string; to: string[]; subject: string; text: string; html: string };

export const messageIdOf = (notificationId: string) => `<${notificationId}@fleetpane>`;

export async function sendEmail(d: EmailDelivery, timeoutMs: number): Promise<void> {
  const mail = config().mail;
  if (!mail) throw permanentError('no SMTP server is configured (FLEETPANE_SMTP_URL is unset): e-mail cannot be sent');
  if (!d.to.length) throw permanentError('the e-mail has no recipients');
  try {
    // The transport's timeouts are per phase and idle; this bounds the whole send within the claim, so a slow
    // server never lets another worker take the notification over while this one still sends it.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([
        transport(mail.url, timeoutMs).sendMail({
          from: mail.from,
          to: d.to,
          subject: d.subject,
          text: d.text,
          html: d.html,
          messageId: messageIdOf(d.id),
        }),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message?: string };
    const line = e.response ?? e.message ?? String(error);
    if (typeof e.responseCode === 'number' && e.responseCode >= 500)
      throw permanentError(`the SMTP server refused it: ${line}`);
    throw transientError(`SMTP: ${line}`);
  }
}
