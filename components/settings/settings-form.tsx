"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/desk/settings/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

export type SettingsValues = {
  version: number;
  organisationName: string;
  address: string;
  phones: string;
  fax: string;
  email: string;
  website: string;
  accentColor: string;
  timeZone: string;
  defaultLanguage: string;
  boilerplate: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
};

const FIELDS: { name: keyof SettingsValues; label: string; multiline?: boolean; hint?: string; type?: string }[] = [
  { name: "organisationName", label: "Organisation name" },
  { name: "address", label: "Address", multiline: true, hint: "One line per line of the letterhead." },
  { name: "phones", label: "Phone numbers", multiline: true, hint: "One per line." },
  { name: "fax", label: "Fax" },
  { name: "email", label: "Press office email", type: "email" },
  { name: "website", label: "Website", type: "url" },
  { name: "accentColor", label: "Accent colour", type: "color" },
  { name: "timeZone", label: "Time zone", hint: "For example Europe/Zurich; dates and schedules are shown in it." },
  { name: "defaultLanguage", label: "Default language code" },
  { name: "boilerplate", label: "Boilerplate (About …)", multiline: true, hint: "Printed at the end of every release unless the release overrides it." },
  { name: "contactName", label: "Default media contact: name" },
  { name: "contactEmail", label: "Default media contact: email", type: "email" },
  { name: "contactPhone", label: "Default media contact: phone" },
];

export function SettingsForm({ values, logoUrl }: { values: SettingsValues; logoUrl: string | null }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(updateSettingsAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="expectedVersion" value={values.version} />
      {FIELDS.map((field) => {
        const id = `settings-${field.name}`;
        const error = fieldErrors?.[field.name]?.[0];
        const describedBy = [field.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
        return (
          <div key={field.name} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium">
              {field.label}
            </label>
            {field.multiline ? (
              <textarea id={id} name={field.name} defaultValue={values[field.name]} rows={3} className={inputClass} aria-describedby={describedBy} />
            ) : (
              <input id={id} name={field.name} type={field.type ?? "text"} defaultValue={values[field.name]} className={field.type === "color" ? "h-10 w-20" : inputClass} aria-describedby={describedBy} />
            )}
            {field.hint && (
              <p id={`${id}-hint`} className="text-xs text-slate-500">
                {field.hint}
              </p>
            )}
            {error && (
              <p id={`${id}-error`} className="text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Logo</legend>
        {logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- an uploaded file served by our own /media route
          <img src={logoUrl} alt="Current logo" className="h-12 w-auto rounded border border-slate-200 bg-white p-1" />
        ) : (
          <p className="text-xs text-slate-600 dark:text-slate-400">No logo yet: the site header shows the organisation&rsquo;s name alone.</p>
        )}
        <label htmlFor="settings-logoFile" className="block text-sm">
          {logoUrl ? "Replace with" : "Upload"} an image (PNG, JPEG, GIF or WebP)
        </label>
        <input id="settings-logoFile" name="logoFile" type="file" accept="image/png,image/jpeg,image/gif,image/webp" className="block text-sm" />
        {logoUrl && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="removeLogo" /> Remove the logo
          </label>
        )}
      </fieldset>
      {state?.ok && <Notice tone="success">Settings saved.</Notice>}
      {state && !state.ok && (
        <Notice tone="error" testId="settings-error">
          {state.message}
        </Notice>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
