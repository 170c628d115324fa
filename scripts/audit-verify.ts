// `npm run audit:verify`: walks the audit trail's hash chain on the configured database. Prints ok with the
// number of events and the newest hash (record it elsewhere: a later run that does not reach it shows a
// rewrite), or the first event where the chain breaks, and exits 1.
import { config } from '../lib/config';
import { verifyAuditTrail } from '../lib/server/audit/verify-audit-trail';
import { exitOnError } from './lib/processes';

async function main(): Promise<void> {
  config();
  const result = await verifyAuditTrail();
  if (result.status === 'ok') {
    console.log(`ok: ${result.events} events, the chain is intact. Newest hash: ${result.head ?? '(empty trail)'}`);
    process.exit(0);
  }
  const broken = result.firstBroken!;
  console.error(`broken at event ${broken.id} (${broken.at}, ${broken.action}): ${broken.reason}.`);
  console.error(`${result.events - 1} events before it are intact.`);
  process.exit(1);
}

main().catch(exitOnError);
