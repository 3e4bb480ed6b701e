"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { draftChange } from "@/lib/content/paste-details";
import { bodyToPlainText } from "@/lib/content/plain-text";
import { validateBody } from "@/lib/content/validate";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import { MetadataPanel, type ReleaseDraft } from "./metadata-panel";
import { publishVersion } from "./live-version";
import { Presence } from "./presence";
import { SaveStatus, type SaveState } from "./save-status";
import { readStoredCopy, removeStoredCopy, storageKeyFor, writeStoredCopy, type StoredCopy } from "./unsaved-copy";
import { useAutosave } from "./use-autosave";
import { WorkflowActions } from "./workflow-actions";

// Loaded only when a save conflicts (it brings the diff and the renderer): most sessions never need it.
const ConflictPanel = lazy(() => import("./conflict-panel").then((module) => ({ default: module.ConflictPanel })));

/** An instant in the organisation's zone, the zone named (the desk's other times are in it too). */
function inZone(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return "at an unknown time";
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(at)} ${timeZone}`;
}

/** A draft in the form the server stores it, so an editor's extra link attributes do not count as a change. */
function comparable(draft: ReleaseDraft): string {
  const normal = (doc: ReleaseDraft["body"] | null) => {
    if (!doc) return doc;
    const result = validateBody(doc);
    return result.ok ? result.doc : doc;
  };
  return JSON.stringify({ ...draft, body: normal(draft.body), notesToEditors: normal(draft.notesToEditors) });
}

/** The text of a stored body that failed validation, as far as it can be read. */
function storedPlainText(body: unknown): string {
  try {
    return bodyToPlainText(body as ReleaseDraft["body"]);
  } catch {
    return "";
  }
}

/**
 * One release: the writing column, the metadata panel, autosave, and the workflow buttons the server
 * allows. Text is never lost: changes are saved 3 s after typing stops (one save at a time, later
 * changes queued), kept in localStorage until the server acknowledges them, and offered back after a
 * reload; a conflict stops autosave and leaves the writer's text in the editor.
 */
export function ReleaseWorkspace(props: {
  releaseId: string;
  version: number;
  content: ReleaseDraft;
  /** The content hash of the revision `content` comes from. */
  contentHash: string;
  canEdit: boolean;
  actions: ReleaseAction[];
  types: { slug: string; name: string }[];
  topics: { slug: string; name: string }[];
  defaultBoilerplate: string;
  /** The organisation's time zone: schedules are entered in it. */
  timeZone: string;
}) {
  const router = useRouter();
  const storageKey = storageKeyFor(props.releaseId);

  const [draft, setDraft] = useState<ReleaseDraft>(props.content);
  const draftRef = useRef(draft);
  const [editorReady, setEditorReady] = useState(false);
  const readyRef = useRef(false);
  const [editorKey, setEditorKey] = useState(0);
  const [offer, setOffer] = useState<StoredCopy | null>(null);
  const [bodyProblem] = useState(() => {
    const result = validateBody(props.content.body);
    return result.ok ? null : result.error;
  });
  const editable = props.canEdit && bodyProblem === null;
  const editableRef = useRef(editable);
  useEffect(() => {
    editableRef.current = editable;
  }, [editable]);

  const autosave = useAutosave({
    releaseId: props.releaseId,
    version: props.version,
    initialJson: JSON.stringify(props.content),
    initialHash: props.contentHash,
    currentJson: () => JSON.stringify(draftRef.current),
    canSave: () => editableRef.current && readyRef.current,
    onAcknowledged: (json, refresh, savedVersion) => {
      if (JSON.stringify(draftRef.current) === json) removeStoredCopy(storageKey);
      publishVersion(props.releaseId, savedVersion); // For the web address form beside the editor.
      // The workflow buttons take the new version from the autosave state; the page is rendered again
      // only when it shows something the save changed (the status). The editor keeps its state.
      if (refresh) router.refresh();
    },
  });
  const saveState = autosave.state.status;
  const version = autosave.state.baseVersion;
  const inFlight = autosave.state.inFlight;
  const draftJson = JSON.stringify(draft);
  const dirty = draftJson !== autosave.state.savedJson;

  // After router.refresh(): a workflow step moves the version on; someone else's save does not.
  const { serverContent } = autosave;
  useEffect(() => {
    serverContent(props.version, props.contentHash);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's copy changes
  }, [props.version, props.contentHash]);

  // On load: a copy the server never acknowledged is offered back.
  useEffect(() => {
    if (!editable) return;
    const stored = readStoredCopy(storageKey);
    if (!stored) return;
    let same = false;
    try {
      same = comparable(JSON.parse(stored.json) as ReleaseDraft) === comparable(props.content);
    } catch {
      same = false;
    }
    if (same) removeStoredCopy(storageKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration.
    else setOffer(stored);
    // Only on the first render: later server content comes from our own saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Every unacknowledged change is kept in the browser (not while a stored copy waits for a decision).
  useEffect(() => {
    if (!editable || offer || !dirty) return;
    writeStoredCopy(storageKey, { json: draftJson, baseVersion: version, at: new Date().toISOString() });
  }, [draftJson, dirty, editable, offer, storageKey, version]);

  // Leaving with anything unsaved asks first.
  useEffect(() => {
    if (!dirty && !inFlight) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, inFlight]);

  const update = (change: Partial<ReleaseDraft>) => {
    const next = { ...draftRef.current, ...change };
    draftRef.current = next;
    setDraft(next);
    autosave.edited();
  };

  const onEditorReady = () => {
    readyRef.current = true;
    setEditorReady(true);
    // A change made before the editor existed (a metadata field) is saved like any other.
    if (JSON.stringify(draftRef.current) !== autosave.state.savedJson) autosave.edited();
  };

  function restore() {
    if (!offer) return;
    const restored = JSON.parse(offer.json) as ReleaseDraft;
    draftRef.current = restored;
    setDraft(restored);
    setOffer(null);
    setEditorKey((key) => key + 1); // The editors read their content once: start them again on the restored text.
    // Based on an older version: save against that one, so a change made meanwhile shows as a conflict.
    autosave.rebase(offer.baseVersion);
  }

  function discard() {
    removeStoredCopy(storageKey);
    setOffer(null);
  }

  async function overwrite(currentVersion: number) {
    autosave.overwrite(currentVersion);
  }

  async function copyMyText() {
    const text = [draftRef.current.headline, bodyToPlainText(draftRef.current.body)].filter(Boolean).join("\n\n");
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  const conflict = saveState.kind === "conflict" ? saveState : null;
  const shownState: SaveState = dirty && (saveState.kind === "saved" || saveState.kind === "idle") ? { kind: "saving" } : saveState;
  const editorEditable = editable && offer === null;
  const workflowBlocked =
    conflict ? "Resolve the conflict before moving the release on."
    : dirty || inFlight ? "Save your changes before moving the release on."
    : null;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        {props.canEdit && <Presence releaseId={props.releaseId} />}
        {offer && (
          <div data-testid="restore-offer" role="region" aria-label="Unsaved text found" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <p>
              This browser kept text you wrote here that was never saved
              {offer.at ? ` (last changed ${inZone(offer.at, props.timeZone)})` : ""}. The editor is read-only until you choose.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={restore}>Restore my unsaved text</Button>
              <Button variant="secondary" onClick={discard}>
                Discard
              </Button>
            </div>
          </div>
        )}
        {bodyProblem && props.canEdit && (
          <Notice tone="error" testId="body-invalid">
            <p>
              The stored text of this release does not pass the checks ({bodyProblem.replace(/\.$/, "")}). It is shown read-only and nothing
              is saved automatically; ask an administrator to repair it before editing.
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer">Show the stored text as plain text</summary>
              <pre className="mt-2 whitespace-pre-wrap font-sans">{storedPlainText(props.content.body)}</pre>
            </details>
          </Notice>
        )}
        <div className="space-y-1.5">
          <label htmlFor="headline" className="block text-sm font-medium">
            Headline
          </label>
          <input
            id="headline"
            value={draft.headline}
            readOnly={!editorEditable}
            onChange={(event) => update({ headline: event.target.value })}
            className={`${inputClass} font-serif text-xl`}
          />
        </div>
        <div className="space-y-1.5">
          <span className="block text-sm font-medium">Text</span>
          {props.canEdit ? (
            <BodyEditor
              key={editorKey}
              id="release-body"
              label="Release text"
              initialContent={draft.body}
              editable={editorEditable}
              onReady={onEditorReady}
              onChange={(body) => update({ body })}
              onPastedDetails={(details) => update(draftChange(details, props.types.map((type) => type.slug)))}
            />
          ) : (
            <p className="text-sm text-slate-600">This release cannot be edited in its current state.</p>
          )}
        </div>
        {props.canEdit && (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={autosave.saveNow} disabled={!editable || !editorReady || !dirty || inFlight || conflict !== null}>
              Save
            </Button>
            <SaveStatus state={shownState} />
          </div>
        )}
        {(saveState.kind === "refused" || saveState.kind === "retrying") && (
          <Notice tone={saveState.kind === "refused" ? "error" : "warning"} testId="save-error">
            {saveState.message}
            {saveState.kind === "retrying" && " Your text is kept in this browser; saving is retried automatically."}
          </Notice>
        )}
        {conflict && (
          <Suspense fallback={<p role="status">{conflict.message}</p>}>
            <ConflictPanel
              releaseId={props.releaseId}
              message={conflict.message}
              currentVersion={conflict.currentVersion}
              mine={draft}
              onOverwrite={overwrite}
              onCopy={copyMyText}
            />
          </Suspense>
        )}
        <section aria-labelledby="workflow-heading" className="border-t border-slate-200 pt-5 dark:border-slate-800">
          <h2 id="workflow-heading" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            Workflow
          </h2>
          <WorkflowActions releaseId={props.releaseId} version={version} actions={props.actions} disabledReason={workflowBlocked} timeZone={props.timeZone} />
          {props.actions.length === 0 && <p className="text-sm text-slate-600">Nothing for you to do on this release now.</p>}
        </section>
      </div>
      <aside aria-labelledby="metadata-heading" className="lg:border-l lg:border-slate-200 lg:pl-6 dark:lg:border-slate-800">
        <details open className="group">
          <summary id="metadata-heading" className="mb-4 cursor-pointer text-sm font-semibold uppercase tracking-wide text-slate-500">
            Release details
          </summary>
          <MetadataPanel
            key={editorKey}
            draft={draft}
            update={update}
            readOnly={!editorEditable}
            types={props.types}
            topics={props.topics}
            defaultBoilerplate={props.defaultBoilerplate}
          />
        </details>
      </aside>
    </div>
  );
}
