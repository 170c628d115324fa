'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { metricRangeKeys, metricRanges } from '@/lib/metric-ranges';
import type { ChainMetrics, MetricKey, MetricRange } from '@/lib/metric-ranges';

type Chart = {
  title: string;
  unit: string;
  lines: { key: MetricKey; label: string; color: string }[];
  domain?: [number, number];
};

const charts: Chart[] = [
  {
    title: 'CPU',
    unit: '%',
    domain: [0, 100],
    lines: [
      { key: 'dbCpu', label: 'Database', color: '#2563eb' },
      { key: 'appCpu', label: 'App instance', color: '#9333ea' },
    ],
  },
  { title: 'Database connections', unit: '', lines: [{ key: 'connections', label: 'Connections', color: '#0f766e' }] },
  { title: 'Free storage', unit: 'GiB', lines: [{ key: 'freeStorageGb', label: 'Free storage', color: '#b45309' }] },
  {
    title: 'Latency',
    unit: 'ms',
    lines: [
      { key: 'readLatencyMs', label: 'Read', color: '#2563eb' },
      { key: 'writeLatencyMs', label: 'Write', color: '#dc2626' },
    ],
  },
  {
    title: 'Health signal',
    unit: '',
    domain: [0, 1],
    lines: [{ key: 'health', label: 'Healthy (1) / unhealthy (0)', color: '#15803d' }],
  },
];

function rows(metrics: ChainMetrics, chart: Chart) {
  const byTime = new Map<number, Record<string, number>>();
  for (const line of chart.lines) {
    for (const [t, v] of metrics.series[line.key]) byTime.set(t, { ...(byTime.get(t) ?? { t }), [line.key]: v });
  }
  return [...byTime.values()].sort((a, b) => a.t! - b.t!);
}

function stats(points: [number, number][]) {
  if (!points.length) return null;
  const values = points.map(([, v]) => v);
  return {
    latest: values[values.length - 1]!,
    min: Math.min(...values),
    max: Math.max(...values),
    avg: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

function tickFormat(range: MetricRange) {
  return (t: number) => {
    const iso = new Date(t).toISOString();
    return range === '1h' || range === '24h' ? iso.slice(11, 16) : iso.slice(5, 10);
  };
}

export function ChainCharts({
  slug,
  initial,
  initialReason = null,
}: {
  slug: string;
  initial: ChainMetrics | null;
  /** Why the server could not read them (CloudWatch slow or failing): shown until a read succeeds. */
  initialReason?: string | null;
}) {
  const [range, setRange] = useState<MetricRange>('24h');
  const metrics = useQuery({
    queryKey: ['metrics', slug, range],
    queryFn: async () => {
      const res = await fetch(`/api/v1/chains/${slug}/metrics?range=${range}`);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `Metrics could not be read (${res.status}).`);
      }
      return ((await res.json()) as { metrics: ChainMetrics }).metrics;
    },
    initialData: range === '24h' && initial ? initial : undefined,
    refetchInterval: 60_000,
  });

  return (
    <section aria-labelledby="charts-heading" className="mt-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="charts-heading" className="font-semibold">
          Metrics
        </h2>
        <div
          role="radiogroup"
          aria-label="Time range"
          className="flex overflow-hidden rounded border border-slate-300 text-sm"
        >
          {metricRangeKeys.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              onClick={() => setRange(r)}
              className={`px-3 py-1 ${range === r ? 'bg-slate-900 text-white' : 'bg-white'}`}
            >
              {r}
            </button>
          ))}
        </div>
        <span className="text-sm text-slate-500">
          {metrics.data
            ? `${metricRanges[range].label}, one point per ${metrics.data.periodSeconds / 60} min (CloudWatch, UTC)`
            : metrics.isError
              ? ''
              : 'Loading…'}
        </span>
        {(metrics.isError || (initialReason && !metrics.data)) && (
          <span role="alert" className="text-sm text-bad" data-testid="charts-reason">
            {metrics.isError ? metrics.error.message : initialReason}
          </span>
        )}
      </div>
      {metrics.data && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2" data-testid={`charts-${range}`}>
          {charts.map((chart) => {
            const data = rows(metrics.data, chart);
            const summary = chart.lines
              .map((l) => {
                const s = stats(metrics.data.series[l.key]);
                return s
                  ? `${l.label}: latest ${fmt(s.latest)}${chart.unit}, low ${fmt(s.min)}, high ${fmt(s.max)}`
                  : `${l.label}: no data`;
              })
              .join('; ');
            return (
              <figure key={chart.title} className="rounded-lg border border-slate-200 bg-white p-3">
                <figcaption className="text-sm font-medium">
                  {chart.title}
                  {chart.unit && <span className="text-slate-500"> ({chart.unit})</span>}
                </figcaption>
                <div
                  role="img"
                  aria-label={`${chart.title} over ${metricRanges[range].label}. ${summary}`}
                  className="mt-2 h-44"
                >
                  {data.length === 0 ? (
                    <p className="flex h-full items-center justify-center text-sm text-slate-500">
                      No data in this range.
                    </p>
                  ) : (
                    <ResponsiveContainer width="100%" height="100%">
                      <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
                        <XAxis
                          dataKey="t"
                          type="number"
                          domain={['dataMin', 'dataMax']}
                          tickFormatter={tickFormat(range)}
                          tick={{ fontSize: 11, fill: '#475569' }}
                        />
                        <YAxis
                          domain={chart.domain ?? ['auto', 'auto']}
                          width={44}
                          tick={{ fontSize: 11, fill: '#475569' }}
                        />
                        <Tooltip
                          labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 16).replace('T', ' ')}
                        />
                        {chart.lines.map((l) => (
                          <Line
                            key={l.key}
                            type={l.key === 'health' ? 'stepAfter' : 'monotone'}
                            dataKey={l.key}
                            name={l.label}
                            stroke={l.color}
                            dot={false}
                            strokeWidth={1.5}
                            isAnimationActive={false}
                            connectNulls={false}
                          />
                        ))}
                      </LineChart>
                    </ResponsiveContainer>
                  )}
                </div>
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-slate-600">Figures</summary>
                  <table className="mt-1 w-full">
                    <thead>
                      <tr className="text-left text-slate-500">
                        <th scope="col">Series</th>
                        <th scope="col">Latest</th>
                        <th scope="col">Low</th>
                        <th scope="col">High</th>
                        <th scope="col">Average</th>
                      </tr>
                    </thead>
                    <tbody>
                      {chart.lines.map((l) => {
                        const s = stats(metrics.data.series[l.key]);
                        return (
                          <tr key={l.key}>
                            <th scope="row" className="text-left font-normal">
                              {l.label}
                            </th>
                            <td>{s ? fmt(s.latest) : '—'}</td>
                            <td>{s ? fmt(s.min) : '—'}</td>
                            <td>{s ? fmt(s.max) : '—'}</td>
                            <td>{s ? fmt(s.avg) : '—'}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </details>
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}
