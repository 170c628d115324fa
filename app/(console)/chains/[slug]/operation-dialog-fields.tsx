'use client';

import type { DialogField } from '@/lib/operations/catalog/entry';
import type { DialogForm, OperationFacts } from '@/lib/operations/operation-facts';

const input = 'mt-1 block w-full rounded border border-slate-300 px-2 py-1';

/** The inputs of an operation's dialog, as its catalog entry lists them. */
export function DialogFields({
  fields,
  facts,
  form,
  onChange,
}: {
  fields: DialogField[];
  facts: OperationFacts;
  form: DialogForm;
  onChange: (form: DialogForm) => void;
}) {
  const set = (name: string, value: string) => onChange({ ...form, [name]: value });
  return fields.map((field) => {
    const label = field.label(facts);
    if (field.kind === 'checkbox') {
      if (!field.shown(facts)) return null;
      return (
        <label key={field.name} className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={form[field.name] === 'on'}
            onChange={(e) => set(field.name, e.target.checked ? 'on' : '')}
          />{' '}
          {label}
        </label>
      );
    }
    if (field.kind === 'select') {
      return (
        <label key={field.name} className="block">
          {label}
          <select value={form[field.name] ?? ''} onChange={(e) => set(field.name, e.target.value)} className={input}>
            {field.options(facts).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      );
    }
    return (
      <label key={field.name} className="block">
        {label}
        <input
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          value={form[field.name] ?? ''}
          placeholder={field.placeholder}
          onChange={(e) => set(field.name, e.target.value)}
          className={input}
        />
      </label>
    );
  });
}
