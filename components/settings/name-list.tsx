"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult | null>;

function DeleteButton({ slug, name, noun, action }: { slug: string; name: string; noun: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`Delete ${noun} ${name}`}>
        Delete
      </Button>
      {state && !state.ok && <span className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}

/** A named list admins add to and delete from (topics, release types). */
export function NameList({
  noun,
  items,
  createAction,
  deleteAction,
}: {
  noun: string;
  items: { slug: string; name: string }[];
  createAction: Action;
  deleteAction: Action;
}) {
  const [state, formAction, pending] = useActionState(createAction, null);
  const id = `new-${noun.replace(/\s+/g, "-")}`;
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-950">
        {items.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">None yet.</li>}
        {items.map((item) => (
          <li key={item.slug} className="flex items-center justify-between px-4 py-2 text-sm">
            <span>
              {item.name} <code className="text-xs text-slate-500">{item.slug}</code>
            </span>
            <DeleteButton slug={item.slug} name={item.name} noun={noun} action={deleteAction} />
          </li>
        ))}
      </ul>
      <form action={formAction} className="flex items-end gap-2">
        <div className="flex-1 space-y-1">
          <label htmlFor={id} className="block text-sm font-medium">
            New {noun}
          </label>
          <input id={id} name="name" required maxLength={120} className={inputClass} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Add {noun}
        </Button>
      </form>
      {state && !state.ok && <Notice tone="error">{state.message}</Notice>}
    </div>
  );
}
