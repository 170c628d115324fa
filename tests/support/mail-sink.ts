// An SMTP server in this process, for tests that send e-mail: 127.0.0.1 on a random port, no TLS, any login
// or none; every message is parsed (mailparser) and kept. `url` is what FLEETPANE_SMTP_URL takes.
// `refuse(code)` makes it answer the next messages' DATA with that SMTP code (e.g. 450, 550).
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SunkMail = {
  messageId: string | undefined;
  from: string | undefined;
  to: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  headers: Map<string, unknown>;
};

export type MailSink = {
  url: string;
  messages: SunkMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves with the messages once there are at least `count` (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<SunkMail[]>;
  /** Answers DATA with this code from now on (null: accept again). */
  refuse(code: number | null): void;
  clear(): void;
};

export function mailSink(): MailSink {
  const messages: SunkMail[] = [];
  let refusal: number | null = null;
  let port = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onData(stream, session, callback) {
      if (refusal !== null) {
        stream.resume();
        const err = Object.assign(new Error(`refused by the test (${refusal})`), { responseCode: refusal });
        stream.on('end', () => callback(err));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            messageId: mail.messageId,
            from: mail.from?.text,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            html: typeof mail.html === 'string' ? mail.html : undefined,
            headers: mail.headers,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          port = (server.server.address() as AddressInfo).port;
          resolve();
        });
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(count, ms = 10_000) {
      const end = Date.now() + ms;
      while (messages.length < count) {
        if (Date.now() > end) throw new Error(`mail sink: ${messages.length} of ${count} messages after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    refuse(code) {
      refusal = code;
    },
    clear() {
      messages.length = 0;
    },
  };
}
