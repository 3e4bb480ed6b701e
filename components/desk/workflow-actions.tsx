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
}: {
  releaseId: string;
  version: number;
  actions: ReleaseAction[];
  disabledReason: string | null;
}) {
  const [state, formAction, pending] = useActionState<TransitionState, FormData>(transitionReleaseAction, null);
  if (actions.length === 0) return null;
  const needsText = actions.some((action) => (transitionOf(action).requires ?? []).some((need) => need === "comment" || need === "reason"));

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
