import { AppError } from '@/lib/app-error';

// A value typed in a form, as the flag's type reads it: "true"/"false" for a boolean, a decimal for a number,
// the text itself for a string, JSON for a JSON flag. The type and its rules are checked again where the
// value is delivered (lib/flags/flag-value.ts): this only turns the text into the value meant.

export function parseFlagFormValue(type: string, raw: FormDataEntryValue | null): unknown {
  const text = typeof raw === 'string' ? raw : '';
  if (type === 'string') return text;
  if (type === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw new AppError('bad-request', 'Choose on or off.', { fields: { value: ['on or off'] } });
  }
  if (type === 'number') {
    const n = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(n))
      throw new AppError('bad-request', 'Give a number.', { fields: { value: ['a number, e.g. 365'] } });
    return n;
  }
  if (type === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AppError('bad-request', 'The value is not JSON.', {
        fields: { value: ['JSON, e.g. {"provider": "adyen"}'] },
      });
    }
  }
  throw new AppError('bad-request', 'Unknown flag type: reload the page.');
}
