import { describe, expect, it } from "vitest";
import { initialAutosave, RETRY_BASE_MS, RETRY_MAX_MS, stepAutosave, type AutosaveEvent, type AutosaveState } from "./autosave";

const loaded = () => initialAutosave(3, "v3", "hash-v3");
const ok = (version: number, extra: { contentHash?: string; statusChanged?: boolean; newRevision?: boolean } = {}) => ({
  ok: true as const,
  value: { version, savedAt: "2026-12-02T09:00:00.000Z", contentHash: `hash-v${version}`, ...extra },
});
const fail = (code: "conflict" | "invalid" | "unavailable", details?: Record<string, unknown>) => ({ ok: false as const, code, message: `${code}!`, details });

function run(state: AutosaveState, ...events: AutosaveEvent[]) {
  let current = state;
  const commands = [];
  for (const event of events) {
    const step = stepAutosave(current, event);
    current = step.state;
    commands.push(...step.commands);
  }
  return { state: current, commands };
}

describe("autosave", () => {
  it("sends a changed draft against the base version and adopts the version the server answers", () => {
    const sent = run(loaded(), { type: "save", json: "mine", autosave: true });
    expect(sent.state).toMatchObject({ inFlight: true, status: { kind: "saving" } });
    expect(sent.commands).toEqual([{ type: "cancel-timers" }, { type: "send", json: "mine", version: 3, autosave: true }]);

    const done = run(sent.state, { type: "answered", json: "mine", autosave: true, answer: ok(4) });
    expect(done.state).toMatchObject({ inFlight: false, baseVersion: 4, savedJson: "mine", serverHash: "hash-v4", status: { kind: "saved" } });
    // An autosave renders nothing again; the page is asked for only when it shows something that changed.
    expect(done.commands).toEqual([{ type: "acknowledged", json: "mine", refresh: false }]);
  });

  it("asks for the page again after a Save press, and after an autosave that moved the status or added a revision", () => {
    const pressed = run(loaded(), { type: "save", json: "mine", autosave: false }, { type: "answered", json: "mine", autosave: false, answer: ok(4) });
    expect(pressed.commands).toContainEqual({ type: "acknowledged", json: "mine", refresh: true });
    const voided = run(
      loaded(),
      { type: "save", json: "mine", autosave: true },
      { type: "answered", json: "mine", autosave: true, answer: ok(4, { statusChanged: true }) },
    );
    expect(voided.commands).toContainEqual({ type: "acknowledged", json: "mine", refresh: true });
    // The header shows the current revision's number: an autosave that wrote a new revision changes it.
    const numbered = run(
      loaded(),
      { type: "save", json: "mine", autosave: true },
      { type: "answered", json: "mine", autosave: true, answer: ok(4, { newRevision: true }) },
    );
    expect(numbered.commands).toContainEqual({ type: "acknowledged", json: "mine", refresh: true });
  });

  it("after its own save, tells a workflow step (same content hash) from someone else's save", () => {
    const saved = run(loaded(), { type: "save", json: "mine", autosave: true }, { type: "answered", json: "mine", autosave: true, answer: ok(4) }).state;
    // The page was not rendered again after the autosave; a workflow step at version 5 keeps the hash the save answered.
    expect(run(saved, { type: "server-content", version: 5, hash: "hash-v4" }).state.baseVersion).toBe(5);
    expect(run(saved, { type: "server-content", version: 5, hash: "their hash" }).state.baseVersion).toBe(4);
  });

  it("does not send what the server already has", () => {
    const { state, commands } = run(loaded(), { type: "save", json: "v3", autosave: true });
    expect(state.inFlight).toBe(false);
    expect(commands).toEqual([{ type: "cancel-timers" }]);
  });

  it("queues a save asked for while one is on its way, and an explicit one stays explicit", () => {
    const { state, commands } = run(
      loaded(),
      { type: "save", json: "a", autosave: true },
      { type: "save", json: "ab", autosave: true },
      { type: "save", json: "abc", autosave: false },
      { type: "save", json: "abcd", autosave: true },
    );
    expect(state.queued).toBe("explicit");
    expect(commands.filter((command) => command.type === "send")).toHaveLength(1);

    const answered = run(state, { type: "answered", json: "a", autosave: true, answer: ok(4) });
    expect(answered.commands).toEqual([{ type: "acknowledged", json: "a", refresh: false }, { type: "save-current", autosave: false }]);
    expect(answered.state.queued).toBe("none");
  });

  it("retries a failure of the network or server with a growing delay, capped at a minute", () => {
    let state = run(loaded(), { type: "save", json: "a", autosave: true }).state;
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const step = run(state, { type: "answered", json: "a", autosave: true, answer: attempt % 2 ? fail("unavailable") : null });
      const retry = step.commands.find((command) => command.type === "retry-later");
      expect(step.state.status.kind).toBe("retrying");
      delays.push(retry && retry.type === "retry-later" ? retry.delayMs : -1);
      state = run(step.state, { type: "save", json: "a", autosave: true }).state;
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30].map((factor) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * factor)));
    expect(run(state, { type: "answered", json: "a", autosave: true, answer: ok(4) }).state.attempt).toBe(0);
  });

  it("stops on a conflict, keeps the text unsaved, and saves only when the writer overwrites", () => {
    const conflicted = run(
      loaded(),
      { type: "save", json: "mine", autosave: true },
      { type: "answered", json: "mine", autosave: true, answer: fail("conflict", { currentVersion: 5 }) },
    ).state;
    expect(conflicted.status).toEqual({ kind: "conflict", message: "conflict!", currentVersion: 5 });
    expect(conflicted.savedJson).toBe("v3");
    // Neither a change nor a timer saves now.
    expect(run(conflicted, { type: "edited" }).commands).toEqual([]);
    expect(run(conflicted, { type: "save", json: "mine", autosave: true }).commands).toEqual([]);

    const overwritten = run(conflicted, { type: "overwrite", version: 5 }, { type: "save", json: "mine", autosave: false, force: true });
    expect(overwritten.commands).toContainEqual({ type: "send", json: "mine", version: 5, autosave: false });
  });

  it("shows a refusal until the next change, which schedules a save again", () => {
    const refused = run(
      loaded(),
      { type: "save", json: "", autosave: true },
      { type: "answered", json: "", autosave: true, answer: fail("invalid") },
    ).state;
    expect(refused.status).toEqual({ kind: "refused", message: "invalid!" });
    const edited = run(refused, { type: "edited" });
    expect(edited.state.status.kind).toBe("idle");
    expect(edited.commands).toEqual([{ type: "schedule-autosave" }]);
  });

  it("adopts a newer version with the content it knows (a workflow step), never someone else's save", () => {
    const step = run(loaded(), { type: "server-content", version: 4, hash: "hash-v3" });
    expect(step.state.baseVersion).toBe(4);
    const theirs = run(loaded(), { type: "server-content", version: 4, hash: "their hash" });
    expect(theirs.state.baseVersion).toBe(3);
    const busy = run(loaded(), { type: "save", json: "mine", autosave: true }, { type: "server-content", version: 4, hash: "hash-v3" });
    expect(busy.state.baseVersion).toBe(3);
  });

  it("rebases on an older version when a copy from before someone's save is restored", () => {
    expect(run(initialAutosave(7, "x", "hash-x"), { type: "rebase", version: 5 }).state.baseVersion).toBe(5);
    expect(run(initialAutosave(7, "x", "hash-x"), { type: "rebase", version: 9 }).state.baseVersion).toBe(7);
  });
});
