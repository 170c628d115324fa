// The database engine behind the emulator's RDS instances, which have none: one in-memory PGlite served
// over the PostgreSQL protocol, so the SQL Fleetpane runs inside a shared instance (a chain's database and
// login) runs for real. Like the emulator, it keeps nothing between starts.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2] ?? 4570);
const db = await PGlite.create();
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
await server.start();
console.log(`emulated engine on 127.0.0.1:${port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.stop().finally(() => process.exit(0));
  });
}
