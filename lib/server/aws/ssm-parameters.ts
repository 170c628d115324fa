import 'server-only';
import { DeleteParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import type { AwsClients } from './clients';

// A chain's configuration parameters, where its app reads them: /fleetpane/<slug>/<name> in SSM
// Parameter Store, in the chain's account and region. Writing is idempotent (overwrite).

/** Every parameter a chain may have (a rollback or a decommission deletes them all; missing ones are ignored). */
export const CHAIN_PARAMETERS = ['database-endpoint', 'database-name', 'database-instance', 'database-secret', 'tier'];

export const parameterPath = (slug: string, name: string) => `/fleetpane/${slug}/${name}`;

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

export async function deleteChainParameters(clients: AwsClients, slug: string, names: string[]): Promise<void> {
  if (names.length)
    await clients.ssm.send(new DeleteParametersCommand({ Names: names.map((n) => parameterPath(slug, n)) }));
}
