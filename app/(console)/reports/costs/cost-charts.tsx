'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const colors = ['#1d4ed8', '#b45309', '#15803d', '#7c3aed', '#be123c'];

type Props = {
  trend: { chains: { slug: string; name: string }[]; points: Record<string, number | string>[] };
  margins: { name: string; marginPct: number | null; target: number | null }[];
};

/** Cost per month of the costliest chains, and margin % of the chains on this page, each described in words. */
export function CostCharts({ trend, margins }: Props) {
  const withMargin = margins.filter(
    (m): m is { name: string; marginPct: number; target: number | null } => m.marginPct !== null,
  );
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-2">
      <figure className="rounded-lg border border-slate-200 bg-white p-3">
        <figcaption className="text-sm font-medium">Cost per month, the five costliest chains (USD)</figcaption>
        <div
          role="img"
          aria-label={`Cost per month of ${trend.chains.map((c) => c.name).join(', ') || 'no chain'}`}
          className="mt-2 h-56"
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={trend.points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="month" tick={{ fontSize: 11, fill: '#475569' }} />
              <YAxis width={56} tick={{ fontSize: 11, fill: '#475569' }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {trend.chains.map((c, i) => (
                <Line
                  key={c.slug}
                  dataKey={c.slug}
                  name={c.name}
                  stroke={colors[i % colors.length]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="rounded-lg border border-slate-200 bg-white p-3">
        <figcaption className="text-sm font-medium">Margin over the range, chains on this page (%)</figcaption>
        <div
          role="img"
          aria-label={`Margin by chain: ${withMargin.map((m) => `${m.name} ${m.marginPct.toFixed(1)} %`).join(', ')}`}
          className="mt-2 h-56"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={withMargin.slice(0, 20)} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis
                dataKey="name"
                tick={{ fontSize: 10, fill: '#475569' }}
                interval={0}
                angle={-30}
                textAnchor="end"
                height={50}
              />
              <YAxis width={40} tick={{ fontSize: 11, fill: '#475569' }} />
              <ReferenceLine y={0} stroke="#b91c1c" />
              <Tooltip />
              <Bar dataKey="marginPct" name="Margin %" fill="#1d4ed8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
