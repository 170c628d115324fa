'use client';

import { useActionState } from 'react';
import { CreditBandRows, FieldErrors, FormField, inputClass } from '@/components/ui/form-field';
import { CREDIT_BAND_ROWS } from '@/lib/sla/contract-input';
import type { TierDto } from '@/lib/sla/dto';
import { saveTierAction } from './actions';
import type { TierFormState } from './actions';

const flags = [
  ['requiresMultiAz', 'Multi-AZ database'],
  ['requiresEncryption', 'Encryption at rest'],
  ['requiresDeletionProtection', 'Deletion protection'],
  ['requiresDedicatedDatabase', 'Dedicated database (no shared instance)'],
] as const;

export function TierForm({ tier }: { tier: TierDto | null }) {
  const [state, action, pending] = useActionState<TierFormState, FormData>(saveTierAction, {});
  const errors = state.errors;
  const sent = state.values;
  const value = (name: string, saved: string | number | null | undefined) =>
    sent ? (sent[name] ?? '') : saved === undefined || saved === null ? '' : String(saved);
  const checked = (name: (typeof flags)[number][0]) =>
    sent ? sent[name] === 'on' : tier ? tier[name] : name === 'requiresEncryption';

  return (
    <form
      key={JSON.stringify(sent ?? {})}
      action={action}
      className="mt-4 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <input type="hidden" name="mode" value={tier ? 'edit' : 'create'} />
      <input type="hidden" name="version" value={tier?.version ?? 0} />
      {tier && <input type="hidden" name="key" value={tier.key} />}
      {state.message && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {!tier && (
          <FormField name="key" label="Key (used in links and the API)" errors={errors}>
            {(a) => <input {...a} name="key" defaultValue={value('key', '')} className={inputClass} />}
          </FormField>
        )}
        <FormField name="name" label="Name" errors={errors}>
          {(a) => <input {...a} name="name" defaultValue={value('name', tier?.name)} className={inputClass} />}
        </FormField>
        <FormField name="availabilityTarget" label="Availability target (%)" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="availabilityTarget"
              inputMode="decimal"
              defaultValue={value('availabilityTarget', tier?.availabilityTarget)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="minBackupRetentionDays" label="Minimum backup retention (days)" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="minBackupRetentionDays"
              inputMode="numeric"
              defaultValue={value('minBackupRetentionDays', tier?.minBackupRetentionDays ?? 7)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="minInstanceClass" label="Database class floor (empty: none)" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="minInstanceClass"
              placeholder="db.m6g.large"
              defaultValue={value('minInstanceClass', tier?.minInstanceClass)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="allowedRegions" label="Allowed regions (empty: any)" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="allowedRegions"
              placeholder="eu-west-1, eu-central-1"
              defaultValue={value('allowedRegions', tier?.allowedRegions.join(', '))}
              className={inputClass}
            />
          )}
        </FormField>
      </div>
      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">The deployment requires</legend>
        {flags.map(([name, label]) => (
          <label key={name} className="mr-6 inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} defaultChecked={checked(name)} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Default SLA credit schedule for new contracts</legend>
        <FieldErrors id="creditSchedule-error" errors={errors?.creditSchedule} />
        <CreditBandRows
          rows={CREDIT_BAND_ROWS}
          errors={errors}
          value={(name) => {
            const [, i, field] = name.split('.');
            return value(name, tier?.creditSchedule[Number(i)]?.[field as 'below' | 'creditPct']);
          }}
        />
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : tier ? 'Save the tier' : 'Create the tier'}
      </button>
    </form>
  );
}
