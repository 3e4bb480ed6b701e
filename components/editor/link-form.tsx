"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { hrefProblem, normalizeHref } from "@/lib/content/urls";

/**
 * The inline form that adds, changes or removes the link on the selection. It is a group, not a
 * <form>: the editor usually sits inside the release's own form, and forms cannot be nested.
 * Enter applies, Escape cancels; focus returns to the text afterwards.
 */
export function LinkForm({ editor, id, onClose }: { editor: Editor; id: string; onClose: () => void }) {
  const current = editor.getAttributes("link").href as unknown;
  const editing = typeof current === "string" && current !== "";
  const [value, setValue] = useState(editing ? current : "");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = `${id}-error`;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = () => {
    const href = normalizeHref(value);
    const problem = hrefProblem(href);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // Nothing selected: insert the address itself as the link text.
      editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault(); // Do not submit the surrounding release form.
      apply();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  return (
    <div
      id={id}
      role="group"
      aria-label={editing ? "Edit link" : "Add link"}
      className="flex flex-wrap items-start gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={`${id}-href`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
          Link address
        </label>
        <input
          ref={input}
          id={`${id}-href`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.org/page"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          className={inputClass}
        />
        <p id={errorId} aria-live="polite" data-testid="link-error" className="min-h-4 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      </div>
      <div className="flex gap-2 pt-5">
        <button type="button" onClick={apply} className={buttonClass("primary", "py-1.5")}>
          Apply
        </button>
        <button type="button" onClick={remove} disabled={!editing} className={buttonClass("secondary", "py-1.5")}>
          Remove link
        </button>
        <button type="button" onClick={close} className={buttonClass("ghost", "py-1.5")}>
          Cancel
        </button>
      </div>
    </div>
  );
}
