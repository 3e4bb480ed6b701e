"use client";

import Link from "next/link";
import { useActionState } from "react";
import { linkTranslationAction, unlinkTranslationAction } from "@/app/desk/releases/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

type Linked = { id: string; language: string; headline: string };

function Unlink({ releaseId, other }: { releaseId: string; other: Linked }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(unlinkTranslationAction, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="otherReleaseId" value={other.id} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`Unlink the ${other.language} version`}>
        Unlink
      </Button>
      {state && !state.ok && <span className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}

/** The same release in other languages: linked releases, and a picker to link another one. */
export function TranslationsForm({ releaseId, linked, candidates, canLink }: { releaseId: string; linked: Linked[]; candidates: Linked[]; canLink: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(linkTranslationAction, null);
  return (
    <section aria-labelledby="translations-heading" className="space-y-3 text-sm">
      <h2 id="translations-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Other languages
      </h2>
      {linked.length === 0 ? (
        <p className="text-slate-600">Not linked to a version in another language.</p>
      ) : (
        <ul className="space-y-1">
          {linked.map((other) => (
            <li key={other.id} className="flex items-center gap-2">
              <span className="rounded bg-slate-100 px-1.5 text-xs uppercase dark:bg-slate-800">{other.language}</span>
              <Link href={`/desk/releases/${other.id}`} className="underline">
                {other.headline}
              </Link>
              {canLink && <Unlink releaseId={releaseId} other={other} />}
            </li>
          ))}
        </ul>
      )}
      {canLink && candidates.length > 0 && (
        <form action={formAction} className="flex items-end gap-2">
          <input type="hidden" name="releaseId" value={releaseId} />
          <div className="flex-1 space-y-1">
            <label htmlFor="translation-candidate" className="block font-medium">
              Link a version in another language
            </label>
            <select id="translation-candidate" name="otherReleaseId" className={inputClass}>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  [{candidate.language}] {candidate.headline}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={pending}>
            Link
          </Button>
        </form>
      )}
      {state && !state.ok && <Notice tone="error">{state.message}</Notice>}
    </section>
  );
}
