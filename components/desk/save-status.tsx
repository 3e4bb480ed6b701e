"use client";

/**
 * What the autosave is doing, in the words of the brief:
 * - "Saving…": there are changes the server has not acknowledged yet (waiting for the pause in
 *   typing, or on their way);
 * - "Saved 14:02": everything on screen is stored (local time of the last acknowledgement);
 * - "Not saved — retrying": the network or the server failed; the next attempt is scheduled;
 * - "Not saved": the server refused the content (the reason is shown next to it); saving resumes
 *   with the next change;
 * - "Conflict": someone else saved first; autosave stops until the writer decides.
 */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "retrying"; message: string }
  | { kind: "refused"; message: string }
  | { kind: "conflict"; message: string; currentVersion: number | null };

export function formatSavedAt(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function saveStatusText(state: SaveState): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved ${formatSavedAt(state.at)}`;
    case "retrying":
      return "Not saved — retrying";
    case "refused":
      return "Not saved";
    case "conflict":
      return "Conflict";
  }
}

export function SaveStatus({ state }: { state: SaveState }) {
  const tone =
    state.kind === "conflict" || state.kind === "refused"
      ? "text-red-800 dark:text-red-300 font-medium"
      : state.kind === "retrying"
        ? "text-amber-800 dark:text-amber-300 font-medium"
        : "text-slate-600 dark:text-slate-400";
  return (
    <span className={`text-sm ${tone}`} data-testid="save-status" role="status" aria-live="polite">
      {saveStatusText(state)}
    </span>
  );
}
