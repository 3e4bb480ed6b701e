"use client";

import { useActionState } from "react";
import { transitionReleaseAction, type TransitionState } from "@/app/desk/releases/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { transitionOf, type ReleaseAction } from "@/lib/workflow/transitions";

/**
 * The workflow buttons: exactly the actions the server says this viewer may take now. The server checks
 * again on every press; hiding a button is a courtesy, not the rule.
 */
export function WorkflowActions({
  releaseId,
  version,
  actions,
  disabledReason,
  timeZone,
}: {
  releaseId: string;
  version: number;
  actions: ReleaseAction[];
  disabledReason: string | null;
  timeZone?: string;
}) {
  const [state, formAction, pending] = useActionState<TransitionState, FormData>(transitionReleaseAction, null);
  if (actions.length === 0) return null;
  const needsText = actions.some((action) => (transitionOf(action).requires ?? []).some((need) => need === "comment" || need === "reason"));
  const needsTime = actions.some((action) => (transitionOf(action).requires ?? []).includes("time"));
  const choices = state && !state.ok ? (state.details?.choices as { offset: string; label: string }[] | undefined) : undefined;

  return (
    <form action={formAction} className="space-y-3" aria-label="Workflow">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {needsText && (
        <div className="space-y-1.5">
          <label htmlFor="workflow-comment" className="block text-sm font-medium">
            Comment or reason
          </label>
          <textarea id="workflow-comment" name="comment" rows={3} className={inputClass} placeholder="Required to request changes or retract" />
        </div>
      )}
      {needsTime && (
        <div className="space-y-1.5">
          <label htmlFor="workflow-at" className="block text-sm font-medium">
            Publish or embargo until ({timeZone ?? "the organisation's time zone"})
          </label>
          <input id="workflow-at" name="at" type="datetime-local" className={inputClass} />
          {choices && (
            <>
              <label htmlFor="workflow-offset" className="block text-sm font-medium">
                Which one?
              </label>
              <select id="workflow-offset" name="offset" className={inputClass}>
                {choices.map((choice) => (
                  <option key={choice.offset} value={choice.offset}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
      )}
      {actions.includes("publish") && (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">Note on the public page (only when updating a published release)</legend>
          <label htmlFor="workflow-note-kind" className="sr-only">
            Kind of note
          </label>
          <select id="workflow-note-kind" name="noteKind" className={inputClass} defaultValue="">
            <option value="">No note</option>
            <option value="correction">Correction</option>
            <option value="update">Update</option>
          </select>
          <label htmlFor="workflow-note-text" className="sr-only">
            Note text
          </label>
          <textarea id="workflow-note-text" name="noteText" rows={2} className={inputClass} placeholder="What changed, in one or two sentences" />
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => {
          const transition = transitionOf(action);
          const variant = action === "trash" || action === "retract" ? "danger" : transition.primary ? "primary" : "secondary";
          return (
            <Button key={action} type="submit" name="action" value={action} variant={variant} disabled={pending || disabledReason !== null}>
              {transition.label}
            </Button>
          );
        })}
      </div>
      {disabledReason && <p className="text-sm text-slate-600 dark:text-slate-400">{disabledReason}</p>}
      {state && !state.ok && (
        <Notice tone="error" testId="workflow-error">
          {state.message}
        </Notice>
      )}
    </form>
  );
}
