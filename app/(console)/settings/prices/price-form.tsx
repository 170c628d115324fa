'use client';

import { useActionState } from 'react';
import { FormField, inputClass } from '@/components/ui/form-field';
import { savePriceAction } from './actions';
import type { PriceFormState } from './actions';

export function PriceForm() {
  const [state, action, pending] = useActionState<PriceFormState, FormData>(savePriceAction, {});
  return (
    <form
      action={action}
      className="mt-4 grid max-w-4xl gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5"
      noValidate
    >
      <FormField name="kind" label="For" errors={state.errors}>
        {(a) => (
          <select {...a} name="kind" className={inputClass} defaultValue="rds-instance">
            <option value="rds-instance">RDS instance (per hour)</option>
            <option value="ec2-instance">EC2 instance (per hour)</option>
            <option value="rds-storage">RDS storage (per GB-month)</option>
            <option value="backup-storage">Backup storage (per GB-month)</option>
            <option value="fx">Exchange rate (USD per unit)</option>
          </select>
        )}
      </FormField>
      <FormField name="region" label="Region" errors={state.errors}>
        {(a) => <input {...a} name="region" placeholder="eu-west-1" className={inputClass} />}
      </FormField>
      <FormField name="sku" label="Class, type or currency" errors={state.errors}>
        {(a) => <input {...a} name="sku" placeholder="db.m6g.large" className={inputClass} />}
      </FormField>
      <FormField name="unitPrice" label="Price (USD)" errors={state.errors}>
        {(a) => <input {...a} name="unitPrice" inputMode="decimal" placeholder="0.152" className={inputClass} />}
      </FormField>
      <div className="flex items-end">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Save price
        </button>
      </div>
      {state.message && (
        <p
          role={state.saved ? 'status' : 'alert'}
          className={`text-sm sm:col-span-5 ${state.saved ? 'text-ok' : 'text-bad'}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
