// The demo's people, one per role, and the password they share: the login page offers them in demo mode.

export const DEMO_PASSWORD = 'fleetpane-demo';

export const demoUsers = [
  { email: 'admin@fleetpane.local', name: 'Ada Admin', role: 'admin' },
  { email: 'ops@fleetpane.local', name: 'Oscar Ops', role: 'ops' },
  // A second ops engineer: the second person a decommission needs; e2e/sessions.spec.ts locks this account.
  { email: 'ops2@fleetpane.local', name: 'Olga Ops', role: 'ops' },
  { email: 'am@fleetpane.local', name: 'Amelia Manager', role: 'account_manager' },
  { email: 'am2@fleetpane.local', name: 'Arjun Manager', role: 'account_manager' },
  { email: 'finance@fleetpane.local', name: 'Fiona Finance', role: 'finance' },
] as const;
