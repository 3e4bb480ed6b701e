"use client";

import type { JSONContent } from "@tiptap/react";
import { useState, useTransition } from "react";
import { createReleaseAction } from "@/app/desk/releases/actions";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { draftChange, type PastedDetails } from "@/lib/content/paste-details";
import { type PastedDetailsDraft, PastedDetailsFields } from "./pasted-details-fields";

export function NewReleaseForm({ types }: { types: { slug: string; name: string }[] }) {
  const [headline, setHeadline] = useState("");
  const [body, setBody] = useState<JSONContent | null>(null);
  const [details, setDetails] = useState<PastedDetailsDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function create(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      // An emptied type or language is left to the defaults rather than sent as null.
      const { type, language, ...rest } = details ?? {};
      const result = await createReleaseAction({
        contentJson: JSON.stringify({
          headline,
          body: body ?? { type: "doc", content: [{ type: "paragraph" }] },
          ...rest,
          ...(type ? { type } : {}),
          ...(language ? { language } : {}),
        }),
      });
      if (result && !result.ok) setError(result.message);
    });
  }

  function fill(pasted: PastedDetails) {
    const { headline: pastedHeadline, ...change } = draftChange(
      pasted,
      types.map((type) => type.slug),
    );
    if (pastedHeadline !== undefined) setHeadline(pastedHeadline);
    setDetails(change);
  }

  return (
    <form onSubmit={create} className="space-y-6">
      <div className="space-y-1.5">
        <label htmlFor="headline" className="block text-sm font-medium">
          Headline
        </label>
        <input id="headline" value={headline} onChange={(event) => setHeadline(event.target.value)} required className={`${inputClass} font-serif text-xl`} />
      </div>
      <div className="space-y-1.5">
        <span className="block text-sm font-medium">Text</span>
        <BodyEditor id="release-body" label="Release text" onChange={setBody} onPastedDetails={fill} />
      </div>
      {details && Object.keys(details).length > 0 && (
        <PastedDetailsFields details={details} types={types} onChange={(change) => setDetails((current) => ({ ...current, ...change }))} />
      )}
      {error && (
        <Notice tone="error" testId="create-error">
          {error}
        </Notice>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create draft"}
      </Button>
    </form>
  );
}
