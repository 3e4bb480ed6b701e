"use client";

import type { Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * What the editor's inline forms (link, image description) share. They are groups, not <form>s: the
 * editor usually sits inside the release's own form, and forms cannot be nested. Enter in a field
 * submits (never the surrounding form), Escape cancels, and focus returns to the text afterwards; a
 * refusal is announced beside the checked field, which takes focus again.
 */
export function useInlineForm(editor: Editor, id: string, onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const errorId = `${id}-error`;

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const refuse = (message: string) => {
    setError(message);
    field.current?.focus();
  };

  const keysFor = (submit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  return {
    field,
    error,
    errorId,
    close,
    refuse,
    keysFor,
    /** For the checked field's onChange: a refusal is cleared as soon as the person types. */
    clearError: () => {
      if (error) setError(null);
    },
    /** The checked field's invalid state, tied to its error message. */
    invalidProps: { "aria-invalid": error ? true : undefined, "aria-describedby": errorId },
  };
}

/** The checked field's error, read out when it appears. */
export function InlineError({ id, testId, error }: { id: string; testId: string; error: string | null }) {
  return (
    <p id={id} aria-live="polite" data-testid={testId} className="min-h-4 text-xs text-red-700 dark:text-red-400">
      {error}
    </p>
  );
}

/** The form's buttons: its own action first, any others, then Cancel. */
export function InlineActions({ submitLabel, onSubmit, onCancel, children }: { submitLabel: string; onSubmit: () => void; onCancel: () => void; children?: ReactNode }) {
  return (
    <div className="flex gap-2 pt-5">
      <button type="button" onClick={onSubmit} className={buttonClass("primary", "py-1.5")}>
        {submitLabel}
      </button>
      {children}
      <button type="button" onClick={onCancel} className={buttonClass("ghost", "py-1.5")}>
        Cancel
      </button>
    </div>
  );
}
