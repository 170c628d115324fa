// What the chain page knows of a chain when it offers operations: the dialog's defaults, its choices and
// the monthly cost change are computed from these (as last read; the server checks again).

export type OperationFacts = {
  slug: string;
  dedicated: boolean;
  multiAz: boolean | null;
  dbClass: string | null;
  storageGb: number | null;
  appType: string | null;
  /** The chain's snapshots (newest first), to restore from. */
  snapshots: string[];
  /** Instances the chain was cut over from, kept until retired. */
  kept: string[];
  /** Hourly prices in the chain's region (USD), for the dialog's monthly cost change. */
  prices: { rds: Record<string, number>; ec2: Record<string, number>; storageGbMonth: number | null };
};

/** What the engineer typed in an operation's dialog, by field name. */
export type DialogForm = Record<string, string>;
