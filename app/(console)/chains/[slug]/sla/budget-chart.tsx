'use client';

import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMinutes } from '@/lib/sla/sla-format';

type Point = { day: string; leftMinutes: number; budgetMinutes: number };

/** The month's error budget left at the end of each UTC day; below zero the budget is blown. */
export function BudgetChart({ points }: { points: Point[] }) {
  const last = points.at(-1);
  const summary = last
    ? `Error budget left at the end of ${last.day}: ${formatMinutes(last.leftMinutes)} of ${formatMinutes(last.budgetMinutes)}.`
    : 'No measurement this month yet.';
  return (
    <figure className="mt-3">
      <figcaption className="text-sm font-medium">Error budget left this month (minutes)</figcaption>
      <div role="img" aria-label={summary} className="mt-2 h-48">
        {points.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-500">
            No measurement this month yet.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(8)} tick={{ fontSize: 11, fill: '#475569' }} />
              <YAxis width={48} tick={{ fontSize: 11, fill: '#475569' }} />
              <ReferenceLine y={0} stroke="#b91c1c" />
              <Tooltip formatter={(v) => formatMinutes(Number(v))} />
              <Area
                type="stepAfter"
                dataKey="leftMinutes"
                name="Budget left"
                stroke="#1d4ed8"
                fill="#dbeafe"
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        )}
      </div>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-slate-600">Figures</summary>
        <table className="mt-1">
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col" className="pr-4">
                Day (UTC)
              </th>
              <th scope="col">Budget left</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td className="pr-4">{p.day}</td>
                <td>{formatMinutes(p.leftMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
