// A webhook receiver in this process: 127.0.0.1 on a random port; records every request (method, headers, raw
// body, parsed JSON) and answers it with the status `answer` gives for it (200 by default), or holds it open
// without ever answering (`'hold'`: a receiver mid-request when the sender dies). `answered` lists the requests
// that got an answer: what a receiver actually accepted.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SunkRequest = {
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  json: unknown;
  /** The status answered, or null while held (or never). */
  status: number | null;
};

export type Answer = number | 'hold';

export type WebhookSink = {
  url: string;
  requests: SunkRequest[];
  answered: () => SunkRequest[];
  /** Decides each request's answer (n counts from 1); default 200. */
  answer: (request: SunkRequest) => Answer;
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(count: number, ms?: number): Promise<SunkRequest[]>;
  clear(): void;
};

const parse = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

export function webhookSink(answer: (request: SunkRequest) => Answer = () => 200): WebhookSink {
  const requests: SunkRequest[] = [];
  const held: ServerResponse[] = [];
  let port = 0;
  const sink: WebhookSink = {
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    requests,
    answered: () => requests.filter((r) => r.status !== null),
    answer,
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          port = (server.address() as AddressInfo).port;
          resolve();
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    async waitFor(count, ms = 10_000) {
      const end = Date.now() + ms;
      while (requests.length < count) {
        if (Date.now() > end) throw new Error(`webhook sink: ${requests.length} of ${count} requests after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return requests;
    },
    clear() {
      requests.length = 0;
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: SunkRequest = {
        n: requests.length + 1,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw,
        json: parse(raw),
        status: null,
      };
      requests.push(request);
      const a = sink.answer(request);
      if (a === 'hold') {
        held.push(res);
        return;
      }
      request.status = a;
      res.writeHead(a, { 'content-type': 'text/plain' }).end(a < 300 ? 'ok' : `status ${a} from the test`);
    });
  });
  return sink;
}
