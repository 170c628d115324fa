/** A small line of values (0..100) with a text alternative; nothing when there is no data. */
export function Sparkline({ values, label, width = 96, height = 24 }: { values: number[]; label: string; width?: number; height?: number }) {
  if (values.length < 2) return <span className="text-xs text-slate-500">no data</span>;
  const max = Math.max(100, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
  const latest = values[values.length - 1]!;
  const summary = `${label}: latest ${latest.toFixed(0)} %, low ${Math.min(...values).toFixed(0)} %, high ${Math.max(...values).toFixed(0)} %`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="overflow-visible">
      <title>{summary}</title>
      <polyline points={points} fill="none" stroke={latest >= 80 ? '#b91c1c' : '#2563eb'} strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
