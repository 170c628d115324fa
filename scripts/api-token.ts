// `npm run token -- create --email you@example.com --name ci`, `list --email …`, `revoke --email … --id …`:
// personal API tokens from the command line (the same as the API tokens page).
import { config } from '../lib/config';
import { createApiToken, listApiTokens, revokeApiToken } from '../lib/server/auth/api-tokens';
import { db } from '../lib/server/db/client';
import { exitOnError } from './lib/processes';
import { setProcessAuditSource } from '../lib/server/audit/request-context';

setProcessAuditSource('cli');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  config();
  const [command] = process.argv.slice(2);
  const email = option('email')?.toLowerCase();
  if (!command || !['create', 'list', 'revoke'].includes(command) || !email) {
    throw new Error(
      'Usage: npm run token -- create --email <user> --name <name> | list --email <user> | revoke --email <user> --id <token id>',
    );
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, active: true } });
  if (!user?.active) throw new Error(`No active user ${email}.`);
  if (command === 'create') {
    const name = option('name')?.trim();
    if (!name || name.length > 60) throw new Error('--name is required (at most 60 characters).');
    const { token, apiToken } = await createApiToken({ userId: user.id, actorEmail: user.email, name });
    console.error(`Created token "${apiToken.name}" (${apiToken.id}). It is shown once; keep it secret:`);
    console.log(token);
  } else if (command === 'list') {
    for (const t of await listApiTokens(user.id)) {
      console.log(
        `${t.id}  ${t.prefix}…  ${t.name}  created ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`,
      );
    }
  } else {
    const id = option('id');
    if (!id || !(await revokeApiToken({ userId: user.id, actorEmail: user.email, id })))
      throw new Error(`No active token ${id ?? ''} of ${email}.`);
    console.log(`Revoked ${id}.`);
  }
  process.exit(0);
}

main().catch(exitOnError);
