// Direct SDK access to the emulator for tests: what AWS says, independent of the app's own layer.
import { RDSClient } from '@aws-sdk/client-rds';

export function testRds(region: string): RDSClient {
  return new RDSClient({ region, maxAttempts: 1 });
}

export function requireEmulator(): string {
  const url = process.env.AWS_ENDPOINT_URL;
  if (!url) throw new Error('Integration tests need the emulator: run them through npm test.');
  return url;
}
