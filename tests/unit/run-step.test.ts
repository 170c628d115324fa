import { describe, expect, it } from 'vitest';
import { runStep } from '@/lib/server/operations/kernel/step-kit';
import type { StepContext } from '@/lib/server/operations/kernel/step-kit';

const ctx = {} as StepContext;

describe('runStep', () => {
  it('fails a step that outlives its timeout, naming it', async () => {
    const never = {
      name: 'Wait for a resource that never settles',
      timeoutMs: 50,
      run: () => new Promise<string>(() => undefined),
    };
    await expect(runStep(never, ctx)).rejects.toThrow(
      '"Wait for a resource that never settles" did not finish within 0 s',
    );
  });
  it('returns the detail of a step that finishes in time', async () => {
    await expect(runStep({ name: 'quick', timeoutMs: 1_000, run: async () => 'done' }, ctx)).resolves.toBe('done');
  });
});
