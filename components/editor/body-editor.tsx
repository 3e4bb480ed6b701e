"use client";

import type { EditorView } from "@tiptap/pm/view";
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { bodyExtensions } from "@/lib/content/extensions";
import type { Paste, PastedRelease } from "@/lib/content/paste";
import type { PastedDetails } from "@/lib/content/paste-details";
import { isEmptyDocument } from "@/lib/content/empty-document";
import { BodyToolbar } from "./body-toolbar";
import { beforePaste, type BeforePaste, insertBody, replacePaste } from "./paste-into";
import { loadedPasteReader, loadPasteReader } from "./paste-reader";
import { uploadImage, type UploadedMedia } from "./upload-image";

// Shown only on demand (a link being made, an image described, a whole release pasted): loaded then.
const ImageForm = lazy(() => import("./image-form").then((module) => ({ default: module.ImageForm })));
const LinkForm = lazy(() => import("./link-form").then((module) => ({ default: module.LinkForm })));
const PasteOffer = lazy(() => import("./paste-offer").then((module) => ({ default: module.PasteOffer })));

export type BodyEditorProps = {
  /** The stored body (Tiptap JSON); read once, when the editor is created. */
  initialContent?: JSONContent | null;
  /** Called with the whole document after every change. */
  onChange?: (json: JSONContent) => void;
  /** Called once the editor exists and shows the content (nothing is saved before). */
  onReady?: () => void;
  /** false: the text is shown but cannot be changed (and the toolbar is hidden). Default true. */
  editable?: boolean;
  /** Accessible name of the editable area, e.g. "Release text". */
  label: string;
  /** id of the editable area (the toolbar and link form derive their ids from it). */
  id: string;
  /** ids of elements describing the field (hint, server error), for aria-describedby. */
  describedBy?: string;
  /**
   * Given, a paste that starts like a whole release offers to fill in its details: on acceptance the
   * front matter leaves the text and this is called with the details.
   */
  onPastedDetails?: (details: PastedDetails) => void;
};

/** A whole-release paste waiting for a decision; it lapses as soon as the text changes. */
type Offer = { release: PastedRelease; before: BeforePaste; after: unknown };

/** Reading speed used for "about N min read". */
const WORDS_PER_MINUTE = 200;

/**
 * The release body editor: Tiptap with the same extension list the server validates and renders
 * with. Created after mount (immediatelyRender: false); under Cache Components put it inside
 * <Suspense>. Ctrl/Cmd+K opens the link form. A paste is read by readPaste (the importer's pipeline:
 * headings, lists and links recognised in HTML and plain text; loaded when the editor first gets
 * focus, paste-reader.ts); one copied from a Tiptap editor
 * (`data-pm-slice`) is left to ProseMirror, which keeps its figures and exact structure within the schema.
 */
export function BodyEditor({ initialContent, onChange, onReady, editable = true, label, id, describedBy, onPastedDetails }: BodyEditorProps) {
  const [linkOpen, setLinkOpen] = useState(false);
  const [upload, setUpload] = useState<{ state: "uploading" } | { state: "describe"; media: UploadedMedia } | { state: "error"; error: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Stable identities: useEditor compares options on every render and would otherwise reconfigure.
  const [extensions] = useState(bodyExtensions);
  const [content] = useState(() => initialContent ?? undefined);
  const callbacks = useRef({ onChange, onReady, onPastedDetails });
  useEffect(() => {
    callbacks.current = { onChange, onReady, onPastedDetails };
  });
  const [offer, setOffer] = useState<Offer | null>(null);
  const offerRef = useRef<Offer | null>(null);
  const showOffer = (next: Offer | null) => {
    offerRef.current = next;
    setOffer(next);
  };
  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        spellcheck: "true",
        class: [
          "release-body min-h-64 px-4 py-3 focus:outline-none focus-visible:outline-none",
          "[&_table]:w-full [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1 [&_td]:align-top",
          "[&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:align-top dark:[&_th]:bg-slate-800",
          "[&_.selectedCell]:bg-sky-100 dark:[&_.selectedCell]:bg-sky-900",
          "[&_figure_img]:h-auto [&_figure_img]:max-w-full [&_figcaption]:mt-1 [&_figcaption]:text-sm [&_figcaption]:text-slate-600",
          "[&_.ProseMirror-selectednode]:outline-2 [&_.ProseMirror-selectednode]:outline-sky-600",
        ].join(" "),
      },
      handleDOMEvents: {
        focus: () => {
          loadPasteReader().catch(() => {});
          return false;
        },
        paste: (view: EditorView, event: ClipboardEvent) => {
          const data = event.clipboardData;
          if (!view.editable || !data) return false;
          const html = data.getData("text/html");
          if (html.includes("data-pm-slice")) return false;
          const clipboard = { html, text: data.getData("text/plain") };
          if (!html.trim() && !clipboard.text.trim()) return false;
          const apply = (paste: Paste | null) => {
            if (!paste || view.isDestroyed) return;
            const before = beforePaste(view.state);
            if (!isEmptyDocument(paste.body)) view.dispatch(insertBody(view.state, paste.body));
            if (paste.release && callbacks.current.onPastedDetails) showOffer({ release: paste.release, before, after: view.state.doc });
          };
          event.preventDefault();
          const readPaste = loadedPasteReader();
          if (readPaste) apply(readPaste(clipboard));
          else {
            // Pasted before the pipeline arrived: read the clipboard now, apply it when it has.
            loadPasteReader().then(
              (read) => apply(read(clipboard)),
              () => {
                if (!view.isDestroyed) view.dispatch(view.state.tr.insertText(clipboard.text));
              },
            );
          }
          return true;
        },
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
    editable,
    immediatelyRender: false,
    editorProps,
    onCreate: () => callbacks.current.onReady?.(),
    onUpdate: ({ editor }) => {
      if (offerRef.current && offerRef.current.after !== editor.state.doc) showOffer(null);
      callbacks.current.onChange?.(editor.getJSON());
    },
  });

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

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

  const onFile = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = "";
    if (!file) return;
    setUpload({ state: "uploading" });
    const result = await uploadImage(file);
    setUpload(result.ok ? { state: "describe", media: result.media } : { state: "error", error: result.error });
  };

  const acceptOffer = () => {
    if (!offer) return;
    showOffer(null);
    editor.view.dispatch(replacePaste(editor.state, offer.before, offer.release.body));
    callbacks.current.onPastedDetails?.(offer.release.details);
    editor.commands.focus();
  };

  const linkFormId = `${id}-link`;
  const imageFormId = `${id}-image`;
  return (
    <div>
      <div className={frame}>
        {editable && (
          <BodyToolbar
            editor={editor}
            linkOpen={linkOpen}
            linkFormId={linkFormId}
            onLink={() => setLinkOpen(true)}
            onImage={() => fileInput.current?.click()}
          />
        )}
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="sr-only"
          tabIndex={-1}
          aria-label="Image file"
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
        {editable && offer && (
          <Suspense fallback={null}>
            <PasteOffer
              release={offer.release}
              onAccept={acceptOffer}
              onDecline={() => {
                showOffer(null);
                editor.commands.focus();
              }}
            />
          </Suspense>
        )}
        {editable && linkOpen && (
          <Suspense fallback={null}>
            <LinkForm editor={editor} id={linkFormId} onClose={() => setLinkOpen(false)} />
          </Suspense>
        )}
        {editable && upload?.state === "describe" && (
          <Suspense fallback={null}>
            <ImageForm editor={editor} id={imageFormId} media={upload.media} onClose={() => setUpload(null)} />
          </Suspense>
        )}
        {upload?.state === "uploading" && (
          <p aria-live="polite" className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
            Uploading the image…
          </p>
        )}
        {upload?.state === "error" && (
          <p aria-live="polite" data-testid="image-upload-error" className="flex items-center gap-3 border-b border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            {upload.error}
            <button type="button" className="underline" onClick={() => setUpload(null)}>
              Close
            </button>
          </p>
        )}
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
      {readingLine(words)}
    </p>
  );
}

/** "412 words · about 2 min read" (no reading time for an empty text). */
export function readingLine(words: number): string {
  const count = `${words.toLocaleString("en")} ${words === 1 ? "word" : "words"}`;
  if (words === 0) return count;
  return `${count} · about ${Math.max(1, Math.round(words / WORDS_PER_MINUTE)).toLocaleString("en")} min read`;
}

/** Words as a reader counts them: runs of letters or digits, with apostrophes and hyphens inside. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
