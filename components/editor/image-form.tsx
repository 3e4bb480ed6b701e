"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { ALT_REQUIRED_MESSAGE, MAX_ALT_LENGTH, MAX_CAPTION_LENGTH } from "@/lib/content/extensions";
import { InlineActions, InlineError, useInlineForm } from "./inline-form";
import type { UploadedMedia } from "./upload-image";

/**
 * After an upload: asks for the image's description (alt text, required) and an optional caption,
 * then inserts the figure (see useInlineForm for its keys and focus).
 */
export function ImageForm({ editor, id, media, onClose }: { editor: Editor; id: string; media: UploadedMedia; onClose: () => void }) {
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const form = useInlineForm(editor, id, onClose);
  const { field } = form;

  useEffect(() => {
    field.current?.focus();
  }, [field]);

  const insert = () => {
    const description = alt.trim();
    if (!description) {
      form.refuse(ALT_REQUIRED_MESSAGE);
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
  const onKeyDown = form.keysFor(insert);

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
            ref={field}
            id={`${id}-alt`}
            type="text"
            required
            maxLength={MAX_ALT_LENGTH}
            value={alt}
            onChange={(event) => {
              setAlt(event.target.value);
              form.clearError();
            }}
            onKeyDown={onKeyDown}
            {...form.invalidProps}
            placeholder="What the image shows, for readers who cannot see it"
            className={inputClass}
          />
          <InlineError id={form.errorId} testId="image-error" error={form.error} />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-caption`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            Caption (optional)
          </label>
          <input id={`${id}-caption`} type="text" maxLength={MAX_CAPTION_LENGTH} value={caption} onChange={(event) => setCaption(event.target.value)} onKeyDown={onKeyDown} className={inputClass} />
        </div>
      </div>
      <InlineActions submitLabel="Insert this image" onSubmit={insert} onCancel={form.close} />
    </div>
  );
}
