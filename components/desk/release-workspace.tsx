"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveReleaseAction } from "@/app/desk/releases/actions";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import { MetadataPanel, type ReleaseDraft } from "./metadata-panel";
import { WorkflowActions } from "./workflow-actions";

type SaveStatus = { kind: "idle" } | { kind: "saved"; at: string } | { kind: "error"; message: string; conflict: boolean };

/** One release: the writing column, the metadata panel, Save, and the workflow buttons the server allows. */
export function ReleaseWorkspace(props: {
  releaseId: string;
  version: number;
  content: ReleaseDraft;
  canEdit: boolean;
  actions: ReleaseAction[];
  types: { slug: string; name: string }[];
  topics: { slug: string; name: string }[];
  defaultBoilerplate: string;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<ReleaseDraft>(props.content);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [saving, startSaving] = useTransition();
  const update = (change: Partial<ReleaseDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
  };

  function save() {
    startSaving(async () => {
      const result = await saveReleaseAction({ releaseId: props.releaseId, expectedVersion: props.version, contentJson: JSON.stringify(draft) });
      if (result.ok) {
        setDirty(false);
        setStatus({ kind: "saved", at: result.value.savedAt });
        router.refresh();
      } else {
        setStatus({ kind: "error", message: result.message, conflict: result.code === "conflict" });
      }
    });
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        <div className="space-y-1.5">
          <label htmlFor="headline" className="block text-sm font-medium">
            Headline
          </label>
          <input id="headline" value={draft.headline} readOnly={!props.canEdit} onChange={(event) => update({ headline: event.target.value })} className={`${inputClass} font-serif text-xl`} />
        </div>
        <div className="space-y-1.5">
          <span className="block text-sm font-medium">Text</span>
          {props.canEdit ? (
            <BodyEditor id="release-body" label="Release text" initialContent={props.content.body} onChange={(body) => update({ body })} />
          ) : (
            <p className="text-sm text-slate-600">This release cannot be edited in its current state.</p>
          )}
        </div>
        {props.canEdit && (
          <div className="flex items-center gap-3">
            <Button onClick={save} disabled={saving || !dirty}>
              {saving ? "Saving…" : "Save"}
            </Button>
            <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="save-status" aria-live="polite">
              {dirty ? "Unsaved changes" : status.kind === "saved" ? `Saved ${new Date(status.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : ""}
            </span>
          </div>
        )}
        {status.kind === "error" && (
          <Notice tone={status.conflict ? "warning" : "error"} testId="save-error">
            {status.message}
          </Notice>
        )}
        <section aria-labelledby="workflow-heading" className="border-t border-slate-200 pt-5 dark:border-slate-800">
          <h2 id="workflow-heading" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            Workflow
          </h2>
          <WorkflowActions
            releaseId={props.releaseId}
            version={props.version}
            actions={props.actions}
            disabledReason={dirty ? "Save your changes before moving the release on." : null}
          />
          {props.actions.length === 0 && <p className="text-sm text-slate-600">Nothing for you to do on this release now.</p>}
        </section>
      </div>
      <aside aria-labelledby="metadata-heading" className="lg:border-l lg:border-slate-200 lg:pl-6 dark:lg:border-slate-800">
        <details open className="group">
          <summary id="metadata-heading" className="mb-4 cursor-pointer text-sm font-semibold uppercase tracking-wide text-slate-500">
            Release details
          </summary>
          <MetadataPanel
            draft={draft}
            update={update}
            readOnly={!props.canEdit}
            types={props.types}
            topics={props.topics}
            defaultBoilerplate={props.defaultBoilerplate}
          />
        </details>
      </aside>
    </div>
  );
}
