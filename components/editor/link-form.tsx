"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { hrefProblem, normalizeHref } from "@/lib/content/urls";
import { InlineActions, InlineError, useInlineForm } from "./inline-form";

/**
 * The inline form that adds, changes or removes the link on the selection (see useInlineForm for
 * its keys and focus).
 */
export function LinkForm({ editor, id, onClose }: { editor: Editor; id: string; onClose: () => void }) {
  const current = editor.getAttributes("link").href as unknown;
  const editing = typeof current === "string" && current !== "";
  const [value, setValue] = useState(editing ? current : "");
  const form = useInlineForm(editor, id, onClose);
  const { field } = form;

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [field]);

  const apply = () => {
    const href = normalizeHref(value);
    const problem = hrefProblem(href);
    if (problem) {
      form.refuse(problem);
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
          ref={field}
          id={`${id}-href`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.org/page"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            form.clearError();
          }}
          onKeyDown={form.keysFor(apply)}
          {...form.invalidProps}
          className={inputClass}
        />
        <InlineError id={form.errorId} testId="link-error" error={form.error} />
      </div>
      <InlineActions submitLabel="Apply" onSubmit={apply} onCancel={form.close}>
        <button type="button" onClick={remove} disabled={!editing} className={buttonClass("secondary", "py-1.5")}>
          Remove link
        </button>
      </InlineActions>
    </div>
  );
}
