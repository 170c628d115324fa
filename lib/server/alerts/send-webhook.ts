import 'server-only';
import { createHmac } from 'node:crypto';
import { permanentError, transientError } from './delivery-error';

// One webhook POST. The receiver deduplicates on X-Fleetpane-Delivery (the notification's id: the same on
// every retry) and checks X-Fleetpane-Signature: HMAC-SHA256 with the channel's secret over
// "<X-Fleetpane-Timestamp>.<raw body>". 2xx is taken; 5xx, 408, 429, a network error or no answer in time are
// tried again; any other answer is a refusal. Redirects are not followed (a moved hook is a refusal to see).

/** "sha256=<hex>" of "<timestamp>.<body>". */
export function webhookSignature(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export type WebhookDelivery = { id: string; url: string; secret: string | null; body: unknown };

const snippet = async (response: Response) => {
  const text = await response.text().catch(() => '');
  return text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : '';
};

export async function sendWebhook(d: WebhookDelivery, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const raw = JSON.stringify(d.body);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Fleetpane',
    'X-Fleetpane-Delivery': d.id,
    'X-Fleetpane-Timestamp': String(timestamp),
  };
  if (d.secret) headers['X-Fleetpane-Signature'] = webhookSignature(d.secret, timestamp, raw);
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(d.url, {
      method: 'POST',
      headers,
      body: raw,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
  } catch (error) {
    if (timeout.aborted) throw transientError(`no answer from ${d.url} within ${timeoutMs / 1000} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw transientError(`${d.url} could not be reached${cause}`);
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const status = response.status;
  const line = `${d.url} answered HTTP ${status}${await snippet(response)}`;
  if (status >= 500 || status === 408 || status === 429) throw transientError(line);
  throw permanentError(line);
}
