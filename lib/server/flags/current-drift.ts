import type { FlagDrift } from '@/lib/generated/prisma/enums';
import { sameFlagValue } from '@/lib/flags/flag-value';

// The drift as of now: a parameter last read in sync no longer is once Fleetpane's value moved on (a new
// default reaches chains without their own value only at their next delivery). Until the next read-back it
// shows as what the read-back would find, not as "in sync".
export function currentDrift(stored: FlagDrift, live: unknown, value: unknown): FlagDrift {
  return stored === 'in_sync' && !sameFlagValue(live, value) ? 'modified' : stored;
}
