"use client";

import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { useMemo, useState } from "react";
import { bodyExtensions } from "@/lib/content/extensions";
import { BodyToolbar } from "./body-toolbar";
import { LinkForm } from "./link-form";

export type BodyEditorProps = {
  /** The stored body (Tiptap JSON); read once, when the editor is created. */
  initialContent?: JSONContent | null;
  /** Called with the whole document after every change. */
  onChange?: (json: JSONContent) => void;
  /** Accessible name of the editable area, e.g. "Release text". */
  label: string;
  /** id of the editable area (the toolbar and link form derive their ids from it). */
  id: string;
  /** ids of elements describing the field (hint, server error), for aria-describedby. */
  describedBy?: string;
};

/**
 * The release body editor: Tiptap with the same extension list the server validates and renders
 * with. Created after mount (immediatelyRender: false); under Cache Components put it inside
 * <Suspense>. Ctrl/Cmd+K opens the link form.
 */
export function BodyEditor({ initialContent, onChange, label, id, describedBy }: BodyEditorProps) {
  const [linkOpen, setLinkOpen] = useState(false);
  // Stable identities: useEditor compares options on every render and would otherwise reconfigure.
  const [extensions] = useState(bodyExtensions);
  const [content] = useState(() => initialContent ?? undefined);
  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        spellcheck: "true",
        class: "release-body min-h-64 px-4 py-3 focus:outline-none focus-visible:outline-none",
      },
      handleKeyDown: (_view: unknown, event: KeyboardEvent) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
          event.preventDefault();
          setLinkOpen(true);
          return true;
        }
        return false;
      },
    }),
    [id, label, describedBy],
  );

  const editor = useEditor({
    extensions,
    content,
    immediatelyRender: false,
    editorProps,
    onUpdate: ({ editor }) => onChange?.(editor.getJSON()),
  });

  const frame =
    "overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-sky-600 focus-within:ring-2 focus-within:ring-sky-600/30 dark:border-slate-600 dark:bg-slate-950";

  if (!editor) {
    return (
      <div>
        <div className={frame} aria-busy="true">
          <div className="h-11 border-b border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900" />
          <div className="min-h-64 px-4 py-3 text-sm text-slate-500 dark:text-slate-400">Loading the editor…</div>
        </div>
        <p className="mt-1.5 h-4" />
      </div>
    );
  }

  const linkFormId = `${id}-link`;
  return (
    <div>
      <div className={frame}>
        <BodyToolbar editor={editor} linkOpen={linkOpen} linkFormId={linkFormId} onLink={() => setLinkOpen(true)} />
        {linkOpen && <LinkForm editor={editor} id={linkFormId} onClose={() => setLinkOpen(false)} />}
        <EditorContent editor={editor} />
      </div>
      <WordCount editor={editor} />
    </div>
  );
}

/** Rendered only once the editor exists: useEditorState keeps the snapshot it started with until a transaction. */
function WordCount({ editor }: { editor: Editor }) {
  const words = useEditorState({
    editor,
    selector: ({ editor }) => countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, " ", " ")),
  });
  return (
    <p className="mt-1.5 text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="word-count">
      {words.toLocaleString("en")} {words === 1 ? "word" : "words"}
    </p>
  );
}

/** Words as a reader counts them: runs of letters or digits, with apostrophes and hyphens inside. */
function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
