import type { ErrorCode } from "@/lib/errors";
import type { SaveState } from "./save-status";

/** Retries after a network or server failure: 2 s, 4 s, 8 s… up to a minute. */
export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 60_000;
/** Failures worth retrying as they are; anything else waits for the writer's next change. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(["unavailable", "rate_limited"]);

/**
 * The autosave of one release as a pure state machine: what the status line says, which version the
 * next save is based on, what the server last acknowledged, and whether a save is on its way or
 * waiting behind one. The hook (use-autosave.ts) feeds it events and carries out its commands.
 */
export type AutosaveState = {
  status: SaveState;
  /** The version the next save is based on; the workflow buttons use it too. */
  baseVersion: number;
  /** The JSON of the last content the server acknowledged (or loaded). */
  savedJson: string;
  /**
   * The hash of the server's content at baseVersion (from the page, then from each save's answer): a
   * newer version with this hash is a workflow step, one with another hash is someone's save.
   */
  serverHash: string;
  inFlight: boolean;
  /** A save asked for while one was on its way; "explicit" when the Save button asked. */
  queued: "none" | "autosave" | "explicit";
  /** Failed attempts in a row, for the retry back-off. */
  attempt: number;
};

/** What the server answered a save, or null when it could not be reached. */
export type SaveAnswer =
  | { ok: true; value: { version: number; savedAt: string; contentHash: string; statusChanged?: boolean; newRevision?: boolean } }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> }
  | null;

export type AutosaveEvent =
  /** Save this content now (a timer's autosave, the Save button, or `force` after "Overwrite"). */
  | { type: "save"; json: string; autosave: boolean; force?: boolean }
  | { type: "answered"; json: string; autosave: boolean; answer: SaveAnswer }
  /** The writer changed something. */
  | { type: "edited" }
  /** The page was rendered again by the server (router.refresh()), with its version and content hash. */
  | { type: "server-content"; version: number; hash: string }
  /** Save against this older version from now on (restoring a copy made before someone else's save). */
  | { type: "rebase"; version: number }
  /** The writer chose to overwrite the version that won a conflict. */
  | { type: "overwrite"; version: number };

export type AutosaveCommand =
  | { type: "send"; json: string; version: number; autosave: boolean }
  | { type: "cancel-timers" }
  | { type: "schedule-autosave" }
  | { type: "retry-later"; delayMs: number; autosave: boolean }
  /**
   * The server has `json`: forget the browser's copy if the draft still equals it; `refresh` when the
   * page must be rendered again (a Save press, or a save that moved the status: badge, workflow buttons;
   * or one that added a revision: the header's number).
   */
  | { type: "acknowledged"; json: string; refresh: boolean }
  /** Save whatever the draft is now (a save that waited behind the one just answered). */
  | { type: "save-current"; autosave: boolean };

export function initialAutosave(version: number, json: string, hash: string): AutosaveState {
  return { status: { kind: "idle" }, baseVersion: version, savedJson: json, serverHash: hash, inFlight: false, queued: "none", attempt: 0 };
}

type Step = { state: AutosaveState; commands: AutosaveCommand[] };
const nothing = (state: AutosaveState): Step => ({ state, commands: [] });

export function inConflict(state: AutosaveState): boolean {
  return state.status.kind === "conflict";
}

function save(state: AutosaveState, event: Extract<AutosaveEvent, { type: "save" }>): Step {
  if (inConflict(state) && !event.force) return nothing(state);
  if (state.inFlight) {
    const queued = !event.autosave || state.queued === "explicit" ? "explicit" : "autosave";
    return nothing({ ...state, queued });
  }
  if (event.json === state.savedJson) {
    const status = state.status.kind === "saving" ? ({ kind: "idle" } as const) : state.status;
    return { state: { ...state, status }, commands: [{ type: "cancel-timers" }] };
  }
  return {
    state: { ...state, inFlight: true, status: { kind: "saving" } },
    commands: [{ type: "cancel-timers" }, { type: "send", json: event.json, version: state.baseVersion, autosave: event.autosave }],
  };
}

function answered(previous: AutosaveState, event: Extract<AutosaveEvent, { type: "answered" }>): Step {
  const state = { ...previous, inFlight: false };
  const { answer } = event;
  if (answer === null || (!answer.ok && RETRYABLE.has(answer.code))) {
    const delayMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** state.attempt);
    const autosave = event.autosave && state.queued !== "explicit";
    return {
      state: { ...state, attempt: state.attempt + 1, queued: "none", status: { kind: "retrying", message: answer?.message ?? "The server could not be reached." } },
      commands: [{ type: "retry-later", delayMs, autosave }],
    };
  }
  if (answer.ok) {
    const refresh = !event.autosave || answer.value.statusChanged === true || answer.value.newRevision === true;
    const commands: AutosaveCommand[] = [{ type: "acknowledged", json: event.json, refresh }];
    if (state.queued !== "none") commands.push({ type: "save-current", autosave: state.queued === "autosave" });
    const { version, contentHash, savedAt } = answer.value;
    return {
      state: { ...state, attempt: 0, queued: "none", baseVersion: version, savedJson: event.json, serverHash: contentHash, status: { kind: "saved", at: savedAt } },
      commands,
    };
  }
  if (answer.code === "conflict") {
    // Someone saved first (or moved the release on): stop, keep the text, let the writer decide.
    const currentVersion = answer.details?.currentVersion;
    return {
      state: {
        ...state,
        attempt: 0,
        queued: "none",
        status: { kind: "conflict", message: answer.message, currentVersion: typeof currentVersion === "number" ? currentVersion : null },
      },
      commands: [{ type: "cancel-timers" }],
    };
  }
  // Refused content (a missing headline…), a state that no longer allows editing, an ended session:
  // the message says what to do; the next change tries again.
  return nothing({ ...state, attempt: 0, queued: "none", status: { kind: "refused", message: answer.message } });
}

/** The next state of the autosave, and what must happen outside it. */
export function stepAutosave(state: AutosaveState, event: AutosaveEvent): Step {
  switch (event.type) {
    case "save":
      return save(state, event);
    case "answered":
      return answered(state, event);
    case "edited": {
      const next = state.status.kind === "refused" ? { ...state, status: { kind: "idle" } as const } : state;
      return { state: next, commands: inConflict(next) ? [] : [{ type: "schedule-autosave" }] };
    }
    case "server-content":
      // A newer version with the content we know is a workflow step: adopt it. Someone else's save keeps
      // our base version, so our next save is reported as a conflict instead of overwriting theirs.
      if (event.version === state.baseVersion) return nothing({ ...state, serverHash: event.hash });
      if (event.version > state.baseVersion && event.hash === state.serverHash && !state.inFlight && !inConflict(state)) {
        return nothing({ ...state, baseVersion: event.version });
      }
      return nothing(state);
    case "rebase":
      return { state: { ...state, baseVersion: Math.min(state.baseVersion, event.version) }, commands: [{ type: "schedule-autosave" }] };
    case "overwrite":
      return nothing({ ...state, baseVersion: event.version, status: { kind: "saving" } });
  }
}
