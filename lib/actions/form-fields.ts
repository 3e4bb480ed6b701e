import { cleanInput } from "./clean-input";

/**
 * A posted form's own fields, cleaned (lib/actions/clean-input.ts). React adds `$ACTION_…` fields when a
 * form is posted before hydration; they are not the form's to refuse, so strict schemas see everything else.
 */
export function formFields(form: FormData): Record<string, FormDataEntryValue> {
  return cleanInput(Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$ACTION"))));
}
