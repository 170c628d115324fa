import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { emulatorMaxPeriods } from '@/lib/server/aws/cloudwatch';
import { requireEmulator } from '../support/aws';

// Long metric reads are sliced for the emulator (its cost per call grows with the square of the window),
// recognised by what its endpoint answers, whoever started it; never for AWS or another endpoint.
describe('metric read slicing', () => {
  it('is on for the emulator, off for AWS and for an endpoint that is not the emulator', async () => {
    expect(await emulatorMaxPeriods(requireEmulator())).toBe(36);
    expect(await emulatorMaxPeriods(undefined)).toBeUndefined();
    const other = http.createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      expect(await emulatorMaxPeriods(`http://127.0.0.1:${port}`)).toBeUndefined();
    } finally {
      other.close();
    }
  });
});
