"use client";

import type { JSONContent } from "@tiptap/react";
import { useState, useTransition } from "react";
import { createReleaseAction } from "@/app/desk/releases/actions";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function NewReleaseForm() {
  const [headline, setHeadline] = useState("");
  const [body, setBody] = useState<JSONContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function create(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createReleaseAction({
        contentJson: JSON.stringify({ headline, body: body ?? { type: "doc", content: [{ type: "paragraph" }] } }),
      });
      if (result && !result.ok) setError(result.message);
    });
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
        <BodyEditor id="release-body" label="Release text" onChange={setBody} />
      </div>
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
