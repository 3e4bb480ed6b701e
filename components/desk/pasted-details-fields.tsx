"use client";

import { Field, Select, TextInput } from "@/components/ui/field";
import { Options, typeOptions } from "@/components/ui/options";
import type { ReleaseContent } from "@/lib/content/release";

export type PastedDetailsDraft = Partial<Pick<ReleaseContent, "type" | "language" | "releaseDate" | "dateline" | "reference" | "subtitle">>;

const TEXT_FIELDS = [
  ["subtitle", "Subtitle"],
  ["dateline", "Dateline (place)"],
  ["reference", "Reference"],
  ["language", "Language"],
] as const;

/** The details a pasted release filled in on the New release page, editable before the draft is created. */
export function PastedDetailsFields({
  details,
  types,
  onChange,
}: {
  details: PastedDetailsDraft;
  types: { slug: string; name: string }[];
  onChange: (change: PastedDetailsDraft) => void;
}) {
  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">Details from the pasted release</legend>
      {details.type && (
        <Field id="new-type" label="Type">
          <Select id="new-type" value={details.type} onChange={(event) => onChange({ type: event.target.value })}>
            <Options options={typeOptions(types)} />
          </Select>
        </Field>
      )}
      {details.releaseDate !== undefined && (
        <Field id="new-date" label="Release date">
          <TextInput id="new-date" type="date" value={details.releaseDate ?? ""} onChange={(event) => onChange({ releaseDate: event.target.value || null })} />
        </Field>
      )}
      {TEXT_FIELDS.filter(([key]) => details[key] !== undefined).map(([key, label]) => (
        <Field key={key} id={`new-${key}`} label={label}>
          <TextInput id={`new-${key}`} value={details[key] ?? ""} onChange={(event) => onChange({ [key]: event.target.value || null })} />
        </Field>
      ))}
    </fieldset>
  );
}
