"use client";

import { useEffect, useRef, useState } from "react";
import { saveReleaseAction } from "@/app/desk/releases/actions";
import type { ErrorCode } from "@/lib/errors";
import { initialAutosave, stepAutosave, type AutosaveCommand, type AutosaveEvent, type AutosaveState, type SaveAnswer } from "./autosave";

/** Autosave waits this long after the last change. */
export const AUTOSAVE_DELAY_MS = 3000;

/**
 * The autosave of the release being edited: runs the state machine of autosave.ts and carries out
 * its commands (the saves, the debounce and retry timers). Autosaves go to PUT /api/releases/[id]/draft
 * (a few hundred bytes back, nothing re-rendered); the Save button goes through the server action,
 * which renders the page again. `currentJson` reads the draft as it is at the moment a save starts;
 * `canSave` says whether saving is possible at all (editable, editor ready); `onAcknowledged` runs
 * after each successful save, with whether the page should be rendered again and the new version.
 */
export function useAutosave(options: {
  releaseId: string;
  version: number;
  initialJson: string;
  /** The content hash of the revision the page was rendered with. */
  initialHash: string;
  currentJson: () => string;
  canSave: () => boolean;
  onAcknowledged: (json: string, refresh: boolean, version: number) => void;
}) {
  const [state, setState] = useState<AutosaveState>(() => initialAutosave(options.version, options.initialJson, options.initialHash));
  const stateRef = useRef(state);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  function dispatch(event: AutosaveEvent) {
    const { state: next, commands } = stepAutosave(stateRef.current, event);
    stateRef.current = next;
    setState(next);
    for (const command of commands) run(command);
  }

  function requestSave(autosave: boolean, force = false) {
    if (!optionsRef.current.canSave()) return;
    dispatch({ type: "save", json: optionsRef.current.currentJson(), autosave, force });
  }

  function run(command: AutosaveCommand) {
    switch (command.type) {
      case "cancel-timers":
        clearTimeout(debounce.current);
        clearTimeout(retry.current);
        return;
      case "schedule-autosave":
        clearTimeout(debounce.current);
        debounce.current = setTimeout(() => requestSave(true), AUTOSAVE_DELAY_MS);
        return;
      case "retry-later":
        retry.current = setTimeout(() => requestSave(command.autosave), command.delayMs);
        return;
      case "send":
        void send(command);
        return;
      case "acknowledged":
        // The state is already the answered one: its base version is the version the server gave.
        optionsRef.current.onAcknowledged(command.json, command.refresh, stateRef.current.baseVersion);
        return;
      case "save-current":
        requestSave(command.autosave);
        return;
    }
  }

  async function send(command: Extract<AutosaveCommand, { type: "send" }>) {
    let answer: SaveAnswer;
    try {
      const { releaseId } = optionsRef.current;
      answer = command.autosave
        ? await putDraft(releaseId, command.version, command.json)
        : await saveReleaseAction({ releaseId, expectedVersion: command.version, contentJson: command.json });
    } catch {
      answer = null; // The network, or a server that did not answer.
    }
    dispatch({ type: "answered", json: command.json, autosave: command.autosave, answer });
  }

  // Unmounting: no timers left behind.
  useEffect(
    () => () => {
      clearTimeout(debounce.current);
      clearTimeout(retry.current);
    },
    [],
  );

  return {
    state,
    /** The Save button: a revision of its own. */
    saveNow: () => requestSave(false),
    /** After any change to the draft. */
    edited: () => dispatch({ type: "edited" }),
    /** The server rendered the page again (after router.refresh()). */
    serverContent: (version: number, hash: string) => dispatch({ type: "server-content", version, hash }),
    rebase: (version: number) => dispatch({ type: "rebase", version }),
    overwrite: (version: number) => {
      dispatch({ type: "overwrite", version });
      requestSave(false, true);
    },
  };
}

/** One autosave through the draft route, its answer in the shape the state machine reads. */
async function putDraft(releaseId: string, expectedVersion: number, json: string): Promise<SaveAnswer> {
  const response = await fetch(`/api/releases/${encodeURIComponent(releaseId)}/draft`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    // The draft is already JSON text: splice it in rather than parse and serialise it again.
    body: `{"expectedVersion":${expectedVersion},"content":${json}}`,
    credentials: "same-origin",
    cache: "no-store",
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body && typeof body.version === "number") {
    return {
      ok: true,
      value: {
        version: body.version,
        savedAt: String(body.savedAt),
        contentHash: String(body.contentHash),
        statusChanged: body.statusChanged === true,
        newRevision: body.newRevision === true,
      },
    };
  }
  // A server or proxy that failed, or answered something other than JSON, is tried again later.
  if (response.status >= 500 || !body) return null;
  const code: ErrorCode = typeof body.code === "string" ? (body.code as ErrorCode) : response.status === 409 ? "conflict" : "invalid";
  const message = typeof body.error === "string" ? body.error : "The release could not be saved.";
  const details = typeof body.currentVersion === "number" ? { currentVersion: body.currentVersion } : undefined;
  return { ok: false, code, message, ...(details ? { details } : {}) };
}
