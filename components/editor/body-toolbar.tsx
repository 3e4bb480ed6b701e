"use client";

import clsx from "clsx";
import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";

type Item = {
  key: string;
  label: string; // Accessible name.
  text: string; // Short visible label.
  shortcut?: string;
  run: (editor: Editor) => void;
  /** Toggle buttons report their state with aria-pressed; plain actions (undo) have none. */
  pressed?: (state: ToolbarState) => boolean;
  disabled?: (state: ToolbarState) => boolean;
  className?: string;
};

type ToolbarState = ReturnType<typeof selectState>;

function selectState({ editor }: { editor: Editor }) {
  return {
    paragraph: editor.isActive("paragraph") && !editor.isActive("bulletList") && !editor.isActive("orderedList") && !editor.isActive("blockquote"),
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    link: editor.isActive("link"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    inTable: editor.isActive("table"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

const ITEMS: Item[] = [
  { key: "paragraph", label: "Paragraph", text: "¶", shortcut: "Ctrl+Alt+0", run: (e) => e.chain().focus().setParagraph().run(), pressed: (s) => s.paragraph },
  { key: "h2", label: "Subheading", text: "H2", shortcut: "Ctrl+Alt+2", run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), pressed: (s) => s.h2 },
  { key: "h3", label: "Minor heading", text: "H3", shortcut: "Ctrl+Alt+3", run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), pressed: (s) => s.h3 },
  { key: "bold", label: "Bold", text: "B", shortcut: "Ctrl+B", run: (e) => e.chain().focus().toggleBold().run(), pressed: (s) => s.bold, className: "font-bold" },
  { key: "italic", label: "Italic", text: "I", shortcut: "Ctrl+I", run: (e) => e.chain().focus().toggleItalic().run(), pressed: (s) => s.italic, className: "italic font-serif" },
  { key: "link", label: "Link", text: "Link", shortcut: "Ctrl+K", run: () => undefined, pressed: (s) => s.link, className: "underline underline-offset-2" },
  { key: "bulletList", label: "Bulleted list", text: "• List", shortcut: "Ctrl+Shift+8", run: (e) => e.chain().focus().toggleBulletList().run(), pressed: (s) => s.bulletList },
  { key: "orderedList", label: "Numbered list", text: "1. List", shortcut: "Ctrl+Shift+7", run: (e) => e.chain().focus().toggleOrderedList().run(), pressed: (s) => s.orderedList },
  { key: "blockquote", label: "Quotation", text: "“ ”", shortcut: "Ctrl+Shift+B", run: (e) => e.chain().focus().toggleBlockquote().run(), pressed: (s) => s.blockquote },
  { key: "table", label: "Insert table", text: "Table", run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), disabled: (s) => s.inTable },
  { key: "image", label: "Insert image", text: "Image", run: () => undefined },
  { key: "undo", label: "Undo", text: "Undo", shortcut: "Ctrl+Z", run: (e) => e.chain().focus().undo().run(), disabled: (s) => !s.canUndo },
  { key: "redo", label: "Redo", text: "Redo", shortcut: "Ctrl+Shift+Z", run: (e) => e.chain().focus().redo().run(), disabled: (s) => !s.canRedo },
];

/** Shown only while the cursor is in a table. */
const TABLE_ITEMS: Item[] = [
  { key: "addRow", label: "Add row below", text: "+ Row", run: (e) => e.chain().focus().addRowAfter().run() },
  { key: "deleteRow", label: "Delete row", text: "− Row", run: (e) => e.chain().focus().deleteRow().run() },
  { key: "addColumn", label: "Add column right", text: "+ Column", run: (e) => e.chain().focus().addColumnAfter().run() },
  { key: "deleteColumn", label: "Delete column", text: "− Column", run: (e) => e.chain().focus().deleteColumn().run() },
  { key: "deleteTable", label: "Delete table", text: "Delete table", run: (e) => e.chain().focus().deleteTable().run() },
];

const SEPARATOR_AFTER = new Set(["h3", "link", "blockquote", "image", "redo"]);

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys, Home and End move
 * between buttons. Unavailable actions stay focusable with aria-disabled, as the pattern recommends.
 */
export function BodyToolbar({
  editor,
  linkOpen,
  linkFormId,
  onLink,
  onImage,
}: {
  editor: Editor;
  linkOpen: boolean;
  linkFormId: string;
  onLink: () => void;
  onImage: () => void;
}) {
  const state = useEditorState({ editor, selector: selectState });
  const items = state.inTable ? [...ITEMS, ...TABLE_ITEMS] : ITEMS;
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const next =
      event.key === "ArrowRight" ? (active === last ? 0 : active + 1)
      : event.key === "ArrowLeft" ? (active === 0 ? last : active - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      onKeyDown={onKeyDown}
      className="flex flex-wrap items-center gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
    >
      {items.map((item, index) => {
        const disabled = item.disabled?.(state) ?? false;
        const pressed = item.pressed?.(state);
        return (
          <span key={item.key} className="contents">
            <button
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              tabIndex={index === Math.min(active, items.length - 1) ? 0 : -1}
              aria-label={item.label}
              aria-pressed={pressed}
              aria-disabled={disabled || undefined}
              aria-expanded={item.key === "link" ? linkOpen : undefined}
              aria-controls={item.key === "link" && linkOpen ? linkFormId : undefined}
              aria-keyshortcuts={item.shortcut?.replace("Ctrl", "Control")}
              title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
              onFocus={() => setActive(index)}
              onMouseDown={(event) => event.preventDefault() /* Keep the text selection in the editor. */}
              onClick={() => {
                if (disabled) return;
                if (item.key === "link") onLink();
                else if (item.key === "image") onImage();
                else item.run(editor);
              }}
              className={clsx(
                "inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm text-slate-700 transition-colors",
                "hover:bg-slate-200 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 dark:text-slate-200 dark:hover:bg-slate-700",
                pressed && "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white",
                disabled && "cursor-not-allowed opacity-40 hover:bg-transparent",
                item.className,
              )}
            >
              <span aria-hidden="true">{item.text}</span>
            </button>
            {SEPARATOR_AFTER.has(item.key) && <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-600" />}
          </span>
        );
      })}
    </div>
  );
}
