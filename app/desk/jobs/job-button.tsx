"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult | null>;

/** One job's retry or discard button, with the refusal (if any) beside it. */
export function JobButton({ id, label, description, action, variant }: { id: string; label: string; description: string; action: Action; variant: "secondary" | "ghost" }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant={variant} disabled={pending} aria-label={description}>
        {label}
      </Button>
      {state && !state.ok && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </span>
      )}
    </form>
  );
}
