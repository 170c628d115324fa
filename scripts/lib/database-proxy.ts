// A TCP proxy in front of the PostgreSQL server, for the browser tests in PostgreSQL mode: the app under test
// reaches its database through it, and e2e/database-lost.spec.ts takes the database away and gives it back.
// `POST /cut` on its control port closes every connection and refuses new ones (the listener is closed, so a
// connect is refused, as when the server is down); `DELETE /cut` listens again.
import http from 'node:http';
import net from 'node:net';

export type DatabaseProxy = { host: string; port: number; controlUrl: string; close: () => Promise<void> };

export async function startDatabaseProxy(options: {
  target: { host: string; port: number };
  port: number;
  controlPort: number;
}): Promise<DatabaseProxy> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(options.target.port, options.target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = () => new Promise<void>((resolve) => relay.listen(options.port, '127.0.0.1', resolve));
  let cut = false;
  const control = http.createServer((req, res) => {
    if (req.url !== '/cut' || (req.method !== 'POST' && req.method !== 'DELETE')) {
      res.writeHead(404).end();
      return;
    }
    const wantCut = req.method === 'POST';
    const done = () => res.writeHead(204).end();
    if (wantCut === cut) return done();
    cut = wantCut;
    if (wantCut) {
      relay.close();
      for (const s of sockets) s.destroy();
      done();
    } else void listen().then(done);
  });
  await listen();
  await new Promise<void>((resolve) => control.listen(options.controlPort, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: options.port,
    controlUrl: `http://127.0.0.1:${options.controlPort}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      relay.close();
      control.close();
    },
  };
}
