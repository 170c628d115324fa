// The shape of one operation type's catalog entry: everything the UI and the API's validation know of it.
// One entry per type, one file per entry; the chain page's buttons, the fleet-action form and the server
// all read these, so which types a shared-instance chain may run, which need approval and which can run
// in waves have one source each.
import { z } from 'zod';
import type { DialogForm, OperationFacts } from '../operation-facts';

/** One input of an operation's dialog. */
export type DialogField =
  | { name: string; kind: 'text' | 'number'; label: (facts: OperationFacts) => string; placeholder?: string }
  | {
      name: string;
      kind: 'select';
      label: (facts: OperationFacts) => string;
      options: (facts: OperationFacts) => string[];
    }
  | {
      name: string;
      kind: 'checkbox';
      label: (facts: OperationFacts) => string;
      shown: (facts: OperationFacts) => boolean;
    };

export type CatalogEntry<S extends z.ZodType = z.ZodType> = {
  label: string;
  /** What the dialog tells the engineer before they confirm. */
  change: string;
  downtime: string;
  /** The dialog asks to type the chain's slug. */
  destructive: boolean;
  params: S;
  /**
   * Where the chain's database must be: `dedicated` for what would touch every chain of a shared instance
   * (a backup snapshots the whole instance), `shared` for what only a shared chain can do, `any`.
   */
  database: 'dedicated' | 'shared' | 'any';
  /** Runs only after a second person approves. */
  needsApproval: boolean;
  /** The chain page's button and dialog; none for types started elsewhere (cut-over, provisioning). */
  dialog?: {
    offered?: (facts: OperationFacts) => boolean;
    fields?: DialogField[];
    defaults?: (facts: OperationFacts) => DialogForm;
    body: (form: DialogForm, confirm: string) => z.input<S>;
  };
  /** A fleet action (a wave over many chains), and the one value its form asks for. */
  wave?: { field?: { label: string; body: (value: string) => z.input<S> } };
  /** False when it changes nothing the collector reads (a flag delivery): its chain is not refreshed after it. */
  changesDeployment?: false;
  /** The monthly cost change, in words, from the catalog's prices. */
  costChange: (facts: OperationFacts, form: DialogForm) => string;
};

export const applyImmediately = z.boolean({ error: 'applyImmediately is true or false' }).default(true);

export const rdsClass = (example: string) =>
  z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, `instanceClass is an RDS class such as ${example}`);

export const storageGb = (name: string) =>
  z
    .number({ error: `${name} is a number of GiB` })
    .int('whole GiB')
    .min(20)
    .max(65_536);

// The chain's slug again: a pipeline cannot retire a chain by a typo in the path.
export const confirmSlug = z.string({ error: 'confirm is the chain\u2019s slug' });

/** An entry, its params schema kept exact for the registry's types. */
export const entry = <S extends z.ZodType>(e: CatalogEntry<S>): CatalogEntry<S> => e;
