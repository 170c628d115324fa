import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/server/auth/roles';

// Who reads which events, as one SQL condition on "AuditEvent" e (joined to its "Chain" c):
// - admins: everything;
// - ops and finance: the events about chains, and the fleet's own (waves, schedules, costs, prices, tiers), not
//   those about people (users, tokens, sign-ins, refusals without a chain);
// - account managers: the events of the chains they manage;
// - everyone: their own sign-ins and sign-outs.

/** Actions about people, not the fleet: only admins read them (and each user their own `auth.` ones). */
const peopleActions = ['user.', 'api-token.', 'auth.', 'authz.'];

const startsWith = (prefix: string) => Prisma.sql`e."action" LIKE ${`${prefix}%`}`;

export function auditScope(viewer: Viewer): Prisma.Sql {
  const own = Prisma.sql`(e."actorId" = ${viewer.id}::uuid AND e."action" LIKE 'auth.%')`;
  switch (viewer.role) {
    case 'admin':
      return Prisma.sql`TRUE`;
    case 'ops':
    case 'finance':
      return Prisma.sql`(e."chainId" IS NOT NULL OR NOT (${Prisma.join(peopleActions.map(startsWith), ' OR ')}) OR ${own})`;
    case 'account_manager':
      return Prisma.sql`(c."accountManagerId" = ${viewer.id}::uuid OR ${own})`;
  }
}
