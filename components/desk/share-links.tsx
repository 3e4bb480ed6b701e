"use client";

import { useActionState } from "react";
import { mintShareLinkAction, revokeShareLinkAction } from "@/app/desk/releases/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

export type ShareLinkRow = { id: string; label: string; expiresAt: string; uses: number; revoked: boolean; expired: boolean };

function Revoke({ releaseId, link }: { releaseId: string; link: ShareLinkRow }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(revokeShareLinkAction, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="linkId" value={link.id} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`Revoke the link ${link.label || link.id.slice(0, 8)}`}>
        Revoke
      </Button>
      {state && !state.ok && <span className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}

/** Signed, expiring links for journalists while the embargo holds. Each link is shown once, when minted. */
export function ShareLinks({ releaseId, links }: { releaseId: string; links: ShareLinkRow[] }) {
  const [state, formAction, pending] = useActionState<ActionResult<{ url: string; expiresAt: string }> | null, FormData>(mintShareLinkAction, null);
  return (
    <section aria-labelledby="share-heading" className="space-y-3 text-sm">
      <h2 id="share-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Embargo share links
      </h2>
      <form action={formAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="releaseId" value={releaseId} />
        <div className="space-y-1">
          <label htmlFor="share-label" className="block font-medium">
            For whom
          </label>
          <input id="share-label" name="label" maxLength={200} className={inputClass} placeholder="e.g. Wire agencies" />
        </div>
        <div className="space-y-1">
          <label htmlFor="share-hours" className="block font-medium">
            Valid for (hours)
          </label>
          <input id="share-hours" name="validHours" type="number" min={1} max={336} defaultValue={48} className={inputClass} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Create share link
        </Button>
      </form>
      {state?.ok && (
        <Notice tone="success" testId="share-link">
          Copy this link now; it is not shown again: <code className="break-all select-all">{state.value.url}</code>
        </Notice>
      )}
      {state && !state.ok && <Notice tone="error">{state.message}</Notice>}
      {links.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {links.map((link) => (
            <li key={link.id} className="flex items-center justify-between gap-2 px-3 py-2">
              <span>
                {link.label || "Unlabelled link"} · {link.uses} {link.uses === 1 ? "use" : "uses"} ·{" "}
                {link.revoked ? "revoked" : link.expired ? "expired" : `valid until ${new Date(link.expiresAt).toLocaleString("en-GB")}`}
              </span>
              {!link.revoked && !link.expired && <Revoke releaseId={releaseId} link={link} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
