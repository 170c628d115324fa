const WIDTH = 96;
const HEIGHT = 24;

/**
 * A small line of values (0..100) named by its <title> (the accessible name and the tooltip); nothing when
 * there is no data. Drawn 50 times a fleet page: the styling is classes, not attributes, to keep each one small.
 */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return <span className="text-xs text-slate-500">no data</span>;
  const max = Math.max(100, ...values);
  const step = WIDTH / (values.length - 1);
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - (v / max) * (HEIGHT - 2) - 1).toFixed(1)}`)
    .join(' ');
  const latest = values[values.length - 1]!;
  const summary = `${label}: latest ${latest.toFixed(0)} %, low ${Math.min(...values).toFixed(0)} %, high ${Math.max(...values).toFixed(0)} %`;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      className={`h-6 w-24 overflow-visible fill-none stroke-[1.5] ${latest >= 80 ? 'stroke-bad' : 'stroke-blue-600'}`}
    >
      <title>{summary}</title>
      <polyline points={points} />
    </svg>
  );
}
