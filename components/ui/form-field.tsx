import type { ReactNode } from 'react';

export const inputClass =
  'mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600';

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-bad">
      {errors.join(' ')}
    </p>
  );
}

type Control = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

/** A labelled control with its own error region, wired for screen readers. */
export function FormField({
  name,
  label,
  errors,
  children,
}: {
  name: string;
  label: string;
  errors?: Record<string, string[]>;
  children: (control: Control) => ReactNode;
}) {
  const e = errors?.[name];
  return (
    <div>
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
      {children({ id: name, 'aria-invalid': !!e, 'aria-describedby': e ? `${name}-error` : undefined })}
      <FieldErrors id={`${name}-error`} errors={e} />
    </div>
  );
}

/** Up to `rows` credit bands: availability below → credit %, blank rows ignored. */
export function CreditBandRows({
  rows,
  value,
  errors,
}: {
  rows: number;
  value: (name: string, saved?: number) => string;
  errors?: Record<string, string[]>;
}) {
  return (
    <div className="space-y-2">
      {Array.from({ length: rows }, (_, i) => {
        const e = errors?.[`band.${i}`] ?? [];
        return (
          <div key={i} className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-1">
              Below
              <input
                name={`band.${i}.below`}
                inputMode="decimal"
                defaultValue={value(`band.${i}.below`)}
                aria-label={`Band ${i + 1}: availability below (%)`}
                aria-invalid={e.length > 0}
                className="w-24 rounded border border-slate-300 px-2 py-1"
              />
              %
            </label>
            <label className="flex items-center gap-1">
              → credit
              <input
                name={`band.${i}.creditPct`}
                inputMode="decimal"
                defaultValue={value(`band.${i}.creditPct`)}
                aria-label={`Band ${i + 1}: credit (%)`}
                aria-invalid={e.length > 0}
                className="w-20 rounded border border-slate-300 px-2 py-1"
              />
              %
            </label>
            <FieldErrors id={`band-${i}-error`} errors={e} />
          </div>
        );
      })}
    </div>
  );
}
