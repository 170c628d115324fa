import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import { AppError } from '@/lib/app-error';
import type { FieldIssues } from '@/lib/app-error';

// How server actions answer an AppError: the form's state (a message, the problems by field), so the form
// shows them beside what was typed; anything else reaches the error boundary. A refused caller is not a form
// problem: the action answers 401/403 like every other surface (unauthorized()/forbidden()).

export type FormState = { message?: string; errors?: FieldIssues; values?: Record<string, string> };

/** Runs a form action's work; an AppError becomes the state the form renders, with what was typed kept. */
export async function formAction<S extends FormState>(
  formData: FormData | null,
  work: () => Promise<S>,
  fieldName: (path: string) => string = (path) => path,
): Promise<S> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'unauthenticated') unauthorized();
    if (error.code === 'forbidden') forbidden();
    const errors: FieldIssues = {};
    for (const [path, messages] of Object.entries(error.fields ?? {}))
      (errors[fieldName(path)] ??= []).push(...messages);
    return { message: error.message, errors, values: formData ? typedValues(formData) : undefined } as S;
  }
}

/** What was typed, to refill the form (React resets a form after an action); Next's own fields left out. */
function typedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$')),
  );
}
