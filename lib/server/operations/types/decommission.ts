import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { terminateAppInstance } from '@/lib/server/aws/ec2-operations';
import {
  CHAIN_PARAMETERS,
  deleteChainParameters,
  deleteParameter,
  deleteParametersUnder,
  flagdDocumentPath,
  flagsPath,
} from '@/lib/server/aws/ssm-parameters';
import { db } from '@/lib/server/db/client';
import {
  appLocks,
  confirmed,
  databaseLock,
  defineOperation,
  flagsLock,
  instanceLock,
} from '../kernel/operation-module';
import { finalSnapshotIdFor, instanceRemoval, sharedDatabaseRemoval, snapshotSteps } from '../kernel/shared-steps';
import type { Step, StepContext } from '../kernel/step-kit';
import { AWS_CALL_MS } from '../kernel/step-kit';

export const decommission = defineOperation(operationCatalog.decommission, {
  check: async (chain, p) => {
    // Otherwise they would outlive the chain, running and billed with nobody looking at them.
    const kept = await db.replacedDbInstance.findMany({
      where: { chainId: chain.id, retiredAt: null },
      select: { dbInstanceIdentifier: true },
    });
    return [
      ...confirmed(chain, p.confirm),
      ...(kept.length
        ? [`retire the instances kept after a cut-over first: ${kept.map((k) => k.dbInstanceIdentifier).join(', ')}`]
        : []),
    ];
  },
  // It touches the app instance too; on a shared instance it snapshots the whole instance, which RDS does one
  // at a time: it holds the instance as well.
  // And its flags: no delivery may write a parameter after the step that deletes them.
  locks: (chain) => [
    databaseLock(chain),
    ...appLocks(chain),
    flagsLock(chain),
    ...(chain.deployment.databaseKind === 'shared' ? [instanceLock(chain, chain.deployment.dbInstanceIdentifier)] : []),
  ],
  steps: (_p, ctx) => {
    const app = ctx.chain.appInstanceId;
    const shared = ctx.chain.databaseKind === 'shared' ? ctx.chain.databaseName : null;
    // Never the dedicated path for a chain on a shared instance: it would delete the instance and every neighbour.
    if (shared && ctx.chain.sharedInstance !== ctx.chain.dbInstanceIdentifier) {
      return [
        {
          name: 'Check the deployment',
          timeoutMs: 1_000,
          run: async (c) =>
            Promise.reject(new Error(`${c.chain.slug} is on a shared instance that is not recorded as one: refused`)),
        },
      ];
    }
    const terminate: Step[] = app
      ? [
          {
            name: 'Terminate the app instance',
            timeoutMs: AWS_CALL_MS,
            run: async (c: StepContext) => (await terminateAppInstance(c.clients, app), 'terminated'),
          },
        ]
      : [];
    return [
      // On a shared instance the snapshot is of the whole instance (RDS has no smaller unit): kept in our
      // account, tagged with the chain, never restorable over the neighbours (restores need a dedicated chain).
      ...snapshotSteps(
        finalSnapshotIdFor(ctx.chain.slug, ctx.operationId),
        shared
          ? `Take the final snapshot (of ${ctx.chain.dbInstanceIdentifier}, holding the chain's database)`
          : 'Take the final snapshot',
      ),
      ...(shared ? sharedDatabaseRemoval(ctx.chain.dbInstanceIdentifier, shared) : instanceRemoval()),
      {
        name: "Delete the chain's configuration parameters",
        timeoutMs: AWS_CALL_MS,
        run: async (c) => (await deleteChainParameters(c.clients, c.chain.slug, CHAIN_PARAMETERS), 'deleted'),
      },
      {
        name: "Delete the chain's flag parameters",
        timeoutMs: AWS_CALL_MS,
        run: async (c) => {
          const flags = await deleteParametersUnder(c.clients, flagsPath(c.chain.slug));
          const doc = await deleteParameter(c.clients, flagdDocumentPath(c.chain.slug));
          return `${flags} flag parameters deleted; the flagd document ${doc === 'deleted' ? 'deleted' : 'was absent'}`;
        },
      },
      ...terminate,
      {
        name: 'Retire the chain',
        timeoutMs: 30_000,
        run: async (c) => {
          await db.chain.update({ where: { slug: c.chain.slug }, data: { decommissionedAt: new Date() } });
          return 'retired: gone from the fleet, its history kept';
        },
      },
    ];
  },
});
