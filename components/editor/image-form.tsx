"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ALT_REQUIRED_MESSAGE, isMediaSrc, MAX_ALT_LENGTH, MAX_CAPTION_LENGTH } from "@/lib/content/extensions";

/** What POST /api/media answers with 201. */
export type UploadedMedia = {
  key: string;
  url: string;
  kind: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  bytes: number;
  originalName: string;
};

/** Sends one file to /api/media (multipart field `file`); resolves with the stored media or an error sentence. */
export async function uploadImage(file: File): Promise<{ ok: true; media: UploadedMedia } | { ok: false; error: string }> {
  if (!file.type.startsWith("image/")) return { ok: false, error: "Choose an image file (JPEG, PNG, WebP or GIF)." };
  const form = new FormData();
  form.append("file", file);
  let response: Response;
  try {
    response = await fetch("/api/media", { method: "POST", body: form });
  } catch {
    return { ok: false, error: "The image could not be uploaded: the server did not answer. Try again." };
  }
  const json = (await response.json().catch(() => null)) as (Partial<UploadedMedia> & { error?: string }) | null;
  if (response.status !== 201 || !json) return { ok: false, error: json?.error ?? `The image could not be uploaded (error ${response.status}).` };
  if (!isMediaSrc(json.url) || json.kind === "document") return { ok: false, error: "The server did not store this file as an image." };
  return { ok: true, media: json as UploadedMedia };
}

/**
 * After an upload: asks for the image's description (alt text, required) and an optional caption,
 * then inserts the figure. A group, not a <form> (the editor may sit inside one). Enter in a field
 * inserts, Escape cancels.
 */
export function ImageForm({ editor, id, media, onClose }: { editor: Editor; id: string; media: UploadedMedia; onClose: () => void }) {
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [error, setError] = useState<string | null>(null);
  const altInput = useRef<HTMLInputElement>(null);
  const errorId = `${id}-error`;

  useEffect(() => {
    altInput.current?.focus();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const insert = () => {
    const description = alt.trim();
    if (!description) {
      setError(ALT_REQUIRED_MESSAGE);
      altInput.current?.focus();
      return;
    }
    editor
      .chain()
      .focus()
      .insertContent({
        type: "figure",
        attrs: {
          src: media.url,
          alt: description,
          caption: caption.trim() || null,
          width: typeof media.width === "number" && media.width > 0 ? media.width : null,
          height: typeof media.height === "number" && media.height > 0 ? media.height : null,
        },
      })
      .run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      insert();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  return (
    <div id={id} role="group" aria-label="Describe the image" className="flex flex-wrap items-start gap-3 border-b border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
      {/* eslint-disable-next-line @next/next/no-img-element -- a preview of our own upload. */}
      <img src={media.url} alt="" className="h-16 w-auto rounded border border-slate-200" />
      <div className="min-w-56 flex-1 space-y-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-alt`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            Description (alt text, required)
          </label>
          <input
            ref={altInput}
            id={`${id}-alt`}
            type="text"
            required
            maxLength={MAX_ALT_LENGTH}
            value={alt}
            onChange={(event) => {
              setAlt(event.target.value);
              if (error) setError(null);
            }}
            onKeyDown={onKeyDown}
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
            placeholder="What the image shows, for readers who cannot see it"
            className={inputClass}
          />
          <p id={errorId} aria-live="polite" data-testid="image-error" className="min-h-4 text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-caption`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            Caption (optional)
          </label>
          <input id={`${id}-caption`} type="text" maxLength={MAX_CAPTION_LENGTH} value={caption} onChange={(event) => setCaption(event.target.value)} onKeyDown={onKeyDown} className={inputClass} />
        </div>
      </div>
      <div className="flex gap-2 pt-5">
        <button type="button" onClick={insert} className={buttonClass("primary", "py-1.5")}>
          Insert this image
        </button>
        <button type="button" onClick={close} className={buttonClass("ghost", "py-1.5")}>
          Cancel
        </button>
      </div>
    </div>
  );
}
