"use client";

import { useActionState } from "react";
import { restoreRevisionAction, type RestoreState } from "@/app/desk/releases/[id]/history/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** Copies an old revision into a new one; the server checks the edit rules and the version again. */
export function RestoreButton({ releaseId, revisionNumber, version }: { releaseId: string; revisionNumber: number; version: number }) {
  const [state, formAction, pending] = useActionState<RestoreState, FormData>(restoreRevisionAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="revisionNumber" value={revisionNumber} />
      <input type="hidden" name="expectedVersion" value={version} />
      <Button type="submit" variant="secondary" disabled={pending} className="whitespace-nowrap px-2.5 py-1 text-xs">
        {pending ? "Restoring…" : "Restore this revision"}
        <span className="sr-only"> (revision {revisionNumber})</span>
      </Button>
      {state && !state.ok && (
        <Notice tone="error" testId="restore-error">
          {state.message}
        </Notice>
      )}
      {state?.ok && (
        <Notice tone="info" testId="restore-unchanged">
          This revision&apos;s text is already the current text; nothing to restore.
        </Notice>
      )}
    </form>
  );
}
