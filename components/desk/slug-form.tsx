"use client";

import { useActionState } from "react";
import { setSlugAction } from "@/app/desk/releases/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";
import { useLiveVersion } from "./live-version";

/**
 * The release's web address: editable until the first publication, fixed afterwards. It is based on
 * the newest version this page knows (the editor's autosaves move it on without rendering the page).
 */
export function SlugForm({ releaseId, slug, version: rendered, editable }: { releaseId: string; slug: string; version: number; editable: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(setSlugAction, null);
  const version = useLiveVersion(releaseId, rendered);
  if (!editable) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Web address: <code>/releases/{slug}</code>
      </p>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor="slug" className="block font-medium">
          Web address
        </label>
        <div className="flex items-center gap-1">
          <span className="text-slate-500">/releases/</span>
          <input id="slug" name="slug" defaultValue={slug} key={slug} maxLength={100} className={inputClass} aria-describedby="slug-hint" />
        </div>
        <p id="slug-hint" className="text-xs text-slate-500">
          Lowercase letters, digits and dashes. It cannot change after publication.
        </p>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Change address
      </Button>
      {state?.ok && (
        <p className="w-full text-sm text-green-800 dark:text-green-300" role="status" data-testid="slug-saved">
          The address is now <code>/releases/{slug}</code>.
        </p>
      )}
      {state && !state.ok && (
        <div className="w-full">
          <Notice tone="error" testId="slug-error">
            {state.message}
          </Notice>
        </div>
      )}
    </form>
  );
}
