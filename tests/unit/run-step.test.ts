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

// What AWS's SDK throws, as far as the classification reads it.
const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} });
const timedOut = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: {} });
const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

/** A step that throws the given errors one after another, then succeeds. */
function flaky(errors: Error[], extra: { once?: boolean; timeoutMs?: number } = {}) {
  let calls = 0;
  const step = {
    name: 'flaky',
    timeoutMs: extra.timeoutMs ?? 20_000,
    once: extra.once,
    run: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'done';
    },
  };
  return { step, calls: () => calls };
}

describe('runStep retries what AWS failed transiently', () => {
  it('tries again after throttling and no answer, saying why before each try', async () => {
    const { step, calls } = flaky([throttled, timedOut]);
    const notices: string[] = [];
    await expect(runStep(step, ctx, async (reason, next) => notices.push(`${next}: ${reason}`))).resolves.toBe('done');
    expect(calls()).toBe(3);
    expect(notices).toEqual([
      '2: throttled (ThrottlingException: Rate exceeded)',
      '3: no answer (TimeoutError: socket hang up)',
    ]);
  });
  it('fails at once on an error that trying again cannot mend', async () => {
    const { step, calls } = flaky([denied]);
    await expect(runStep(step, ctx)).rejects.toThrow('not authorized');
    expect(calls()).toBe(1);
  });
  it('gives up when the next try would come after the deadline', async () => {
    const { step, calls } = flaky([throttled, throttled], { timeoutMs: 500 });
    await expect(runStep(step, ctx)).rejects.toThrow('Rate exceeded');
    expect(calls()).toBe(1);
  });
  it('sends a step marked once again only when its call never reached AWS', async () => {
    const lost = flaky([timedOut], { once: true });
    await expect(runStep(lost.step, ctx)).rejects.toThrow('socket hang up');
    expect(lost.calls()).toBe(1);
    const unsent = flaky([refused], { once: true });
    await expect(runStep(unsent.step, ctx)).resolves.toBe('done');
    expect(unsent.calls()).toBe(2);
  });
});
