import 'server-only';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import type { AwsClients } from './clients';
import type { AwsTag } from './tags';

// A chain's configuration parameters, where its app reads them: /fleetpane/<slug>/<name> in SSM
// Parameter Store, in the chain's account and region. Writing is idempotent (overwrite).

/** Every parameter a chain may have (a rollback or a decommission deletes them all; missing ones are ignored). */
export const CHAIN_PARAMETERS = ['database-endpoint', 'database-name', 'database-instance', 'database-secret', 'tier'];

export const parameterPath = (slug: string, name: string) => `/fleetpane/${slug}/${name}`;

/** Where a chain's flags live, one parameter each: /fleetpane/<slug>/flags/<key>. */
export const flagsPath = (slug: string) => parameterPath(slug, 'flags/');
export const flagParameterPath = (slug: string, key: string) => `${flagsPath(slug)}${key}`;
/** The chain's whole flag set as one flagd document, beside (not under) the flags path. */
export const flagdDocumentPath = (slug: string) => parameterPath(slug, 'flags.flagd.json');

export async function putChainParameters(
  clients: AwsClients,
  slug: string,
  values: Record<string, string>,
): Promise<string[]> {
  const names: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const path = parameterPath(slug, name);
    await clients.ssm.send(new PutParameterCommand({ Name: path, Value: value, Type: 'String', Overwrite: true }));
    names.push(path);
  }
  return names;
}

/**
 * Writes one parameter (overwrite) and tags it like every resource made for the chain; returns its new version.
 * SSM refuses tags on an overwrite, so they are added after it (adding the same tags again changes nothing).
 */
export async function putTaggedParameter(clients: AwsClients, name: string, value: string, tags: AwsTag[]) {
  const put = await clients.ssm.send(
    new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }),
  );
  await clients.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: tags }));
  return put.Version ?? 0;
}

export async function deleteChainParameters(clients: AwsClients, slug: string, names: string[]): Promise<void> {
  if (names.length)
    await clients.ssm.send(new DeleteParametersCommand({ Names: names.map((n) => parameterPath(slug, n)) }));
}

/** Deletes every parameter directly under a path (DeleteParameters takes 10 names a call); returns how many. */
export async function deleteParametersUnder(clients: AwsClients, path: string): Promise<number> {
  const names = (await readParametersByPath(clients, path)).map((p) => p.name);
  for (let i = 0; i < names.length; i += 10)
    await clients.ssm.send(new DeleteParametersCommand({ Names: names.slice(i, i + 10) }));
  return names.length;
}

/** Deletes one parameter; a missing one counts as deleted. */
export async function deleteParameter(clients: AwsClients, name: string): Promise<'deleted' | 'absent'> {
  try {
    await clients.ssm.send(new DeleteParameterCommand({ Name: name }));
    return 'deleted';
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return 'absent';
    throw error;
  }
}

/** One parameter as SSM holds it now, or null when there is none. */
export async function readParameter(clients: AwsClients, name: string): Promise<LiveParameter | null> {
  try {
    const p = (await clients.ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
    return p?.Value === undefined
      ? null
      : { name, value: p.Value, version: p.Version ?? null, modifiedAt: p.LastModifiedDate ?? null };
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return null;
    throw error;
  }
}

export type LiveParameter = { name: string; value: string; version: number | null; modifiedAt: Date | null };

/** Every parameter directly under a path (one level), all pages. */
export async function readParametersByPath(clients: AwsClients, path: string): Promise<LiveParameter[]> {
  const out: LiveParameter[] = [];
  let token: string | undefined;
  do {
    const page = await clients.ssm.send(
      new GetParametersByPathCommand({ Path: path, Recursive: false, MaxResults: 10, NextToken: token }),
    );
    for (const p of page.Parameters ?? [])
      if (p.Name && p.Value !== undefined)
        out.push({ name: p.Name, value: p.Value, version: p.Version ?? null, modifiedAt: p.LastModifiedDate ?? null });
    token = page.NextToken;
  } while (token);
  return out;
}

/** Who wrote a parameter's newest version and when, from its history (every page; the highest version wins). */
export async function lastParameterChange(
  clients: AwsClients,
  name: string,
): Promise<{ by: string | null; at: Date | null; version: number | null } | null> {
  let last: { by: string | null; at: Date | null; version: number | null } | null = null;
  let token: string | undefined;
  do {
    const page = await clients.ssm.send(
      new GetParameterHistoryCommand({ Name: name, MaxResults: 50, NextToken: token }),
    );
    for (const v of page.Parameters ?? [])
      if (!last || (v.Version ?? 0) >= (last.version ?? 0))
        last = { by: v.LastModifiedUser ?? null, at: v.LastModifiedDate ?? null, version: v.Version ?? null };
    token = page.NextToken;
  } while (token);
  return last;
}
