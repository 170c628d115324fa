// A small proxy in front of the emulator that makes one AWS account unreachable, the way a revoked
// cross-account role looks from our side: STS answers AssumeRole into it with AccessDenied. Everything
// else passes through untouched. The browser tests use it to show that one failing account stays contained.
// It can also throttle the first few calls of one action (as RDS does under load) to exercise the retries,
// and hang the calls that mention a string (an AWS that neither answers nor fails) for a while: a test asks
// with POST /__fault/hang {"match": "bagel-bros", "ms": 8000} ("" matches every call); held calls go on when
// the time is up, or at once on DELETE /__fault/hang (a test that ends early must not leave AWS hung).
import http from 'node:http';

type FaultOptions = {
  target: string;
  port: number;
  deniedAccounts: string[];
  throttle?: { action: string; times: number };
};

export async function startFaultProxy(
  options: FaultOptions,
): Promise<{ url: string; close: () => void; seen: (action: string) => number }> {
  const target = new URL(options.target);
  const counts = new Map<string, number>();
  const hangs: { match: string; until: number }[] = [];
  const held = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      if (req.url === '/__fault/hang' && req.method === 'POST') {
        const { match, ms } = JSON.parse(text) as { match: string; ms: number };
        hangs.push({ match, until: Date.now() + ms });
        res.writeHead(204);
        res.end();
        return;
      }
      if (req.url === '/__fault/hang' && req.method === 'DELETE') {
        hangs.length = 0;
        for (const release of held) release();
        res.writeHead(204);
        res.end();
        return;
      }
      const hang = hangs.find((h) => h.until > Date.now() && (text.includes(h.match) || req.url?.includes(h.match)));
      if (hang) {
        await new Promise<void>((resolve) => {
          const release = () => (clearTimeout(timer), held.delete(release), resolve());
          const timer = setTimeout(release, hang.until - Date.now());
          held.add(release);
        });
        if (req.socket.destroyed) return; // the caller gave up meanwhile
      }
      const denied =
        /Action=AssumeRole\b/.test(text) &&
        options.deniedAccounts.some(
          (a) => text.includes(`arn%3Aaws%3Aiam%3A%3A${a}%3A`) || text.includes(`arn:aws:iam::${a}:`),
        );
      const action = /(?:^|&)Action=([A-Za-z]+)/.exec(text)?.[1];
      if (action) counts.set(action, (counts.get(action) ?? 0) + 1);
      if (action && options.throttle?.action === action && counts.get(action)! <= options.throttle.times) {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded (fault injected by the test proxy)</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>',
        );
        return;
      }
      if (denied) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
            '<Message>User is not authorized to perform: sts:AssumeRole (fault injected by the test proxy)</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>',
        );
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${options.port}`, close: () => server.close(), seen: (a) => counts.get(a) ?? 0 };
}
