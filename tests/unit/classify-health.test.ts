import { describe, expect, it } from 'vitest';
import { classifyHealth } from '@/lib/server/fleet/classify-health';

describe('classifyHealth', () => {
  it('is unknown without samples, never healthy', () => {
    expect(classifyHealth([])).toBe('unknown');
  });
  it('is healthy only when every sample in the window is', () => {
    expect(classifyHealth([1, 1, 1])).toBe('healthy');
    expect(classifyHealth([0, 1, 1])).toBe('degraded');
  });
  it('follows the latest sample when it is down or partial', () => {
    expect(classifyHealth([1, 1, 0])).toBe('down');
    expect(classifyHealth([1, 1, 0.67])).toBe('degraded');
  });
});
