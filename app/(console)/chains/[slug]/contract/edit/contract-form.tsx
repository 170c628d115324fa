'use client';

import { useActionState } from 'react';
import { CreditBandRows, FieldErrors, FormField, inputClass } from '@/components/ui/form-field';
import { CREDIT_BAND_ROWS } from '@/lib/sla/contract-input';
import { upgradeKeys, upgradeNames } from '@/lib/sla/sla-terms';
import type { ContractDto } from '@/lib/sla/dto';
import { saveContractAction } from './actions';
import type { ContractFormState } from './actions';

type Props = {
  slug: string;
  contract: ContractDto | null;
  tiers: { key: string; name: string; targetPct: number }[];
  /** Offered to admins only: an account manager cannot hand a chain to someone else. */
  managers: { id: string; name: string }[] | null;
  accountManagerId: string | null;
};

export function ContractForm({ slug, contract, tiers, managers, accountManagerId }: Props) {
  const [state, action, pending] = useActionState<ContractFormState, FormData>(saveContractAction, {});
  const errors = state.errors;
  const upgrade = (key: string) => contract?.upgrades.find((u) => u.key === key);
  // After a refused save, the form shows what was typed (React resets a form after its action runs).
  const sent = state.values;
  const value = (name: string, saved: string | number | undefined) =>
    sent ? (sent[name] ?? '') : saved === undefined ? '' : String(saved);
  const checked = (key: string) => (sent ? sent[`upgrade.${key}`] === 'on' : !!upgrade(key));

  return (
    <form
      key={JSON.stringify(sent ?? {})}
      action={action}
      className="mt-4 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={contract?.version ?? 0} />
      {state.message && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="tier" label="SLA tier" errors={errors}>
          {(a) => (
            <select {...a} name="tier" defaultValue={value('tier', contract?.tier)} className={inputClass}>
              {tiers.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name} ({t.targetPct} %)
                </option>
              ))}
            </select>
          )}
        </FormField>
        {managers && (
          <FormField name="accountManagerId" label="Account manager" errors={errors}>
            {(a) => (
              <select
                {...a}
                name="accountManagerId"
                defaultValue={value('accountManagerId', accountManagerId ?? '')}
                className={inputClass}
              >
                <option value="">None</option>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <FormField name="startDate" label="Start date" errors={errors}>
          {(a) => (
            <input
              {...a}
              type="date"
              name="startDate"
              defaultValue={value('startDate', contract?.startDate)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="endDate" label="End date" errors={errors}>
          {(a) => (
            <input
              {...a}
              type="date"
              name="endDate"
              defaultValue={value('endDate', contract?.endDate)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="monthlyPrice" label="Monthly price" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="monthlyPrice"
              inputMode="decimal"
              defaultValue={value('monthlyPrice', contract?.monthlyPrice)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="currency" label="Currency" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="currency"
              maxLength={3}
              defaultValue={value('currency', contract?.currency ?? 'USD')}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField name="marginTargetPct" label="Margin target (%)" errors={errors}>
          {(a) => (
            <input
              {...a}
              name="marginTargetPct"
              inputMode="decimal"
              defaultValue={value('marginTargetPct', contract?.marginTargetPct ?? '35.00')}
              className={inputClass}
            />
          )}
        </FormField>
      </div>

      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Upgrades (monthly price)</legend>
        <FieldErrors id="upgrades-error" errors={errors?.upgrades} />
        <div className="space-y-2">
          {upgradeKeys.map((key) => (
            <div key={key} className="flex flex-wrap items-center gap-3 text-sm">
              <label className="flex w-48 items-center gap-2">
                <input type="checkbox" name={`upgrade.${key}`} defaultChecked={checked(key)} />
                {upgradeNames[key]}
              </label>
              <label className="flex items-center gap-1">
                <span className="sr-only">{upgradeNames[key]} monthly price</span>
                <input
                  name={`upgrade.${key}.price`}
                  inputMode="decimal"
                  placeholder="0.00"
                  defaultValue={value(`upgrade.${key}.price`, upgrade(key)?.monthlyPrice)}
                  aria-invalid={!!errors?.[`upgrade.${key}`]}
                  className="w-28 rounded border border-slate-300 px-2 py-1"
                />
              </label>
              {key === 'extra-storage' && (
                <label className="flex items-center gap-1">
                  <input
                    name={`upgrade.${key}.quantity`}
                    inputMode="numeric"
                    placeholder="GB"
                    defaultValue={value(`upgrade.${key}.quantity`, upgrade(key)?.quantity)}
                    className="w-20 rounded border border-slate-300 px-2 py-1"
                  />
                  <span>GB</span>
                </label>
              )}
              <FieldErrors id={`upgrade-${key}-error`} errors={errors?.[`upgrade.${key}`]} />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">
          SLA credit schedule: availability below → credit of the month&apos;s price
        </legend>
        <FieldErrors id="creditSchedule-error" errors={errors?.creditSchedule} />
        <CreditBandRows
          rows={CREDIT_BAND_ROWS}
          errors={errors}
          value={(name) => {
            const [, i, field] = name.split('.');
            const band = contract?.creditSchedule[Number(i)];
            return value(name, band?.[field as 'below' | 'creditPct']);
          }}
        />
      </fieldset>

      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save the contract'}
      </button>
    </form>
  );
}
