"use client";

import { unstable_rethrow } from "next/navigation";
import { useState, useTransition } from "react";
import { importDocumentAction, type ImportPreview } from "@/app/desk/releases/import/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { IMPORT_ACCEPT, MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/content/import/limits";

/** Step one: a document to upload, or text to paste. The server reads it; nothing is stored yet. */
export function ImportUpload({ onImported }: { onImported: (preview: ImportPreview) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<{ source: "file" | "text"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"file" | "text" | null>(null);

  function submit(source: "file" | "text") {
    setError(null);
    const form = new FormData();
    form.set("source", source);
    if (source === "file") {
      if (!file) return setError({ source, message: "Choose a document to import." });
      if (file.size > MAX_IMPORT_BYTES) {
        return setError({ source, message: `The file is too large (${(file.size / 1024 / 1024).toFixed(1)} MB). Files up to ${MAX_IMPORT_LABEL} can be imported.` });
      }
      form.set("file", file);
    } else {
      if (text.trim() === "") return setError({ source, message: "Paste the text of the release first." });
      form.set("text", text);
    }
    setRunning(source);
    startTransition(async () => {
      try {
        const result = await importDocumentAction(form);
        if (result.ok) onImported(result.value);
        else setError({ source, message: result.message });
      } catch (caught) {
        unstable_rethrow(caught);
        setError({ source, message: "The document could not be sent. Check your connection and try again." });
      } finally {
        setRunning(null);
      }
    });
  }

  const fileError = error?.source === "file" ? error.message : undefined;
  const textError = error?.source === "text" ? error.message : undefined;

  return (
    <div className="space-y-10">
      <form
        aria-labelledby="import-file-heading"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit("file");
        }}
      >
        <h2 id="import-file-heading" className="text-lg font-semibold">
          Upload a document
        </h2>
        <Field id="import-file" label="Document" hint={`A Word document (.docx), a web page (.html) or a text file (.txt), up to ${MAX_IMPORT_LABEL}.`}>
          <input
            id="import-file"
            name="file"
            type="file"
            accept={IMPORT_ACCEPT}
            aria-describedby={describedBy("import-file", { hint: true, error: Boolean(fileError) })}
            aria-invalid={fileError ? true : undefined}
            className={inputClass}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Field>
        <ErrorNotice id="import-file-error" message={fileError} />
        <Button type="submit" disabled={pending}>
          {running === "file" ? "Reading the document…" : "Import document"}
        </Button>
      </form>

      <form
        aria-labelledby="import-text-heading"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit("text");
        }}
      >
        <h2 id="import-text-heading" className="text-lg font-semibold">
          Or paste the text
        </h2>
        <Field id="import-text" label="Text of the release" hint="Paste everything, letterhead included: the type, date, reference and headline are recognised.">
          <textarea
            id="import-text"
            name="text"
            rows={14}
            value={text}
            aria-describedby={describedBy("import-text", { hint: true, error: Boolean(textError) })}
            aria-invalid={textError ? true : undefined}
            className={`${inputClass} font-mono`}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <ErrorNotice id="import-text-error" message={textError} />
        <Button type="submit" disabled={pending}>
          {running === "text" ? "Reading the text…" : "Import text"}
        </Button>
      </form>
    </div>
  );
}

/** The error for one form, announced (aria-live) and referenced by its control's aria-describedby. */
function ErrorNotice({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={id}>
      <Notice tone="error" testId={id}>
        {message}
      </Notice>
    </div>
  );
}
