import 'server-only';
import type { z } from 'zod';
import type { CatalogEntry } from '@/lib/operations/catalog/entry';
import type { Step, StepContext } from './step-kit';

// What a type module gives the kernel: checks of a request against what is recorded, the resources it
// holds, its steps. defineOperation binds one to its catalog entry (the params schema), so the kernel
// handles every type alike without knowing any of them.

/** What a request needs of the chain it is for, as recorded. */
export type OperationChain = {
  id: string;
  slug: string;
  region: string;
  awsAccountId: string;
  roleArn: string | null;
  deployment: {
    databaseKind: 'dedicated' | 'shared';
    dbInstanceIdentifier: string;
    databaseName: string;
    appInstanceId: string | null;
    allocatedStorageGb: number | null;
  } | null;
};

export type Deployment = NonNullable<OperationChain['deployment']>;

/** The chain with its deployment: requests on a chain without one are refused before a module sees them. */
export type DeployedChain = OperationChain & { deployment: Deployment };

export type OperationModule<P> = {
  /** Problems of this request against what is recorded (each a line of the 400); the schema has passed. */
  check?: (chain: DeployedChain, params: P) => string[] | Promise<string[]>;
  /** The resources it holds while queued or running (one operation at a time each); the first names it. */
  locks: (chain: DeployedChain, params: P) => [string, ...string[]];
  steps: (params: P, ctx: StepContext) => Step[];
  /** After a rollback has undone every step (provisioning: the chain never came to be, so it is retired). */
  afterRollback?: (ctx: StepContext) => Promise<void>;
  /** What a success records beside its step count (a restore drill: the snapshot and the time to available). */
  result?: (ctx: StepContext) => Promise<Record<string, string | number | null>>;
};

/** An operation whose stored params were read: what the kernel runs, the same for every type. */
export type BoundOperation = {
  params: unknown;
  check: (chain: DeployedChain) => Promise<string[]>;
  locks: (chain: DeployedChain) => [string, ...string[]];
  steps: (ctx: StepContext) => Step[];
  afterRollback?: (ctx: StepContext) => Promise<void>;
  result?: (ctx: StepContext) => Promise<Record<string, string | number | null>>;
};

export type RegisteredOperation = {
  entry: CatalogEntry;
  /** Reads params with the type's schema: the bound operation, or the schema's error. */
  bind: (raw: unknown) => { ok: true; operation: BoundOperation } | { ok: false; error: z.ZodError };
};

export function defineOperation<S extends z.ZodType>(
  entry: CatalogEntry<S>,
  module: OperationModule<z.output<S>>,
): RegisteredOperation {
  return {
    entry,
    bind: (raw) => {
      const parsed = entry.params.safeParse(raw);
      if (!parsed.success) return { ok: false, error: parsed.error };
      const params = parsed.data;
      return {
        ok: true,
        operation: {
          params,
          check: async (chain) => (await module.check?.(chain, params)) ?? [],
          locks: (chain) => module.locks(chain, params),
          steps: (ctx) => module.steps(params, ctx),
          afterRollback: module.afterRollback,
          result: module.result,
        },
      };
    },
  };
}

/** A registry: every type the queue runs, by its name. */
export type OperationRegistry = Record<string, RegisteredOperation>;

// Resource keys: one account and region's RDS instance (or a chain's database inside a shared one) or EC2
// instance. Two operations never hold the same key.

const resource = (chain: OperationChain, name: string) => `${chain.awsAccountId}/${chain.region}/${name}`;

/** The chain's database: its instance, or on a shared instance its own database in it (not the neighbours'). */
export const databaseLock = (chain: DeployedChain): string =>
  resource(
    chain,
    `rds/${chain.deployment.dbInstanceIdentifier}${chain.deployment.databaseKind === 'shared' ? `/${chain.deployment.databaseName}` : ''}`,
  );

/** A whole RDS instance of the chain's account and region. */
export const instanceLock = (chain: OperationChain, identifier: string): string => resource(chain, `rds/${identifier}`);

/** The chain's app instance, when it has one. */
export const appLocks = (chain: DeployedChain): string[] =>
  chain.deployment.appInstanceId ? [resource(chain, `ec2/${chain.deployment.appInstanceId}`)] : [];

/** Its app instance's key (scale-app holds only that). */
export const appLock = (chain: DeployedChain): string => resource(chain, `ec2/${chain.deployment.appInstanceId}`);

/** The chain's flag parameters: one delivery at a time per chain, whatever the flag (the flagd document is one). */
export const flagsLock = (chain: { slug: string }): string => `flags:${chain.slug}`;

/** The chain's slug typed again, for what cannot be undone. */
export const confirmed = (chain: OperationChain, confirm: string): string[] =>
  confirm === chain.slug ? [] : [`params.confirm: type the chain's slug (${chain.slug}) to confirm`];
