import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/access/roles";
import { can } from "@/lib/access/permissions";
import { RELEASE_STATUSES, type ReleaseStatus } from "./states";
import {
  allowedActions,
  canChangeSlug,
  denialToError,
  canEdit,
  checkEdit,
  checkSystemTransition,
  checkTransition,
  editOutcome,
  isReleaseAction,
  RELEASE_ACTIONS,
  TRANSITIONS,
  transitionFor,
  transitionOf,
  type ReleaseAction,
  type TransitionContext,
} from "./transitions";

type Actor = "writerOwner" | "writerOther" | "editor" | "admin";
const ACTORS: Record<Actor, { role: Role; isOwner: boolean }> = {
  writerOwner: { role: "writer", isOwner: true },
  writerOther: { role: "writer", isOwner: false },
  editor: { role: "editor", isOwner: false },
  admin: { role: "admin", isOwner: false },
};
const ACTOR_NAMES = Object.keys(ACTORS) as Actor[];

function context(actor: Actor, status: ReleaseStatus, isLive: boolean, viewerAuthoredSinceApproval = false): TransitionContext {
  return { ...ACTORS[actor], status, isLive, viewerAuthoredSinceApproval };
}

/** Every combination the loops walk. Editors are also tried as owners: it must not change anything but four-eyes. */
function* everyCase(): Generator<{ actor: Actor; ctx: TransitionContext }> {
  for (const actor of ACTOR_NAMES) {
    for (const status of RELEASE_STATUSES) {
      for (const isLive of [false, true]) {
        for (const authored of [false, true]) {
          yield { actor, ctx: context(actor, status, isLive, authored) };
          if (actor === "editor" || actor === "admin") yield { actor, ctx: { ...context(actor, status, isLive, authored), isOwner: true } };
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The explicit table: what each kind of person may do, per status, when the release is not live / live.
// Written out by hand from the rules; viewerAuthoredSinceApproval is false here.

type Row = { notLive: string; live: string };
const EXPECTED: Record<ReleaseStatus, Record<Actor, Row>> = {
  draft: {
    writerOwner: { notLive: "submit trash", live: "submit" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "submit trash", live: "submit" },
    admin: { notLive: "submit trash", live: "submit" },
  },
  changes_requested: {
    writerOwner: { notLive: "submit trash", live: "submit" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "submit trash", live: "submit" },
    admin: { notLive: "submit trash", live: "submit" },
  },
  in_review: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "request_changes approve trash", live: "request_changes approve" },
    admin: { notLive: "request_changes approve trash", live: "request_changes approve" },
  },
  approved: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "publish schedule embargo trash", live: "publish schedule embargo" },
    admin: { notLive: "publish schedule embargo trash", live: "publish schedule embargo" },
  },
  scheduled: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "unschedule trash", live: "unschedule" },
    admin: { notLive: "unschedule trash", live: "unschedule" },
  },
  embargoed: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "unschedule trash", live: "unschedule" },
    admin: { notLive: "unschedule trash", live: "unschedule" },
  },
  published: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "trash", live: "retract" },
    admin: { notLive: "trash", live: "retract" },
  },
  retracted: {
    writerOwner: { notLive: "", live: "" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "trash", live: "" },
    admin: { notLive: "trash", live: "" },
  },
  trashed: {
    writerOwner: { notLive: "restore", live: "restore" },
    writerOther: { notLive: "", live: "" },
    editor: { notLive: "restore", live: "restore" },
    admin: { notLive: "restore", live: "restore" },
  },
};

const words = (list: string) => (list === "" ? [] : list.split(" "));

describe("allowedActions: the explicit table", () => {
  for (const status of RELEASE_STATUSES) {
    for (const actor of ACTOR_NAMES) {
      for (const isLive of [false, true]) {
        const expected = words(EXPECTED[status][actor][isLive ? "live" : "notLive"]);
        it(`${actor} on ${status} (${isLive ? "live" : "not live"}): ${expected.join(", ") || "nothing"}`, () => {
          expect(allowedActions(context(actor, status, isLive))).toEqual(expected);
        });
      }
    }
  }

  it("four-eyes: whoever authored since the last approval loses only approve", () => {
    for (const actor of ["editor", "admin"] as const) {
      expect(allowedActions(context(actor, "in_review", false, true))).toEqual(["request_changes", "trash"]);
      expect(allowedActions(context(actor, "in_review", true, true))).toEqual(["request_changes"]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Key denials, with the exact code and message a person sees.

type Denial = [label: string, action: ReleaseAction, ctx: TransitionContext, code: "forbidden" | "invalid_state", message: string | RegExp];
const DENIALS: Denial[] = [
  ["writer publishes", "publish", context("writerOwner", "approved", false), "forbidden", "Only an editor can publish."],
  ["writer requests changes", "request_changes", context("writerOther", "in_review", false), "forbidden", "Only an editor can request changes."],
  ["writer approves own", "approve", context("writerOwner", "in_review", false), "forbidden", "Only an editor can approve releases."],
  ["writer retracts", "retract", context("writerOwner", "published", true), "forbidden", "Only an editor can retract releases."],
  ["writer schedules", "schedule", context("writerOwner", "approved", false), "forbidden", "Only an editor can schedule releases."],
  ["writer on the wrong state still hears about the role first", "publish", context("writerOwner", "in_review", false), "forbidden", "Only an editor can publish."],
  ["publish from review", "publish", context("editor", "in_review", false), "invalid_state", "A release in review cannot be published; approve it first."],
  ["publish a draft", "publish", context("editor", "draft", false), "invalid_state", "A draft cannot be published; submit it for review first."],
  ["publish scheduled", "publish", context("editor", "scheduled", false), "invalid_state", "A scheduled release cannot be published; unschedule it first."],
  ["publish twice", "publish", context("admin", "published", true), "invalid_state", "This release is already published."],
  ["four-eyes (editor)", "approve", context("editor", "in_review", false, true), "forbidden", "You wrote part of this version, so someone else must approve it."],
  ["four-eyes (admin)", "approve", context("admin", "in_review", true, true), "forbidden", "You wrote part of this version, so someone else must approve it."],
  ["approve a draft", "approve", context("editor", "draft", false), "invalid_state", "A draft cannot be approved; it has to be submitted for review first."],
  ["submit someone else's draft", "submit", context("writerOther", "draft", false), "forbidden", "You can only submit your own releases for review."],
  ["submit twice", "submit", context("writerOwner", "in_review", false), "invalid_state", "This release is already in review."],
  ["submit an approved release", "submit", context("editor", "approved", false), "invalid_state", /approved/],
  ["request changes on a draft", "request_changes", context("editor", "draft", false), "invalid_state", /submitted for review first/],
  ["retract something not live", "retract", context("editor", "published", false), "invalid_state", "This release is not live, so there is nothing to retract."],
  ["retract an update in progress", "retract", context("editor", "draft", true), "invalid_state", /only a published release can be retracted/],
  ["retract twice", "retract", context("editor", "retracted", false), "invalid_state", "This release is already retracted."],
  ["trash a live release", "trash", context("editor", "published", true), "invalid_state", "A live release cannot be moved to the trash; retract it first."],
  ["trash a live update draft (writer)", "trash", context("writerOwner", "draft", true), "invalid_state", /retract it first/],
  ["trash twice", "trash", context("editor", "trashed", false), "invalid_state", "This release is already in the trash."],
  ["writer trashes someone else's draft", "trash", context("writerOther", "draft", false), "forbidden", "You can only move your own releases to the trash."],
  ["writer trashes own release in review", "trash", context("writerOwner", "in_review", false), "forbidden", /only while they are drafts/],
  ["writer trashes own retracted release", "trash", context("writerOwner", "retracted", false), "forbidden", /only while they are drafts/],
  ["writer restores someone else's", "restore", context("writerOther", "trashed", false), "forbidden", "You can only restore your own releases."],
  ["restore something not trashed", "restore", context("editor", "draft", false), "invalid_state", "A draft cannot be restored; it is not in the trash."],
  ["unschedule an approved release", "unschedule", context("editor", "approved", false), "invalid_state", "An approved release cannot be unscheduled; it is not scheduled."],
  ["schedule an embargoed release", "schedule", context("editor", "embargoed", false), "invalid_state", /unschedule it first/],
  ["a person runs the scheduler's action", "publish_due", context("admin", "scheduled", false), "forbidden", /published automatically/],
  ["anything on the trash", "approve", context("editor", "trashed", false), "invalid_state", /restore it first/],
];

describe("checkTransition: key denials", () => {
  it.each(DENIALS)("%s", (_label, action, ctx, code, message) => {
    const result = checkTransition(action, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    if (typeof message === "string") expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
  });

  it("returns the transition row when allowed", () => {
    const result = checkTransition("approve", context("editor", "in_review", false));
    expect(result).toEqual({ ok: true, transition: transitionOf("approve") });
    if (result.ok) expect(result.transition.to).toBe("approved");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over every action × status × person × isLive × authorship.

describe("checkTransition: properties over every combination", () => {
  it("agrees with allowedActions, in table order", () => {
    for (const { ctx } of everyCase()) {
      const allowed = allowedActions(ctx);
      const expected = RELEASE_ACTIONS.filter((action) => checkTransition(action, ctx).ok);
      expect(allowed, JSON.stringify(ctx)).toEqual(expected);
    }
  });

  it("matches the hand-written table whatever the authorship flag, except for approve", () => {
    for (const { actor, ctx } of everyCase()) {
      const row = words(EXPECTED[ctx.status][actor][ctx.isLive ? "live" : "notLive"]);
      const expected = ctx.viewerAuthoredSinceApproval ? row.filter((action) => action !== "approve") : row;
      expect(allowedActions(ctx), JSON.stringify(ctx)).toEqual(expected);
    }
  });

  it("gives the denial code in the documented order: role, then state, then person", () => {
    for (const { ctx } of everyCase()) {
      for (const action of RELEASE_ACTIONS) {
        const result = checkTransition(action, ctx);
        const transition = transitionOf(action);
        const label = `${action} ${JSON.stringify(ctx)}`;
        if (transition.actor === "system") {
          expect(result, label).toMatchObject({ ok: false, code: "forbidden" });
          continue;
        }
        if (!can(ctx.role, transition.permission)) {
          expect(result, label).toMatchObject({ ok: false, code: "forbidden" });
          continue;
        }
        const stateOk =
          transition.from.includes(ctx.status) &&
          !(transition.live === "required" && !ctx.isLive) &&
          !(transition.live === "forbidden" && ctx.isLive);
        if (!stateOk) {
          expect(result, label).toMatchObject({ ok: false, code: "invalid_state" });
          continue;
        }
        if (!result.ok) expect(result.code, label).toBe("forbidden");
      }
    }
  });

  it("never allows a move the table does not list", () => {
    for (const { ctx } of everyCase()) {
      for (const action of allowedActions(ctx)) {
        const transition = transitionFor(action, ctx.status);
        expect(transition, `${action} ${JSON.stringify(ctx)}`).toBeDefined();
        expect(can(ctx.role, transition!.permission)).toBe(true);
        expect(transition!.to).not.toBe(ctx.status);
      }
    }
  });

  it("holds the safety rules", () => {
    for (const { ctx } of everyCase()) {
      const allowed = allowedActions(ctx);
      const label = JSON.stringify(ctx);
      if (ctx.role === "writer") {
        expect(allowed.filter((a) => !["submit", "trash", "restore"].includes(a)), label).toEqual([]);
        if (!ctx.isOwner) expect(allowed, label).toEqual([]);
      }
      if (ctx.isLive) expect(allowed, label).not.toContain("trash");
      if (!ctx.isLive) expect(allowed, label).not.toContain("retract");
      if (ctx.viewerAuthoredSinceApproval) expect(allowed, label).not.toContain("approve");
      expect(allowed, label).not.toContain("publish_due");
      if (ctx.status !== "approved") expect(allowed, label).not.toContain("publish");
      if (ctx.status === "trashed") expect(allowed.filter((a) => a !== "restore"), label).toEqual([]);
    }
  });

  it("explains every refusal in a sentence", () => {
    for (const { ctx } of everyCase()) {
      for (const action of RELEASE_ACTIONS) {
        const result = checkTransition(action, ctx);
        if (result.ok) continue;
        expect(result.message).toMatch(/^[A-Z].*\.$/);
        expect(result.message).not.toMatch(/undefined|null|_|\[object/);
      }
    }
  });

  it("ignores ownership for editors and admins", () => {
    for (const role of ["editor", "admin"] as const) {
      for (const status of RELEASE_STATUSES) {
        for (const isLive of [false, true]) {
          const base = { role, status, isLive, viewerAuthoredSinceApproval: false };
          expect(allowedActions({ ...base, isOwner: true })).toEqual(allowedActions({ ...base, isOwner: false }));
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The table itself.

describe("TRANSITIONS", () => {
  it("has one row per action, with the agreed edges, permissions, labels and requirements", () => {
    const rows = TRANSITIONS.map(({ action, from, to, permission, label, requires }) => ({
      action,
      from: [...from].sort(),
      to,
      permission,
      label,
      requires: requires ? [...requires] : [],
    }));
    expect(rows).toEqual([
      { action: "submit", from: ["changes_requested", "draft"], to: "in_review", permission: "release:submit", label: "Submit for review", requires: [] },
      { action: "request_changes", from: ["in_review"], to: "changes_requested", permission: "release:request-changes", label: "Request changes", requires: ["comment"] },
      { action: "approve", from: ["in_review"], to: "approved", permission: "release:approve", label: "Approve", requires: [] },
      { action: "publish", from: ["approved"], to: "published", permission: "release:publish", label: "Publish now", requires: [] },
      { action: "schedule", from: ["approved"], to: "scheduled", permission: "release:schedule", label: "Schedule", requires: ["time"] },
      { action: "embargo", from: ["approved"], to: "embargoed", permission: "release:schedule", label: "Embargo", requires: ["time"] },
      { action: "unschedule", from: ["embargoed", "scheduled"], to: "approved", permission: "release:schedule", label: "Unschedule", requires: [] },
      { action: "retract", from: ["published"], to: "retracted", permission: "release:retract", label: "Retract", requires: ["reason"] },
      {
        action: "trash",
        from: [...RELEASE_STATUSES.filter((s) => s !== "trashed")].sort(),
        to: "trashed",
        permission: "release:trash",
        label: "Move to trash",
        requires: [],
      },
      { action: "restore", from: ["trashed"], to: "draft", permission: "release:trash", label: "Restore", requires: [] },
      { action: "publish_due", from: ["embargoed", "scheduled"], to: "published", permission: "release:publish", label: "Publish at the scheduled time", requires: [] },
    ]);
    expect(TRANSITIONS.map((t) => t.action)).toEqual([...RELEASE_ACTIONS]);
  });

  it("marks only the scheduler's action as system, and submit/approve/publish as primary", () => {
    expect(TRANSITIONS.filter((t) => t.actor === "system").map((t) => t.action)).toEqual(["publish_due"]);
    expect(TRANSITIONS.filter((t) => t.primary).map((t) => t.action)).toEqual(["submit", "approve", "publish"]);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    const publish = transitionOf("publish");
    expect(Object.isFrozen(publish)).toBe(true);
    expect(Object.isFrozen(publish.from)).toBe(true);
    expect(() => (publish.from as ReleaseStatus[]).push("draft")).toThrow();
  });

  it("transitionFor finds a row only from a listed status", () => {
    expect(transitionFor("publish", "approved")?.to).toBe("published");
    expect(transitionFor("publish", "in_review")).toBeUndefined();
    expect(transitionFor("unschedule", "embargoed")?.to).toBe("approved");
    expect(transitionFor("trash", "trashed")).toBeUndefined();
    expect(transitionFor("restore", "trashed")?.to).toBe("draft");
  });

  it("recognises action names", () => {
    expect(isReleaseAction("approve")).toBe(true);
    expect(isReleaseAction("delete")).toBe(false);
    expect(isReleaseAction(undefined)).toBe(false);
  });
});

describe("checkSystemTransition (the scheduler)", () => {
  it("publishes due scheduled and embargoed releases", () => {
    for (const status of ["scheduled", "embargoed"] as const) {
      const result = checkSystemTransition("publish_due", status);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.transition.to).toBe("published");
    }
  });

  it("skips a release that was unscheduled, edited or trashed meanwhile", () => {
    for (const status of RELEASE_STATUSES.filter((s) => s !== "scheduled" && s !== "embargoed")) {
      expect(checkSystemTransition("publish_due", status)).toMatchObject({ ok: false, code: "invalid_state" });
    }
  });

  it("cannot take a person's action", () => {
    expect(checkSystemTransition("publish", "approved")).toMatchObject({ ok: false, code: "forbidden" });
    expect(checkSystemTransition("retract", "published")).toMatchObject({ ok: false, code: "forbidden" });
  });
});

// ---------------------------------------------------------------------------------------------
// Editing.

describe("editOutcome", () => {
  const EDITS: [ReleaseStatus, boolean, ReleaseStatus | null, string][] = [
    ["draft", false, "draft", "none"],
    ["draft", true, "draft", "none"],
    ["changes_requested", false, "changes_requested", "none"],
    ["in_review", false, "in_review", "none"],
    ["in_review", true, "in_review", "none"],
    ["approved", false, "in_review", "voids_approval"],
    ["approved", true, "in_review", "voids_approval"],
    ["published", true, "draft", "starts_update"],
    ["retracted", false, "draft", "reopens"],
    ["scheduled", false, null, ""],
    ["scheduled", true, null, ""],
    ["embargoed", false, null, ""],
    ["trashed", false, null, ""],
  ];
  it.each(EDITS)("%s (live: %s) → %s", (status, isLive, to, effect) => {
    const outcome = editOutcome(status, isLive);
    if (to === null) {
      expect(outcome.editable).toBe(false);
      if (!outcome.editable) expect(outcome.message).toMatch(status === "trashed" ? /restore it first/ : /unschedule it first/);
    } else {
      expect(outcome).toMatchObject({ editable: true, to, effect });
    }
  });

  it("tells the person that a live release stays public during an update", () => {
    const outcome = editOutcome("published", true);
    expect(outcome.editable && outcome.notice).toMatch(/live version stays public/);
    expect(editOutcome("draft", false)).toMatchObject({ notice: null });
  });
});

describe("canEdit", () => {
  const EDITABLE_BY_EDITORS = ["draft", "in_review", "changes_requested", "approved", "published", "retracted"];
  it("follows the table for every status and person", () => {
    for (const status of RELEASE_STATUSES) {
      for (const actor of ACTOR_NAMES) {
        const { role, isOwner } = ACTORS[actor];
        const expected =
          actor === "writerOwner" ? status === "draft" || status === "changes_requested" : actor === "writerOther" ? false : EDITABLE_BY_EDITORS.includes(status);
        expect(canEdit({ role, isOwner, status }), `${actor} ${status}`).toBe(expected);
      }
    }
  });

  it("checkEdit explains refusals and reports the resulting status", () => {
    expect(checkEdit({ role: "editor", isOwner: false, status: "approved", isLive: false })).toMatchObject({ ok: true, to: "in_review", effect: "voids_approval" });
    expect(checkEdit({ role: "writer", isOwner: true, status: "draft", isLive: true })).toMatchObject({ ok: true, to: "draft" });
    expect(checkEdit({ role: "writer", isOwner: false, status: "draft", isLive: false })).toMatchObject({ ok: false, code: "forbidden", message: "You can only edit your own releases." });
    expect(checkEdit({ role: "writer", isOwner: true, status: "published", isLive: true })).toMatchObject({ ok: false, code: "forbidden" });
    expect(checkEdit({ role: "admin", isOwner: false, status: "scheduled", isLive: false })).toMatchObject({ ok: false, code: "invalid_state" });
  });

  it("lets a writer submit exactly what they may edit", () => {
    for (const status of RELEASE_STATUSES) {
      for (const isOwner of [true, false]) {
        const ctx: TransitionContext = { role: "writer", isOwner, status, isLive: false, viewerAuthoredSinceApproval: false };
        expect(checkTransition("submit", ctx).ok, `${status} owner=${isOwner}`).toBe(canEdit(ctx));
      }
    }
  });
});

describe("denialToError and canChangeSlug", () => {
  it("answers a state that does not allow the step with a conflict, a person who may not with forbidden", () => {
    expect(denialToError({ code: "invalid_state", message: "Not now." })).toMatchObject({ code: "conflict", message: "Not now." });
    expect(denialToError({ code: "forbidden", message: "Not you." })).toMatchObject({ code: "forbidden", message: "Not you." });
  });
  it("lets the web address change only before the first publication, and only for someone who may edit", () => {
    expect(canChangeSlug({ firstPublishedAt: null }, true)).toBe(true);
    expect(canChangeSlug({ firstPublishedAt: null }, false)).toBe(false);
    expect(canChangeSlug({ firstPublishedAt: new Date("2026-03-03T09:00:00Z") }, true)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// What each transition does besides the status (db/releases/apply-transition.ts carries it out).

describe("effects", () => {
  const none = { clears: [], sets: null, pinsApproval: false, publication: null, keepsComment: false, takesNote: false, recordsDueTime: false, notify: null };

  it("declares, per action, the fields it sets and clears, the approval, the publication, the comment, the note, the due time and the notice", () => {
    expect(Object.fromEntries(TRANSITIONS.map((t) => [t.action, t.effects]))).toEqual({
      submit: { ...none, notify: "review_requested" },
      request_changes: { ...none, keepsComment: true, notify: "changes_requested" },
      approve: { ...none, pinsApproval: true, notify: "approved" },
      publish: { ...none, clears: ["publishAt", "embargoUntil"], publication: "write", takesNote: true, notify: "published" },
      schedule: { ...none, sets: { field: "publishAt", to: "chosen_time" }, clears: ["embargoUntil"] },
      embargo: { ...none, sets: { field: "embargoUntil", to: "chosen_time" }, clears: ["publishAt"] },
      unschedule: { ...none, clears: ["publishAt", "embargoUntil"] },
      retract: { ...none, publication: "retract", keepsComment: true },
      trash: { ...none, sets: { field: "deletedAt", to: "now" } },
      restore: { ...none, clears: ["deletedAt"] },
      publish_due: { ...none, clears: ["publishAt", "embargoUntil"], publication: "write", recordsDueTime: true, notify: "published" },
    });
  });

  it("agrees with the rest of each row", () => {
    for (const { action, to, requires = [], live, actor, effects } of TRANSITIONS) {
      expect(effects.sets?.to === "chosen_time", action).toBe(requires.includes("time"));
      expect(effects.keepsComment, action).toBe(requires.includes("comment") || requires.includes("reason"));
      expect(effects.publication === "retract", action).toBe(live === "required");
      if (effects.publication === "write") {
        expect(to, action).toBe("published");
        expect([...effects.clears].sort(), action).toEqual(["embargoUntil", "publishAt"]);
      }
      if (effects.pinsApproval) expect(to, action).toBe("approved");
      if (effects.sets) expect(effects.clears, action).not.toContain(effects.sets.field);
      expect(effects.recordsDueTime, action).toBe(actor === "system");
      if (actor === "system") expect(effects.takesNote || effects.keepsComment || effects.pinsApproval, action).toBe(false);
    }
  });

  it("cannot be changed at run time", () => {
    const { effects } = transitionOf("publish");
    expect(Object.isFrozen(effects)).toBe(true);
    expect(Object.isFrozen(effects.clears)).toBe(true);
    expect(Object.isFrozen(transitionOf("schedule").effects.sets)).toBe(true);
    expect(() => (effects.clears as string[]).push("deletedAt")).toThrow();
  });
});

describe("guards", () => {
  it("sit on submit, approve, trash and restore; the scheduler's transition has none", () => {
    expect(TRANSITIONS.filter((t) => t.guards?.length).map((t) => t.action)).toEqual(["submit", "approve", "trash", "restore"]);
    expect(transitionOf("publish_due").guards).toBeUndefined();
    expect(Object.isFrozen(transitionOf("trash").guards)).toBe(true);
  });

  it("decide every case that passes permission and state: the first refusal in the list is the answer", () => {
    for (const { ctx } of everyCase()) {
      for (const transition of TRANSITIONS) {
        if (transition.actor === "system" || !can(ctx.role, transition.permission)) continue;
        const result = checkTransition(transition.action, ctx);
        if (!result.ok && result.code === "invalid_state") continue;
        const refusal = (transition.guards ?? []).map((guard) => guard(ctx)).find((message) => message !== null);
        const label = `${transition.action} ${JSON.stringify(ctx)}`;
        expect(result, label).toEqual(refusal ? { ok: false, code: "forbidden", message: refusal } : { ok: true, transition });
      }
    }
  });
});
