// `npm run user -- create|list|set-role|deactivate|reactivate …`: user administration from the command line,
// for the first admin above all. The same functions as /settings/users and the API, so the same rules hold
// (a taken email, the last active admin); the audit log records the command line as the actor.
import { AppError } from '../lib/app-error';
import { config } from '../lib/config';
import { openDatabase } from '../lib/db-adapter';
import { db } from '../lib/server/db/client';
import { createUser } from '../lib/server/users/create-user';
import { findUsers } from '../lib/server/users/find-users';
import { updateUser } from '../lib/server/users/update-user';
import { cliActor } from '../lib/server/users/users-actor';
import { applyMigrations } from './lib/migrations';
import { exitOnError } from './lib/processes';
import { setProcessAuditSource } from '../lib/server/audit/request-context';

setProcessAuditSource('cli');

const usage = `Usage: npm run user -- <command>
  create --email <email> --role <admin|ops|account_manager|finance> [--name "<name>"] [--password <password>]
  list
  set-role --email <email> --role <role>
  deactivate --email <email>      (revokes their API tokens and ends their sessions)
  reactivate --email <email>
A password is read only by the demo's sign-in (FLEETPANE_DEMO=true). In production people sign in through your
OIDC provider, matched on this email; give no password. The last active admin cannot be demoted or deactivated.`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function userId(): Promise<string> {
  const email = option('email')?.trim().toLowerCase();
  if (!email) throw new Error(`--email is required.\n\n${usage}`);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new Error(`No user ${email}.`);
  return user.id;
}

async function run(command: string | undefined): Promise<string> {
  const actor = cliActor();
  if (command === 'create') {
    const email = option('email') ?? '';
    const password = option('password');
    const name = option('name') ?? email.split('@')[0];
    const { user } = await createUser({ email, name, role: option('role'), ...(password ? { password } : {}) }, actor);
    return `Added ${user.email} (${user.role}).`;
  }
  if (command === 'list') {
    return (await findUsers(actor))
      .map((u) =>
        [u.email, u.role, u.active ? 'active' : 'deactivated', u.name, u.chains.map((c) => c.slug).join(',')]
          .filter(Boolean)
          .join('  '),
      )
      .join('\n');
  }
  const changes: Record<string, object> = {
    'set-role': { role: option('role') },
    deactivate: { active: false },
    reactivate: { active: true },
  };
  const change = command ? changes[command] : undefined;
  if (!change) throw new Error(usage);
  const { user, unassignedChains } = await updateUser(await userId(), change, actor);
  const left = unassignedChains.length ? `\nNow without an account manager: ${unassignedChains.join(', ')}.` : '';
  return `${user.email}: ${user.role}, ${user.active ? 'active' : 'deactivated'}.${left}`;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    process.exit(command ? 0 : 1);
  }
  // A fresh database gets its tables first: the first admin is made before the first start.
  const handle = openDatabase(config().database);
  await applyMigrations(handle.adapter);
  await handle.close();
  try {
    console.log(await run(command));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error([error.message, ...(error.issues ?? []).map((i) => `  ${i}`)].join('\n'));
    process.exit(1);
  }
  // PGlite leaves timers running.
  process.exit(0);
}

main().catch(exitOnError);
