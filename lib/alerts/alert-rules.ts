// The alert rules: one alert per chain and rule while its problem lasts. Shared by the evaluator, the
// pages and the API (labels, severities); the conditions themselves are in lib/server/alerts/alert-signals.ts.

export const alertRules = {
  'slo-burn-page': { label: 'SLO burn rate (fast)', severity: 'page' },
  'slo-burn-ticket': { label: 'SLO burn rate (slow)', severity: 'ticket' },
  'conformance-under': { label: 'Deployed under the contract', severity: 'ticket' },
  'operation-failed': { label: 'Operation failed', severity: 'ticket' },
  'backup-stale': { label: 'No recent usable backup', severity: 'ticket' },
  'flag-drift': { label: 'Flag drift', severity: 'ticket' },
  'cloudwatch-alarm': { label: 'CloudWatch alarm', severity: 'page' },
  'chain-unreadable': { label: 'Chain unreadable', severity: 'page' },
} as const satisfies Record<string, { label: string; severity: 'page' | 'ticket' }>;

export type AlertRule = keyof typeof alertRules;
export const alertRuleKeys = Object.keys(alertRules) as AlertRule[];

export const isAlertRule = (rule: string): rule is AlertRule => Object.hasOwn(alertRules, rule);

export const ruleLabel = (rule: string): string => (isAlertRule(rule) ? alertRules[rule].label : rule);
