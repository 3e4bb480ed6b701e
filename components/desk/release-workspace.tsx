"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { saveReleaseAction } from "@/app/desk/releases/actions";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { bodyToPlainText } from "@/lib/content/render";
import { validateBody } from "@/lib/content/validate";
import type { ErrorCode } from "@/lib/errors";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import { ConflictPanel } from "./conflict-panel";
import { MetadataPanel, type ReleaseDraft } from "./metadata-panel";
import { Presence } from "./presence";
import { SaveStatus, type SaveState } from "./save-status";
import { WorkflowActions } from "./workflow-actions";

/** Autosave waits this long after the last change. */
const AUTOSAVE_DELAY_MS = 3000;
/** Retries after a network or server failure: 2 s, 4 s, 8 s… up to a minute. */
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 60_000;
/** Failures worth retrying as they are; anything else waits for the writer's next change. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(["unavailable", "rate_limited"]);

/** The browser's copy of a draft the server has not acknowledged yet (one per release). */
type StoredCopy = { json: string; baseVersion: number; at: string };

export function storageKeyFor(releaseId: string) {
  return `pressroom:unsaved:${releaseId}`;
}

function readStoredCopy(key: string): StoredCopy | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredCopy>;
    if (typeof parsed.json !== "string" || typeof parsed.baseVersion !== "number") return null;
    JSON.parse(parsed.json); // Must be readable.
    return { json: parsed.json, baseVersion: parsed.baseVersion, at: typeof parsed.at === "string" ? parsed.at : "" };
  } catch {
    return null;
  }
}

function writeStoredCopy(key: string, copy: StoredCopy) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy and the open page are what is left.
  }
}

function removeStoredCopy(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
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
  // The JSON of the last content the server acknowledged (or loaded).
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(props.content));
  const savedJsonRef = useRef(savedJson);
  // The version our next save is based on; the workflow buttons use it too.
  const [version, setVersion] = useState(props.version);
  const versionRef = useRef(props.version);
  // The server's content as last rendered for our version: tells a transition (same content) from someone's save.
  const serverJsonRef = useRef(JSON.stringify(props.content));

  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [inFlight, setInFlight] = useState(false);
  const inFlightRef = useRef(false);
  const queuedRef = useRef(false);
  const queuedExplicitRef = useRef(false);
  const conflictRef = useRef(false);
  const debounceRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attemptRef = useRef(0);

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

  const draftJson = JSON.stringify(draft);
  const dirty = draftJson !== savedJson;

  useEffect(() => {
    editableRef.current = editable;
  }, [editable]);

  // Unmounting: no timers left behind.
  useEffect(
    () => () => {
      clearTimeout(debounceRef.current);
      clearTimeout(retryRef.current);
    },
    [],
  );

  // After router.refresh(): adopt a newer version only when the content is the one we know (a workflow
  // step); someone else's save keeps our base version, so our next save is reported as a conflict.
  useEffect(() => {
    const serverJson = JSON.stringify(props.content);
    if (props.version === versionRef.current) {
      serverJsonRef.current = serverJson;
    } else if (props.version > versionRef.current && serverJson === serverJsonRef.current && !inFlightRef.current && !conflictRef.current) {
      versionRef.current = props.version;
      setVersion(props.version);
    }
  }, [props.version, props.content]);

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
    writeStoredCopy(storageKey, { json: draftJson, baseVersion: versionRef.current, at: new Date().toISOString() });
  }, [draftJson, dirty, editable, offer, storageKey]);

  // Leaving with anything unsaved asks first.
  useEffect(() => {
    if (!dirty && !inFlight) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, inFlight]);

  /**
   * Saves the draft now if it differs from what the server has. `autosave`: a timer's save (the server
   * folds the author's autosaves of the last minutes into one revision); the Save button and
   * "Overwrite" write a revision of their own. `force`: save even though a conflict is open.
   */
  async function runSave(options: { force?: boolean; autosave?: boolean } = {}) {
    if (!editableRef.current || !readyRef.current) return;
    if (conflictRef.current && !options.force) return;
    if (inFlightRef.current) {
      queuedRef.current = true;
      if (!options.autosave) queuedExplicitRef.current = true;
      return;
    }
    clearTimeout(debounceRef.current);
    clearTimeout(retryRef.current);
    const json = JSON.stringify(draftRef.current);
    if (json === savedJsonRef.current) return;

    inFlightRef.current = true;
    setInFlight(true);
    setSaveState({ kind: "saving" });
    let result: Awaited<ReturnType<typeof saveReleaseAction>> | null;
    try {
      result = await saveReleaseAction({ releaseId: props.releaseId, expectedVersion: versionRef.current, contentJson: json, autosave: options.autosave === true });
    } catch {
      result = null; // The network, or a server that did not answer.
    }
    inFlightRef.current = false;
    setInFlight(false);

    if (result === null || (!result.ok && RETRYABLE.has(result.code))) {
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attemptRef.current);
      attemptRef.current += 1;
      setSaveState({ kind: "retrying", message: result?.message ?? "The server could not be reached." });
      const autosave = options.autosave === true && !queuedExplicitRef.current;
      queuedRef.current = false;
      queuedExplicitRef.current = false;
      retryRef.current = setTimeout(() => void saveRef.current({ autosave }), delay);
      return;
    }
    attemptRef.current = 0;

    if (result.ok) {
      versionRef.current = result.value.version;
      setVersion(result.value.version);
      savedJsonRef.current = json;
      setSavedJson(json);
      if (JSON.stringify(draftRef.current) === json) removeStoredCopy(storageKey);
      setSaveState({ kind: "saved", at: result.value.savedAt });
      router.refresh(); // New version for the workflow buttons; the editor keeps its state.
    } else if (result.code === "conflict") {
      // Someone saved first (or moved the release on): stop, keep the text, let the writer decide.
      conflictRef.current = true;
      queuedRef.current = false;
      queuedExplicitRef.current = false;
      clearTimeout(debounceRef.current);
      const currentVersion = result.details?.currentVersion;
      setSaveState({ kind: "conflict", message: result.message, currentVersion: typeof currentVersion === "number" ? currentVersion : null });
      return;
    } else {
      // Refused content (a missing headline…), a workflow state that no longer allows editing, an ended
      // session: the message says what to do; the next change tries again.
      queuedRef.current = false;
      queuedExplicitRef.current = false;
      setSaveState({ kind: "refused", message: result.message });
      return;
    }

    if (queuedRef.current) {
      const autosave = !queuedExplicitRef.current;
      queuedRef.current = false;
      queuedExplicitRef.current = false;
      void saveRef.current({ autosave });
    }
  }
  const saveRef = useRef(runSave);
  useEffect(() => {
    saveRef.current = runSave;
  });

  const update = (change: Partial<ReleaseDraft>) => {
    const next = { ...draftRef.current, ...change };
    draftRef.current = next;
    setDraft(next);
    if (saveState.kind === "refused") setSaveState({ kind: "idle" });
    if (!readyRef.current || conflictRef.current) return;
    clearTimeout(debounceRef.current);
    debounceRef.current = setTimeout(() => void saveRef.current({ autosave: true }), AUTOSAVE_DELAY_MS);
  };

  const onEditorReady = () => {
    readyRef.current = true;
    setEditorReady(true);
    // A change made before the editor existed (a metadata field) is saved like any other.
    if (JSON.stringify(draftRef.current) !== savedJsonRef.current && !conflictRef.current) {
      clearTimeout(debounceRef.current);
      debounceRef.current = setTimeout(() => void saveRef.current({ autosave: true }), AUTOSAVE_DELAY_MS);
    }
  };

  function restore() {
    if (!offer) return;
    const restored = JSON.parse(offer.json) as ReleaseDraft;
    draftRef.current = restored;
    setDraft(restored);
    // Based on an older version: save against that one, so a change made meanwhile shows as a conflict.
    if (offer.baseVersion < versionRef.current) versionRef.current = offer.baseVersion;
    setOffer(null);
    setEditorKey((key) => key + 1); // The editors read their content once: start them again on the restored text.
    clearTimeout(debounceRef.current);
    debounceRef.current = setTimeout(() => void saveRef.current({ autosave: true }), AUTOSAVE_DELAY_MS);
  }

  function discard() {
    removeStoredCopy(storageKey);
    setOffer(null);
  }

  async function overwrite(currentVersion: number) {
    versionRef.current = currentVersion;
    conflictRef.current = false;
    setSaveState({ kind: "saving" });
    await runSave({ force: true });
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
              {offer.at ? ` (last changed ${new Date(offer.at).toLocaleString()})` : ""}. The editor is read-only until you choose.
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
            />
          ) : (
            <p className="text-sm text-slate-600">This release cannot be edited in its current state.</p>
          )}
        </div>
        {props.canEdit && (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => void runSave()} disabled={!editable || !editorReady || !dirty || inFlight || conflict !== null}>
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
          <ConflictPanel
            releaseId={props.releaseId}
            message={conflict.message}
            currentVersion={conflict.currentVersion}
            mine={draft}
            onOverwrite={overwrite}
            onCopy={copyMyText}
          />
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
