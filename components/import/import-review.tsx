"use client";

import { unstable_rethrow } from "next/navigation";
import { useState, useTransition } from "react";
import { createDraftFromImportAction, type ImportPreview } from "@/app/desk/releases/import/actions";
import { LANGUAGES } from "@/lib/i18n/languages";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Options, typeOptions } from "@/components/ui/options";
import type { TypeOption } from "./import-workflow";

type Draft = Pick<ImportPreview, "headline" | "type" | "language" | "releaseDate" | "dateline" | "reference" | "subtitle">;

const FORMAT_NAMES: Record<ImportPreview["format"], string> = { docx: "Word document", html: "web page", text: "plain text" };

/**
 * Step two: what was recognised, editable, with the text as it will look (read-only here; it is
 * edited in the release editor once the draft exists) and the importer's warnings.
 */
export function ImportReview({ preview, types, onBack }: { preview: ImportPreview; types: TypeOption[]; onBack: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => ({
    headline: preview.headline,
    type: preview.type && types.some((type) => type.slug === preview.type) ? preview.type : (types.find((type) => type.slug === "press-release")?.slug ?? types[0]?.slug ?? null),
    language: preview.language,
    releaseDate: preview.releaseDate,
    dateline: preview.dateline,
    reference: preview.reference,
    subtitle: preview.subtitle,
  }));
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();
  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const fieldError = (name: string) => error?.fields[name]?.[0];

  const languages: [string, string][] = LANGUAGES.map(([code, name]) => [code, name]);
  if (draft.language && !languages.some(([code]) => code === draft.language)) languages.unshift([draft.language, draft.language]);

  function create(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      try {
        const result = await createDraftFromImportAction({ ...draft, bodyJson: preview.bodyJson });
        if (result && !result.ok) setError({ message: result.message, fields: result.fieldErrors ?? {} });
      } catch (caught) {
        // Next's redirect to the new draft must pass; anything else is a failed request.
        unstable_rethrow(caught);
        setError({ message: "The draft could not be created. Check your connection and try again.", fields: {} });
      }
    });
  }

  const text = (id: string, label: string, key: "headline" | "dateline" | "reference" | "subtitle", props: { hint?: string; required?: boolean; className?: string } = {}) => {
    const message = fieldError(key);
    return (
      <Field id={id} label={label} hint={props.hint} error={message}>
        <TextInput
          id={id}
          value={draft[key] ?? ""}
          required={props.required}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, { hint: Boolean(props.hint), error: Boolean(message) })}
          className={props.className}
          onChange={(event) => update({ [key]: key === "headline" ? event.target.value : event.target.value || null })}
        />
      </Field>
    );
  };

  return (
    <form onSubmit={create} className="space-y-8" aria-labelledby="import-review-heading">
      <div className="space-y-1">
        <h2 id="import-review-heading" className="text-lg font-semibold">
          Check what was recognised
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Read as a {FORMAT_NAMES[preview.format]}
          {preview.fileName ? ` (${preview.fileName})` : ""}. Correct anything below, then create the draft; the text can be edited in the release editor.
        </p>
      </div>

      {preview.warnings.length > 0 && (
        <Notice tone="warning" testId="import-warnings">
          <p className="font-medium">Please check:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Notice>
      )}

      <div className="space-y-4">
        {text("import-headline", "Headline", "headline", { required: true, className: "font-serif text-xl" })}
        {text("import-subtitle", "Subtitle", "subtitle")}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="import-type" label="Type" error={fieldError("type")}>
            <Select
              id="import-type"
              value={draft.type ?? ""}
              aria-describedby={describedBy("import-type", { error: Boolean(fieldError("type")) })}
              onChange={(event) => update({ type: event.target.value || null })}
            >
              <Options options={typeOptions(types)} />
            </Select>
          </Field>
          <Field id="import-language" label="Language" error={fieldError("language")}>
            <Select
              id="import-language"
              value={draft.language ?? "en"}
              aria-describedby={describedBy("import-language", { error: Boolean(fieldError("language")) })}
              onChange={(event) => update({ language: event.target.value })}
            >
              <Options options={languages} />
            </Select>
          </Field>
          <Field id="import-date" label="Release date" error={fieldError("releaseDate")}>
            <TextInput
              id="import-date"
              type="date"
              value={draft.releaseDate ?? ""}
              aria-invalid={fieldError("releaseDate") ? true : undefined}
              aria-describedby={describedBy("import-date", { error: Boolean(fieldError("releaseDate")) })}
              onChange={(event) => update({ releaseDate: event.target.value || null })}
            />
          </Field>
          {text("import-dateline", "Dateline (place)", "dateline", { hint: "The city the release is issued from, e.g. Geneva." })}
          {text("import-reference", "Reference", "reference")}
        </div>
      </div>

      <section aria-labelledby="import-body-heading" className="space-y-2">
        <h2 id="import-body-heading" className="text-lg font-semibold">
          Text
        </h2>
        {fieldError("body") && <p className="text-sm text-red-700 dark:text-red-400">{fieldError("body")}</p>}
        <div
          data-testid="import-body-preview"
          className="release-body rounded-md border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-950"
          // Rendered on the server by renderBodyHtml from a validated body: escaped text, allow-listed links.
          dangerouslySetInnerHTML={{ __html: preview.bodyHtml }}
        />
      </section>

      {error && (
        <Notice tone="error" testId="import-create-error">
          {error.message}
        </Notice>
      )}

      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating the draft…" : "Create draft from this"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onBack}>
          Import another document
        </Button>
      </div>
    </form>
  );
}
