import { describe, expect, it } from 'vitest';
import { clipIncident, findIncidents } from '@/lib/sla/incidents';
import type { HealthPoint } from '@/lib/sla/incidents';

const at = (iso: string) => new Date(iso);
function series(startIso: string, values: (number | null)[]): HealthPoint[] {
  const start = at(startIso).getTime();
  return values.flatMap((v, i) => (v === null ? [] : [{ at: new Date(start + i * 300_000), value: v }]));
}

describe('findIncidents', () => {
  it('finds when the signal went bad and came back', () => {
    const points = series('2026-11-10T10:00:00Z', [1, 1, 0, 0, 0.5, 1, 1]);
    expect(findIncidents(points)).toEqual([
      { start: at('2026-11-10T10:10:00Z'), end: at('2026-11-10T10:25:00Z'), badMinutes: 15, worst: 0 },
    ]);
  });
  it('bridges a short unmeasured gap but does not count it as downtime', () => {
    const points = series('2026-11-10T10:00:00Z', [0, null, null, 0, 1]);
    expect(findIncidents(points)).toEqual([
      { start: at('2026-11-10T10:00:00Z'), end: at('2026-11-10T10:20:00Z'), badMinutes: 10, worst: 0 },
    ]);
  });
  it('splits on a long gap', () => {
    const points = series('2026-11-10T10:00:00Z', [0, null, null, null, null, 0]);
    expect(findIncidents(points)).toHaveLength(2);
  });
  it('leaves an incident open while the newest sample is bad', () => {
    expect(findIncidents(series('2026-11-10T10:00:00Z', [1, 0]))[0]!.end).toBeNull();
  });
  it('splits an incident spanning months at the boundary', () => {
    const points = series('2026-10-31T23:50:00Z', [0, 0, 0, 0, 1]);
    const [incident] = findIncidents(points);
    const october = clipIncident(incident!, at('2026-10-01T00:00:00Z'), at('2026-11-01T00:00:00Z'), points);
    const november = clipIncident(incident!, at('2026-11-01T00:00:00Z'), at('2026-12-01T00:00:00Z'), points);
    expect(october).toEqual({
      start: at('2026-10-31T23:50:00Z'),
      end: at('2026-11-01T00:00:00Z'),
      badMinutes: 10,
      worst: 0,
    });
    expect(november).toEqual({
      start: at('2026-11-01T00:00:00Z'),
      end: at('2026-11-01T00:10:00Z'),
      badMinutes: 10,
      worst: 0,
    });
  });
});
