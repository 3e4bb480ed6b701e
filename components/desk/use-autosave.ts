"use client";

import { useEffect, useRef, useState } from "react";
import { saveReleaseAction } from "@/app/desk/releases/actions";
import { initialAutosave, stepAutosave, type AutosaveCommand, type AutosaveEvent, type AutosaveState, type SaveAnswer } from "./autosave";

/** Autosave waits this long after the last change. */
export const AUTOSAVE_DELAY_MS = 3000;

/**
 * The autosave of the release being edited: runs the state machine of autosave.ts and carries out
 * its commands (the save action, the debounce and retry timers). `currentJson` reads the draft as it
 * is at the moment a save starts; `canSave` says whether saving is possible at all (editable, editor
 * ready); `onAcknowledged` runs after each successful save.
 */
export function useAutosave(options: {
  releaseId: string;
  version: number;
  initialJson: string;
  currentJson: () => string;
  canSave: () => boolean;
  onAcknowledged: (json: string) => void;
}) {
  const [state, setState] = useState<AutosaveState>(() => initialAutosave(options.version, options.initialJson));
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
        optionsRef.current.onAcknowledged(command.json);
        return;
      case "save-current":
        requestSave(command.autosave);
        return;
    }
  }

  async function send(command: Extract<AutosaveCommand, { type: "send" }>) {
    let answer: SaveAnswer;
    try {
      answer = await saveReleaseAction({
        releaseId: optionsRef.current.releaseId,
        expectedVersion: command.version,
        contentJson: command.json,
        autosave: command.autosave,
      });
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
    serverContent: (version: number, json: string) => dispatch({ type: "server-content", version, json }),
    rebase: (version: number) => dispatch({ type: "rebase", version }),
    overwrite: (version: number) => {
      dispatch({ type: "overwrite", version });
      requestSave(false, true);
    },
  };
}
