// SLA figures in words, for the SLA pages and the printable report (server and client).

/** 43.2 → "43 min", 2,890 → "48 h 10 min"; negative budgets keep their sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${sign}${m} min`;
  const h = Math.floor(m / 60);
  return `${sign}${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

export function formatBurn(rate: number | null): string {
  return rate === null ? '—' : `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}×`;
}

export function formatMoney(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}
