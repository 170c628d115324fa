import { describe, expect, it } from 'vitest';
import { countAttempt, lockRemainingMs, throttleDelayMs } from '@/lib/server/auth/throttle-schedule';

const t0 = new Date('2026-12-02T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('the sign-in delay schedule', () => {
  it('waits nothing below the threshold, then 1 s, doubling with each failure', () => {
    expect([0, 1, 4].map((f) => throttleDelayMs(f, 5))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((f) => throttleDelayMs(f, 5))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(throttleDelayMs(20, 20)).toBe(1_000);
  });

  it('never waits more than 15 minutes, however many failures', () => {
    // 2^9 s = 512 s, 2^10 s = 1024 s > 900 s.
    expect(throttleDelayMs(14, 5)).toBe(512_000);
    expect(throttleDelayMs(15, 5)).toBe(900_000);
    expect(throttleDelayMs(5_000, 5)).toBe(900_000);
  });

  it('counts failures within 15 quiet minutes and locks from the threshold on', () => {
    let state = countAttempt(null, t0, 5);
    for (let i = 1; i < 4; i++) state = countAttempt(state, at(i * 60_000), 5);
    expect(state).toEqual({ failures: 4, lastAttempt: at(180_000), lockedUntil: null });
    state = countAttempt(state, at(200_000), 5);
    expect(state.lockedUntil).toEqual(at(201_000));
    expect(lockRemainingMs(state, at(200_400))).toBe(600);
    expect(lockRemainingMs(state, at(201_000))).toBe(0);
    expect(countAttempt(state, at(201_000), 5)).toEqual({
      failures: 6,
      lastAttempt: at(201_000),
      lockedUntil: at(203_000),
    });
  });

  it('forgets the failures after 15 minutes without an attempt, counted from the end of a lock', () => {
    const locked = { failures: 15, lastAttempt: t0, lockedUntil: at(900_000) };
    // 15 minutes after the attempt, but the lock has only just ended: still remembered.
    expect(countAttempt(locked, at(900_000), 5).failures).toBe(16);
    expect(countAttempt(locked, at(1_800_000), 5).failures).toBe(16);
    expect(countAttempt(locked, at(1_800_001), 5)).toEqual({
      failures: 1,
      lastAttempt: at(1_800_001),
      lockedUntil: null,
    });
  });
});
