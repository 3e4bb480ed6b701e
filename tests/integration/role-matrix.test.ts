/**
 * Bad input and attacks: every server action and every mutating route handler, called directly (as a
 * forged POST would reach it) by each kind of visitor. A refusal must answer the right status and leave
 * the database exactly as it was; an allowed call must change what it says it changes.
 *
 * Who may do what comes from lib/access/permissions.ts and lib/workflow/transitions.ts; this file checks
 * that the code behind every entry point applies them. The two tables below name every entry point: the
 * first test fails when an app/ module gains a server action or a mutating route handler without a row.
 *
 *  Server action (app/…)                                   | allowed for                    | scenarios
 *  --------------------------------------------------------|--------------------------------|-----------------------------
 *  desk/actions.ts signOutAction                           | anyone (no database change)    | sign out
 *  desk/notification-actions.ts markNotificationsRead…     | staff, own notifications       | mark read
 *  desk/password/actions.ts changePasswordAction           | staff incl. pending password   | change own, wrong current
 *  desk/releases/actions.ts createReleaseAction            | staff                          | create, strict input
 *  desk/releases/actions.ts saveReleaseAction              | owner writer (draft), editors  | states, stale, unknown, strict
 *  desk/releases/actions.ts transitionReleaseAction        | the workflow table             | every action, four-eyes
 *  desk/releases/actions.ts setSlugAction                  | owner writer (draft), editors  | draft, published
 *  desk/releases/actions.ts link/unlinkTranslationAction   | editors                        | link, unlink
 *  desk/releases/actions.ts addCommentAction               | staff                          | comment, empty
 *  desk/releases/actions.ts mint/revokeShareLinkAction     | editors                        | mint, revoke
 *  desk/releases/[id]/history/actions.ts restoreRevision…  | owner writer (draft), editors  | restore
 *  desk/releases/import/actions.ts importDocumentAction    | staff (stores nothing)         | preview
 *  desk/releases/import/actions.ts createDraftFromImport…  | staff                          | create
 *  desk/jobs/actions.ts retry/discardJobAction             | admins (jobs:manage)           | retry, discard, states, strict
 *  desk/settings/actions.ts (settings, topics, types)      | admins                         | each
 *  desk/staff/actions.ts (create, role, active, reset)     | admins                         | each
 *
 *  Route handler                                           | allowed for                    | scenarios
 *  --------------------------------------------------------|--------------------------------|-----------------------------
 *  POST api/releases/[id]/transitions                      | the workflow table             | as the action, + origin, body
 *  PUT api/releases/[id]/draft (autosave)                  | as saveReleaseAction           | as the action, + origin, body
 *  POST api/releases/[id]/presence                         | staff                          | present, unknown id, origin
 *  POST api/media                                          | staff                          | upload, origin
 *  POST api/session                                        | anyone with a valid password   | sign in, origin, strict
 *  POST api/internal/revalidate                            | the process itself (token)     | no token
 *  GET/POST api/auth/[...nextauth]                         | Auth.js (grants only)          | exempt, see ROUTES
 *
 * Visitors: anonymous (no session), writer (owns the releases), otherWriter, editor, admin, and three whose
 * session cookie would otherwise be valid: deactivated (an admin account switched off), revoked (an admin
 * whose session version was bumped) and pending (an admin who has not yet replaced a one-time password).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as signOutActions from "@/app/desk/actions";
import * as notificationActions from "@/app/desk/notification-actions";
import * as passwordActions from "@/app/desk/password/actions";
import * as historyActions from "@/app/desk/releases/[id]/history/actions";
import * as releaseActions from "@/app/desk/releases/actions";
import * as importActions from "@/app/desk/releases/import/actions";
import * as jobActions from "@/app/desk/jobs/actions";
import * as settingsActions from "@/app/desk/settings/actions";
import * as staffActions from "@/app/desk/staff/actions";
import * as revalidateRoute from "@/app/api/internal/revalidate/route";
import * as mediaRoute from "@/app/api/media/route";
import * as draftRoute from "@/app/api/releases/[id]/draft/route";
import * as presenceRoute from "@/app/api/releases/[id]/presence/route";
import * as transitionsRoute from "@/app/api/releases/[id]/transitions/route";
import * as sessionRoute from "@/app/api/session/route";
import type { Viewer } from "@/db/access";
import { LocalDiskStorage, setMediaStorage } from "@/db/media/storage";
import { INTERNAL_TOKEN_HEADER } from "@/db/publishing/internal-token";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { transitionRelease } from "@/db/releases/transition";
import { linkTranslation } from "@/db/releases/translations";
import {
  auditLog,
  jobs,
  media,
  notifications,
  publications,
  releaseComments,
  releasePresence,
  releaseRevisions,
  releases,
  releaseTypes,
  settings,
  shareLinks,
  topics,
  users,
  type Role,
} from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { mintShareLink } from "@/db/share/share-links";
import { insertStaffMember } from "@/db/staff/insert";
import { createReleaseType, createTopic } from "@/db/taxonomy/mutations";
import { env } from "@/env";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import type { ReleaseStatus } from "@/lib/workflow/states";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { png } from "../support/media-fixtures";
import {
  actionOutcome,
  EXPECTED_STATUS,
  formData,
  mutatingRouteHandlers,
  responseOutcome,
  serverActionModules,
  snapshotDatabase,
  type Expect,
  type Outcome,
  type Snapshot,
} from "../support/role-matrix";
import { authSeam } from "../support/fake-auth";

// The one seam (tests/support/fake-auth.ts): Auth.js's auth() says whose session cookie came with the
// request; db/viewer.ts then re-reads that account as the database has it now, exactly as in production.
vi.hoisted(() => {
  process.env.AUTH_SECRET = "role-matrix-test-secret-0123456789abcdef";
});
vi.mock("@/auth", () => import("../support/fake-auth"));
// Cache invalidation needs Next's request store, which a direct call does not have; it is not under test.
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("../support/cache-invalidation-off")).cacheInvalidationOff,
}));
// Mail is off here (no SMTP_URL) and not under test; this keeps the matrix independent of the mail transport.
vi.mock("@/db/mail/transport", () => import("../support/mail-off"));

const PROJECT = path.resolve(__dirname, "../..");

// ---------------------------------------------------------------------------------------------
// The tables of entry points

const ACTIONS: Record<string, Record<string, unknown>> = {
  "app/desk/actions.ts": signOutActions,
  "app/desk/notification-actions.ts": notificationActions,
  "app/desk/password/actions.ts": passwordActions,
  "app/desk/releases/[id]/history/actions.ts": historyActions,
  "app/desk/releases/actions.ts": releaseActions,
  "app/desk/releases/import/actions.ts": importActions,
  "app/desk/jobs/actions.ts": jobActions,
  "app/desk/settings/actions.ts": settingsActions,
  "app/desk/staff/actions.ts": staffActions,
};

/** Server actions nobody is refused, with the reason. Every other action needs an allowed and a refused case. */
const NEVER_REFUSED: Record<string, string> = {
  "app/desk/actions.ts#signOutAction": "Signing out only clears the caller's own cookie and changes nothing in the database.",
};

/** Mutating route handlers: tested here, or exempt with the reason. */
const ROUTES: Record<string, { exempt: string } | { tested: true }> = {
  "POST app/api/releases/[id]/transitions/route.ts": { tested: true },
  "PUT app/api/releases/[id]/draft/route.ts": { tested: true },
  "POST app/api/releases/[id]/presence/route.ts": { tested: true },
  "POST app/api/media/route.ts": { tested: true },
  "POST app/api/session/route.ts": { tested: true },
  "POST app/api/internal/revalidate/route.ts": { tested: true },
  "POST app/api/auth/[...nextauth]/route.ts": {
    exempt:
      "Auth.js's own handler (it needs Next's request context). Its only provider accepts nothing but a grant signed by POST /api/session, whose refusals are tested here.",
  },
};

// ---------------------------------------------------------------------------------------------
// Visitors

type StaffName = "writer" | "otherWriter" | "editor" | "admin";
type LockedOutName = "anonymous" | "deactivated" | "revoked" | "pending";
type ActorName = StaffName | LockedOutName;
const ACTOR_NAMES: readonly ActorName[] = ["anonymous", "writer", "otherWriter", "editor", "admin", "deactivated", "revoked", "pending"];

/** What a locked-out visitor gets from anything that needs a session. */
const LOCKED_OUT: Record<LockedOutName, Expect> = {
  anonymous: "unauthenticated",
  deactivated: "unauthenticated",
  revoked: "unauthenticated",
  pending: "forbidden",
};

type Actor = { name: ActorName; id: string | null; email: string; password: string; role: Role | null };

let database: TestDatabase;
let mediaDir: string;
const actors = {} as Record<ActorName, Actor>;
/** Viewers the fixtures are built with (db functions called directly). */
const staff = {} as Record<StaffName | "deskEditor", Viewer>;

const LOCKED_OUT_ROWS = {
  deactivated: { active: false, mustChangePassword: false },
  revoked: { active: true, mustChangePassword: false },
  pending: { active: true, mustChangePassword: true },
} as const;

async function makeAccount(label: string, role: Role) {
  const { user, oneTimePassword } = await insertStaffMember(database.db, {
    email: `${label.toLowerCase()}.${randomBytes(4).toString("hex")}@matrix.example`,
    name: `${label} ${role}`,
    role,
  });
  await database.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
  return { user, password: oneTimePassword };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  mediaDir = mkdtempSync(path.join(tmpdir(), "pressroom-matrix-media-"));
  setMediaStorage(new LocalDiskStorage(path.join(mediaDir, "files")));

  const roles: Record<Exclude<ActorName, "anonymous">, Role> = {
    writer: "writer",
    otherWriter: "writer",
    editor: "editor",
    admin: "admin",
    deactivated: "admin",
    revoked: "admin",
    pending: "admin",
  };
  for (const [name, role] of Object.entries(roles) as [Exclude<ActorName, "anonymous">, Role][]) {
    const { user, password } = await makeAccount(name, role);
    actors[name] = { name, id: user.id, email: user.email, password, role };
    if (name === "writer" || name === "otherWriter" || name === "editor" || name === "admin") {
      staff[name] = { id: user.id, email: user.email, name: user.name, role, mustChangePassword: false };
    }
  }
  actors.anonymous = { name: "anonymous", id: null, email: "nobody@matrix.example", password: "not-a-password-at-all", role: null };
  // The revoked admin's cookie carries the version before this bump.
  await database.db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, actors.revoked.id!));
  const desk = await makeAccount("Desk", "editor");
  staff.deskEditor = { id: desk.user.id, email: desk.user.email, name: desk.user.name, role: "editor", mustChangePassword: false };
});

afterAll(async () => {
  await database?.drop();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

/** Puts every visitor's account back as the matrix defines it (an allowed call may have changed it). */
async function resetActors() {
  const active = (["writer", "otherWriter", "editor", "admin"] as const).map((name) => actors[name].id!);
  await database.db.update(users).set({ active: true, mustChangePassword: false }).where(inArray(users.id, active));
  for (const [name, row] of Object.entries(LOCKED_OUT_ROWS)) {
    await database.db.update(users).set(row).where(eq(users.id, actors[name as keyof typeof LOCKED_OUT_ROWS].id!));
  }
}

/** The session cookie this visitor would send: the account's current session version (one less if revoked). */
async function signInAs(actor: Actor) {
  if (!actor.id) {
    authSeam.session = null;
    return;
  }
  const [row] = await database.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, actor.id));
  authSeam.session = { staffId: actor.id, sessionVersion: row!.sessionVersion - (actor.name === "revoked" ? 1 : 0) };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

type Json = Record<string, unknown>;
const unique = (text: string) => `${text} ${randomBytes(3).toString("hex")}`;
const doc = (text: string): Json => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const content = (extra: Json = {}): Json => ({ headline: unique("Matrix release"), body: doc("The first paragraph of the release."), ...extra });
const FUTURE = "2099-06-01T12:00";

async function releaseRow(id: string) {
  const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
  if (!row) throw new Error(`no release ${id}`);
  return row;
}

const versionOf = async (id: string) => (await releaseRow(id)).version;

async function move(viewer: Viewer, releaseId: string, action: ReleaseAction, extra: Json = {}) {
  await transitionRelease(viewer, { releaseId, action, expectedVersion: await versionOf(releaseId), ...extra });
}

async function saveAs(viewer: Viewer, releaseId: string, headline = unique("Edited")) {
  await saveRelease(viewer, { releaseId, expectedVersion: await versionOf(releaseId), content: content({ headline }) });
}

type FixtureStatus = Extract<ReleaseStatus, "draft" | "in_review" | "changes_requested" | "approved" | "scheduled" | "embargoed" | "published" | "trashed">;

/** A release of `owner` (the writer unless said) brought to `status` by the desk editor, who is no visitor. */
async function releaseIn(status: FixtureStatus, owner: Viewer = staff.writer, extra: Json = {}): Promise<string> {
  const { id } = await createRelease(owner, content(extra));
  if (status === "draft") return id;
  if (status === "trashed") {
    await move(owner, id, "trash");
    return id;
  }
  await move(owner, id, "submit");
  if (status === "in_review") return id;
  if (status === "changes_requested") {
    await move(staff.deskEditor, id, "request_changes", { comment: "Shorter, please." });
    return id;
  }
  await move(staff.deskEditor, id, "approve");
  if (status === "approved") return id;
  if (status === "scheduled") await move(staff.deskEditor, id, "schedule", { at: { local: FUTURE } });
  if (status === "embargoed") await move(staff.deskEditor, id, "embargo", { at: { local: FUTURE } });
  if (status === "published") await move(staff.deskEditor, id, "publish");
  return id;
}

async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

async function revisionsOf(releaseId: string) {
  return database.db.select().from(releaseRevisions).where(eq(releaseRevisions.releaseId, releaseId)).orderBy(asc(releaseRevisions.number));
}

async function userRow(id: string) {
  const [row] = await database.db.select().from(users).where(eq(users.id, id));
  return row!;
}

const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });

function post(pathname: string, init: { body?: BodyInit; json?: unknown; origin?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  const origin = init.origin === undefined ? env.siteUrl : init.origin;
  if (origin) headers.origin = origin;
  let body = init.body;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  return new Request(`${env.siteUrl}${pathname}`, { method: "POST", headers, body });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Fixture = {
  releaseId: string;
  otherId: string;
  version: number;
  linkId: string;
  userId: string;
  userVersion: number;
  slug: string;
  settingsVersion: number;
  name: string;
  jobId: string;
};

type Check = { fixture: Partial<Fixture>; actor: Actor; before: Snapshot; after: Snapshot; outcome: Outcome };

type Scenario = {
  /** "app/…/actions.ts#exportName" or "POST app/…/route.ts". */
  target: string;
  name: string;
  expect: Record<StaffName, Expect> & Partial<Record<LockedOutName, Expect>>;
  setup: (actor: Actor) => Promise<Partial<Fixture>>;
  run: (fixture: Partial<Fixture>, actor: Actor) => Promise<Outcome>;
  /** For allowed calls: what must have changed. */
  changed?: (check: Check) => Promise<void> | void;
  /** A refusal that is itself logged: the one audit row (this action) it may add. */
  refusalAudit?: string;
};

const EDITORS: Scenario["expect"] = { writer: "forbidden", otherWriter: "forbidden", editor: "ok", admin: "ok" };
const OWNER_OR_EDITORS: Scenario["expect"] = { writer: "ok", otherWriter: "forbidden", editor: "ok", admin: "ok" };
const ALL_STAFF: Scenario["expect"] = { writer: "ok", otherWriter: "ok", editor: "ok", admin: "ok" };
const ADMINS: Scenario["expect"] = { writer: "forbidden", otherWriter: "forbidden", editor: "forbidden", admin: "ok" };
const everyStaff = (code: Expect): Scenario["expect"] => ({ writer: code, otherWriter: code, editor: code, admin: code });

const RELEASE_ACTIONS = "app/desk/releases/actions.ts";
const TRANSITIONS_ROUTE = "POST app/api/releases/[id]/transitions/route.ts";
const DRAFT_ROUTE = "PUT app/api/releases/[id]/draft/route.ts";

// --- Transitions, through the desk's action and through the route handler -----------------------

type TransitionCall = { action: string; comment?: string; at?: string; version?: (fixture: Partial<Fixture>) => number; extra?: Record<string, string> };

function callTransition(transport: "action" | "route", fixture: Partial<Fixture>, call: TransitionCall): Promise<Outcome> {
  const releaseId = fixture.releaseId!;
  const expectedVersion = call.version ? call.version(fixture) : fixture.version!;
  if (transport === "action") {
    const form = formData({ releaseId, action: call.action, expectedVersion: String(expectedVersion), comment: call.comment, at: call.at, ...call.extra });
    return actionOutcome(() => releaseActions.transitionReleaseAction(null, form));
  }
  const json = {
    action: call.action,
    expectedVersion,
    ...(call.comment ? { comment: call.comment } : {}),
    ...(call.at ? { at: { local: call.at } } : {}),
    ...call.extra,
  };
  return transitionsRoute.POST(post(`/api/releases/${releaseId}/transitions`, { json }), paramsOf(releaseId)).then(responseOutcome);
}

/** A transition that was allowed moved the release to `to`, bumped its version once and logged who did it. */
function transitioned(action: ReleaseAction, to: ReleaseStatus, more?: (check: Check, row: typeof releases.$inferSelect) => Promise<void> | void) {
  return async (check: Check) => {
    const row = await releaseRow(check.fixture.releaseId!);
    expect(row.status).toBe(to);
    expect(row.version).toBe(check.fixture.version! + 1);
    const audit = await lastAudit();
    expect({ action: audit.action, actor: audit.actorId, release: audit.releaseId }).toEqual({
      action,
      actor: check.actor.id,
      release: check.fixture.releaseId,
    });
    await more?.(check, row);
  };
}

async function releaseFixture(status: FixtureStatus, owner?: Viewer, prepare?: (id: string) => Promise<void>) {
  const releaseId = await releaseIn(status, owner);
  await prepare?.(releaseId);
  return { releaseId, version: await versionOf(releaseId) };
}

function transitionScenarios(transport: "action" | "route"): Scenario[] {
  const target = transport === "action" ? `${RELEASE_ACTIONS}#transitionReleaseAction` : TRANSITIONS_ROUTE;
  const scenario = (name: string, expect: Scenario["expect"], setup: Scenario["setup"], call: TransitionCall, changed?: Scenario["changed"]): Scenario => ({
    target,
    name,
    expect,
    setup,
    run: (fixture) => callTransition(transport, fixture, call),
    changed,
  });
  return [
    scenario("submit the writer's draft", OWNER_OR_EDITORS, () => releaseFixture("draft"), { action: "submit" }, transitioned("submit", "in_review")),
    scenario(
      "request changes on a release in review",
      EDITORS,
      () => releaseFixture("in_review"),
      { action: "request_changes", comment: "Add the figures." },
      transitioned("request_changes", "changes_requested", async ({ fixture, actor }) => {
        const comments = await database.db.select().from(releaseComments).where(eq(releaseComments.releaseId, fixture.releaseId!));
        expect(comments.map((comment) => [comment.authorId, comment.body, comment.action])).toEqual([[actor.id, "Add the figures.", "request_changes"]]);
      }),
    ),
    scenario(
      "request changes without saying what",
      { writer: "forbidden", otherWriter: "forbidden", editor: "invalid", admin: "invalid" },
      () => releaseFixture("in_review"),
      { action: "request_changes" },
    ),
    scenario(
      "approve a release in review that only the writer wrote",
      EDITORS,
      () => releaseFixture("in_review"),
      { action: "approve" },
      transitioned("approve", "approved", async ({ fixture, actor }, row) => {
        const [current] = (await revisionsOf(fixture.releaseId!)).slice(-1);
        expect({ by: row.approvedBy, revision: row.approvedRevisionId, hash: row.approvedContentHash }).toEqual({
          by: actor.id,
          revision: current!.id,
          hash: current!.contentHash,
        });
      }),
    ),
    scenario(
      "four-eyes: approve a release the editor edited in review",
      ADMINS,
      () => releaseFixture("in_review", undefined, (id) => saveAs(staff.editor, id)),
      { action: "approve" },
      transitioned("approve", "approved"),
    ),
    scenario(
      "four-eyes: approve the editor's own release",
      ADMINS,
      () => releaseFixture("in_review", staff.editor),
      { action: "approve" },
      transitioned("approve", "approved"),
    ),
    scenario(
      "publish an approved release",
      EDITORS,
      () => releaseFixture("approved"),
      { action: "publish" },
      transitioned("publish", "published", async ({ fixture, actor }, row) => {
        const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, fixture.releaseId!));
        expect(publication).toMatchObject({ revisionId: row.approvedRevisionId, publishedBy: actor.id, retractedAt: null });
      }),
    ),
    scenario(
      "schedule an approved release",
      EDITORS,
      () => releaseFixture("approved"),
      { action: "schedule", at: FUTURE },
      transitioned("schedule", "scheduled", (_check, row) => {
        expect(row.publishAt?.getUTCFullYear()).toBe(2099);
      }),
    ),
    scenario(
      "embargo an approved release",
      EDITORS,
      () => releaseFixture("approved"),
      { action: "embargo", at: FUTURE },
      transitioned("embargo", "embargoed", (_check, row) => {
        expect(row.embargoUntil?.getUTCFullYear()).toBe(2099);
      }),
    ),
    scenario("unschedule a scheduled release", EDITORS, () => releaseFixture("scheduled"), { action: "unschedule" }, transitioned("unschedule", "approved", (_check, row) => {
      expect(row.publishAt).toBeNull();
    })),
    scenario(
      "retract a published release",
      EDITORS,
      () => releaseFixture("published"),
      { action: "retract", comment: "Published by mistake." },
      transitioned("retract", "retracted", async ({ fixture }) => {
        const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, fixture.releaseId!));
        expect(publication?.retractedAt).toBeInstanceOf(Date);
        expect(publication?.retractionReason).toBe("Published by mistake.");
      }),
    ),
    scenario("move the writer's draft to the trash", OWNER_OR_EDITORS, () => releaseFixture("draft"), { action: "trash" }, transitioned("trash", "trashed", (_check, row) => {
      expect(row.deletedAt).toBeInstanceOf(Date);
    })),
    scenario("restore the writer's release from the trash", OWNER_OR_EDITORS, () => releaseFixture("trashed"), { action: "restore" }, transitioned("restore", "draft")),
    scenario("publish_due is the scheduler's alone", everyStaff("forbidden"), () => releaseFixture("scheduled"), { action: "publish_due" }),
    scenario(
      "publish a draft (wrong state)",
      { writer: "forbidden", otherWriter: "forbidden", editor: "conflict", admin: "conflict" },
      () => releaseFixture("draft"),
      { action: "publish" },
    ),
    scenario(
      "approve with a stale version",
      { writer: "forbidden", otherWriter: "forbidden", editor: "conflict", admin: "conflict" },
      () => releaseFixture("in_review"),
      { action: "approve", version: (fixture) => fixture.version! - 1 },
    ),
    scenario("an unknown release", everyStaff("not_found"), async () => ({ releaseId: crypto.randomUUID(), version: 1 }), { action: "submit" }),
    scenario("an action that does not exist", everyStaff("invalid"), () => releaseFixture("draft"), { action: "delete_everything" }),
    scenario("fields the client may not set", everyStaff("invalid"), () => releaseFixture("in_review"), {
      action: "approve",
      extra: { status: "published", approvedRevisionId: crypto.randomUUID(), authorId: crypto.randomUUID() },
    }),
  ];
}

// --- The rest of the release actions -----------------------------------------------------------

const releaseScenarios: Scenario[] = [
  {
    target: `${RELEASE_ACTIONS}#createReleaseAction`,
    name: "create a release",
    expect: ALL_STAFF,
    setup: async () => ({ name: unique("Created") }),
    run: (fixture) => actionOutcome(() => releaseActions.createReleaseAction({ contentJson: JSON.stringify(content({ headline: fixture.name })) })),
    changed: async ({ fixture, actor, outcome }) => {
      const [revision] = await database.db.select().from(releaseRevisions).where(eq(releaseRevisions.headline, fixture.name!));
      const row = await releaseRow(revision!.releaseId);
      expect({ createdBy: row.createdBy, status: row.status, author: revision!.authorId }).toEqual({ createdBy: actor.id, status: "draft", author: actor.id });
      expect(outcome.redirect).toBe(`/desk/releases/${row.id}`);
    },
  },
  ...saveScenarios("action"),
  ...saveScenarios("route"),
  {
    target: `${RELEASE_ACTIONS}#setSlugAction`,
    name: "change the address of the writer's draft",
    expect: OWNER_OR_EDITORS,
    setup: async () => ({ ...(await releaseFixture("draft")), slug: `matrix-${randomBytes(4).toString("hex")}` }),
    run: (fixture) =>
      actionOutcome(() =>
        releaseActions.setSlugAction(null, formData({ releaseId: fixture.releaseId, slug: fixture.slug, expectedVersion: String(fixture.version) })),
      ),
    changed: async ({ fixture }) => {
      expect((await releaseRow(fixture.releaseId!)).slug).toBe(fixture.slug);
    },
  },
  {
    target: `${RELEASE_ACTIONS}#setSlugAction`,
    name: "change the address of a published release",
    expect: { writer: "forbidden", otherWriter: "forbidden", editor: "conflict", admin: "conflict" },
    setup: async () => ({ ...(await releaseFixture("published")), slug: `matrix-${randomBytes(4).toString("hex")}` }),
    run: (fixture) =>
      actionOutcome(() =>
        releaseActions.setSlugAction(null, formData({ releaseId: fixture.releaseId, slug: fixture.slug, expectedVersion: String(fixture.version) })),
      ),
  },
  {
    target: `${RELEASE_ACTIONS}#linkTranslationAction`,
    name: "link two of the writer's releases as translations",
    expect: EDITORS,
    setup: async () => ({ releaseId: await releaseIn("draft"), otherId: await releaseIn("draft", staff.writer, { language: "fr" }) }),
    run: (fixture) => actionOutcome(() => releaseActions.linkTranslationAction(null, formData({ releaseId: fixture.releaseId, otherReleaseId: fixture.otherId }))),
    changed: async ({ fixture }) => {
      expect((await releaseRow(fixture.otherId!)).translationGroup).toBe((await releaseRow(fixture.releaseId!)).translationGroup);
    },
  },
  {
    target: `${RELEASE_ACTIONS}#unlinkTranslationAction`,
    name: "unlink a translation",
    expect: EDITORS,
    setup: async () => {
      const releaseId = await releaseIn("draft");
      const otherId = await releaseIn("draft", staff.writer, { language: "fr" });
      await linkTranslation(staff.deskEditor, { releaseId, otherReleaseId: otherId });
      return { releaseId, otherId };
    },
    run: (fixture) => actionOutcome(() => releaseActions.unlinkTranslationAction(null, formData({ releaseId: fixture.releaseId, otherReleaseId: fixture.otherId }))),
    changed: async ({ fixture }) => {
      expect((await releaseRow(fixture.otherId!)).translationGroup).not.toBe((await releaseRow(fixture.releaseId!)).translationGroup);
    },
  },
  {
    target: `${RELEASE_ACTIONS}#addCommentAction`,
    name: "comment on the writer's release",
    expect: ALL_STAFF,
    setup: () => releaseFixture("in_review"),
    run: (fixture) => actionOutcome(() => releaseActions.addCommentAction(null, formData({ releaseId: fixture.releaseId, body: "Check the date." }))),
    changed: async ({ fixture, actor }) => {
      const comments = await database.db.select().from(releaseComments).where(eq(releaseComments.releaseId, fixture.releaseId!));
      expect(comments.map((comment) => [comment.authorId, comment.body])).toEqual([[actor.id, "Check the date."]]);
    },
  },
  {
    target: `${RELEASE_ACTIONS}#addCommentAction`,
    name: "an empty comment",
    expect: everyStaff("invalid"),
    setup: () => releaseFixture("in_review"),
    run: (fixture) => actionOutcome(() => releaseActions.addCommentAction(null, formData({ releaseId: fixture.releaseId, body: "   " }))),
  },
  {
    target: `${RELEASE_ACTIONS}#mintShareLinkAction`,
    name: "mint a share link for an embargoed release",
    expect: EDITORS,
    setup: () => releaseFixture("embargoed"),
    run: (fixture) =>
      actionOutcome(() => releaseActions.mintShareLinkAction(null, formData({ releaseId: fixture.releaseId, label: "Wire agencies", validHours: "48" }))),
    changed: async ({ fixture, actor, outcome }) => {
      const links = await database.db.select().from(shareLinks).where(eq(shareLinks.releaseId, fixture.releaseId!));
      expect(links.map((link) => [link.createdBy, link.label])).toEqual([[actor.id, "Wire agencies"]]);
      expect((outcome.value as { url: string }).url).toMatch(/\/share\/[\w-]{40,}$/);
    },
  },
  {
    target: `${RELEASE_ACTIONS}#revokeShareLinkAction`,
    name: "revoke a share link",
    expect: EDITORS,
    setup: async () => {
      const fixture = await releaseFixture("embargoed");
      await mintShareLink(staff.deskEditor, { releaseId: fixture.releaseId, label: "Agencies", validHours: 24 });
      const [link] = await database.db.select().from(shareLinks).where(eq(shareLinks.releaseId, fixture.releaseId));
      return { ...fixture, linkId: link!.id };
    },
    run: (fixture) => actionOutcome(() => releaseActions.revokeShareLinkAction(null, formData({ releaseId: fixture.releaseId, linkId: fixture.linkId }))),
    changed: async ({ fixture }) => {
      const [link] = await database.db.select().from(shareLinks).where(eq(shareLinks.id, fixture.linkId!));
      expect(link?.revokedAt).toBeInstanceOf(Date);
    },
  },
  {
    target: "app/desk/releases/[id]/history/actions.ts#restoreRevisionAction",
    name: "restore the first revision of the writer's draft",
    expect: OWNER_OR_EDITORS,
    setup: () => releaseFixture("draft", undefined, (id) => saveAs(staff.writer, id)),
    run: (fixture) =>
      actionOutcome(() =>
        historyActions.restoreRevisionAction(
          null,
          formData({ releaseId: fixture.releaseId, revisionNumber: "1", expectedVersion: String(fixture.version) }),
        ),
      ),
    changed: async ({ fixture, actor, outcome }) => {
      const revisions = await revisionsOf(fixture.releaseId!);
      expect(revisions).toHaveLength(3);
      expect(revisions[2]).toMatchObject({ authorId: actor.id, contentHash: revisions[0]!.contentHash });
      expect(outcome.redirect).toBe(`/desk/releases/${fixture.releaseId}`);
    },
  },
  {
    target: "app/desk/releases/import/actions.ts#importDocumentAction",
    name: "preview pasted text (stores nothing)",
    expect: ALL_STAFF,
    setup: async () => ({}),
    run: () =>
      actionOutcome(() => importActions.importDocumentAction(formData({ source: "text", text: "Bridge opens\n\nThe minister opened the bridge today." }))),
    changed: ({ before, after, outcome }) => {
      expect((outcome.value as { headline: string }).headline).toBe("Bridge opens");
      expect(after).toEqual(before);
    },
  },
  {
    target: "app/desk/releases/import/actions.ts#createDraftFromImportAction",
    name: "create a draft from a reviewed import",
    expect: ALL_STAFF,
    setup: async () => ({ name: unique("Imported") }),
    run: (fixture) =>
      actionOutcome(() => importActions.createDraftFromImportAction({ headline: fixture.name!, bodyJson: JSON.stringify(doc("Imported text.")) })),
    changed: async ({ fixture, actor, outcome }) => {
      const [revision] = await database.db.select().from(releaseRevisions).where(eq(releaseRevisions.headline, fixture.name!));
      expect(revision?.authorId).toBe(actor.id);
      expect(outcome.redirect).toBe(`/desk/releases/${revision!.releaseId}`);
    },
  },
];

const withName = async (fixture: { releaseId: string; version: number }) => ({ ...fixture, name: unique("Saved") });

/** The autosave route's request, as the editor sends it. */
function putDraft(releaseId: string, init: { json?: unknown; body?: BodyInit; origin?: string | null; headers?: Record<string, string> } = {}) {
  const request = post(`/api/releases/${releaseId}/draft`, init);
  return draftRoute.PUT(new Request(request, { method: "PUT" }), paramsOf(releaseId)).then(responseOutcome);
}

/** Saves through the desk's Save (the server action) and through autosave (the draft route): the same rules. */
function saveScenarios(transport: "action" | "route"): Scenario[] {
  const target = transport === "action" ? `${RELEASE_ACTIONS}#saveReleaseAction` : DRAFT_ROUTE;
  const save = (fixture: Partial<Fixture>, extra: Json = {}) =>
    transport === "action"
      ? actionOutcome(() =>
          releaseActions.saveReleaseAction({
            releaseId: fixture.releaseId!,
            expectedVersion: fixture.version!,
            contentJson: JSON.stringify(content({ headline: fixture.name })),
            ...extra,
          }),
        )
      : putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content({ headline: fixture.name }), ...extra } });
  const savedBy = (to: ReleaseStatus, more?: (row: typeof releases.$inferSelect) => void) => async ({ fixture, actor }: Check) => {
    const row = await releaseRow(fixture.releaseId!);
    const revisions = await revisionsOf(fixture.releaseId!);
    expect({ status: row.status, version: row.version, current: row.currentRevisionId }).toEqual({
      status: to,
      version: fixture.version! + 1,
      current: revisions.at(-1)!.id,
    });
    expect(revisions.at(-1)).toMatchObject({ authorId: actor.id, headline: fixture.name });
    more?.(row);
  };
  return [
    { target, name: "save the writer's draft", expect: OWNER_OR_EDITORS, setup: async () => withName(await releaseFixture("draft")), run: (f) => save(f), changed: savedBy("draft") },
    {
      target,
      name: "save the writer's release sent back for changes",
      expect: OWNER_OR_EDITORS,
      setup: async () => withName(await releaseFixture("changes_requested")),
      run: (f) => save(f),
      changed: savedBy("changes_requested"),
    },
    { target, name: "save the writer's release in review", expect: EDITORS, setup: async () => withName(await releaseFixture("in_review")), run: (f) => save(f), changed: savedBy("in_review") },
    {
      target,
      name: "edit an approved release (voids the approval)",
      expect: EDITORS,
      setup: async () => withName(await releaseFixture("approved")),
      run: (f) => save(f),
      changed: async (check) => {
        await savedBy("in_review", (row) => {
          expect({ hash: row.approvedContentHash, at: row.approvedAt }).toEqual({ hash: null, at: null });
        })(check);
        expect((await lastAudit()).action).toBe("approval_voided");
      },
    },
    {
      target,
      name: "edit a published release (starts an update; the live version stays)",
      expect: EDITORS,
      setup: async () => withName(await releaseFixture("published")),
      run: (f) => save(f),
      changed: async (check) => {
        await savedBy("draft")(check);
        const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, check.fixture.releaseId!));
        expect(publication?.retractedAt).toBeNull();
        expect(check.after.publications).toEqual(check.before.publications);
      },
    },
    {
      target,
      name: "save a scheduled release",
      expect: { writer: "conflict", otherWriter: "conflict", editor: "conflict", admin: "conflict" },
      setup: async () => withName(await releaseFixture("scheduled")),
      run: (f) => save(f),
    },
    {
      target,
      name: "save with a stale version",
      expect: { writer: "conflict", otherWriter: "forbidden", editor: "conflict", admin: "conflict" },
      setup: async () => withName(await releaseFixture("draft", undefined, (id) => saveAs(staff.writer, id))),
      run: (f) => save({ ...f, version: f.version! - 1 }),
    },
    { target, name: "save an unknown release", expect: everyStaff("not_found"), setup: async () => ({ releaseId: crypto.randomUUID(), version: 1, name: "Nothing" }), run: (f) => save(f) },
    {
      target,
      name: "fields the client may not set",
      expect: everyStaff("invalid"),
      setup: async () => withName(await releaseFixture("draft")),
      run: (f) => save(f, { status: "published", authorId: actors.admin.id, approvedRevisionId: crypto.randomUUID() }),
    },
  ];
}

// --- Notifications, password, sign-out -----------------------------------------------------------

const accountScenarios: Scenario[] = [
  {
    target: "app/desk/actions.ts#signOutAction",
    name: "sign out",
    expect: { ...ALL_STAFF, anonymous: "ok", deactivated: "ok", revoked: "ok", pending: "ok" },
    setup: async () => {
      authSeam.signOuts.length = 0;
      return {};
    },
    run: () => actionOutcome(() => signOutActions.signOutAction()),
    changed: ({ before, after }) => {
      expect(authSeam.signOuts).toEqual([[{ redirectTo: "/login" }]]);
      expect(after).toEqual(before);
    },
  },
  {
    target: "app/desk/notification-actions.ts#markNotificationsReadAction",
    name: "mark one's own notifications read",
    expect: ALL_STAFF,
    setup: async () => {
      const ids = ACTOR_NAMES.map((name) => actors[name].id).filter((id): id is string => id !== null);
      await database.db.insert(notifications).values(ids.map((userId) => ({ userId, kind: "approved" as const, text: "Approved." })));
      return {};
    },
    run: () => actionOutcome(() => notificationActions.markNotificationsReadAction()),
    changed: async ({ actor }) => {
      const unread = await database.db.select({ userId: notifications.userId }).from(notifications).where(isNull(notifications.readAt));
      const unreadUsers = new Set(unread.map((row) => row.userId));
      expect(unreadUsers.has(actor.id!)).toBe(false);
      const others = ACTOR_NAMES.filter((name) => name !== actor.name && actors[name].id).map((name) => actors[name].id!);
      expect(others.every((id) => unreadUsers.has(id))).toBe(true);
    },
  },
  {
    target: "app/desk/password/actions.ts#changePasswordAction",
    name: "change one's own password",
    expect: { ...ALL_STAFF, pending: "ok" },
    setup: async () => {
      authSeam.signIns.length = 0;
      return { name: `Matrix-${randomBytes(8).toString("hex")}-pass` };
    },
    run: (fixture, actor) =>
      actionOutcome(() =>
        passwordActions.changePasswordAction(
          null,
          formData({ currentPassword: actor.password, newPassword: fixture.name, confirmPassword: fixture.name }),
        ),
      ),
    changed: async ({ fixture, actor, before, outcome }) => {
      const previous = (before.users as { id: string; password_hash: string; session_version: number }[]).find((row) => row.id === actor.id)!;
      const row = await userRow(actor.id!);
      expect(row.passwordHash).not.toBe(previous.password_hash);
      expect(row.sessionVersion).toBe(previous.session_version + 1);
      expect(row.mustChangePassword).toBe(false);
      expect(outcome.redirect).toBe("/desk");
      expect(authSeam.signIns).toHaveLength(1);
      actor.password = fixture.name!;
    },
  },
  {
    target: "app/desk/password/actions.ts#changePasswordAction",
    name: "change the password with a wrong current one",
    expect: { ...everyStaff("invalid"), pending: "invalid" },
    setup: async () => ({ name: `Matrix-${randomBytes(8).toString("hex")}-pass` }),
    run: (fixture) =>
      actionOutcome(() =>
        passwordActions.changePasswordAction(null, formData({ currentPassword: "wrong-password-123", newPassword: fixture.name, confirmPassword: fixture.name })),
      ),
  },
];

// --- Staff and settings (admins only) -------------------------------------------------------------

async function victim() {
  const { user } = await insertStaffMember(database.db, { email: `victim.${randomBytes(4).toString("hex")}@matrix.example`, name: "Victim", role: "writer" });
  return { userId: user.id, userVersion: user.version };
}

const STAFF_ACTIONS = "app/desk/staff/actions.ts";
const SETTINGS_ACTIONS = "app/desk/settings/actions.ts";

const adminScenarios: Scenario[] = [
  {
    target: `${STAFF_ACTIONS}#createStaffAction`,
    name: "add a staff member",
    expect: ADMINS,
    setup: async () => ({ name: `new.${randomBytes(4).toString("hex")}@matrix.example` }),
    run: (fixture) => actionOutcome(() => staffActions.createStaffAction(null, formData({ name: "New Person", email: fixture.name, role: "editor" }))),
    changed: async ({ fixture }) => {
      const [row] = await database.db.select().from(users).where(eq(users.email, fixture.name!));
      expect(row).toMatchObject({ role: "editor", active: true, mustChangePassword: true });
    },
  },
  {
    target: `${STAFF_ACTIONS}#createStaffAction`,
    name: "add a staff member with a field the form does not have",
    expect: { ...ADMINS, admin: "invalid" },
    setup: async () => ({ name: `new.${randomBytes(4).toString("hex")}@matrix.example` }),
    run: (fixture) =>
      actionOutcome(() => staffActions.createStaffAction(null, formData({ name: "New Person", email: fixture.name, role: "writer", active: "false" }))),
  },
  {
    target: `${STAFF_ACTIONS}#changeStaffRoleAction`,
    name: "make a writer an editor",
    expect: ADMINS,
    setup: victim,
    run: (fixture) =>
      actionOutcome(() => staffActions.changeStaffRoleAction(null, formData({ userId: fixture.userId, expectedVersion: String(fixture.userVersion), role: "editor" }))),
    changed: async ({ fixture }) => {
      expect(await userRow(fixture.userId!)).toMatchObject({ role: "editor", sessionVersion: 2, version: fixture.userVersion! + 1 });
    },
  },
  {
    target: `${STAFF_ACTIONS}#setStaffActiveAction`,
    name: "deactivate a writer",
    expect: ADMINS,
    setup: victim,
    run: (fixture) =>
      actionOutcome(() => staffActions.setStaffActiveAction(null, formData({ userId: fixture.userId, expectedVersion: String(fixture.userVersion), active: "false" }))),
    changed: async ({ fixture }) => {
      expect(await userRow(fixture.userId!)).toMatchObject({ active: false, sessionVersion: 2 });
    },
  },
  {
    target: `${STAFF_ACTIONS}#resetStaffPasswordAction`,
    name: "reset a writer's password",
    expect: ADMINS,
    setup: victim,
    run: (fixture) => actionOutcome(() => staffActions.resetStaffPasswordAction(null, formData({ userId: fixture.userId, expectedVersion: String(fixture.userVersion) }))),
    changed: async ({ fixture, before, outcome }) => {
      const previous = (before.users as { id: string; password_hash: string }[]).find((row) => row.id === fixture.userId)!;
      const row = await userRow(fixture.userId!);
      expect(row.passwordHash).not.toBe(previous.password_hash);
      expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: 2 });
      expect((outcome.value as { oneTimePassword: string }).oneTimePassword.length).toBeGreaterThan(10);
    },
  },
  {
    target: `${SETTINGS_ACTIONS}#updateSettingsAction`,
    name: "update the organisation's settings",
    expect: ADMINS,
    setup: async () => {
      const [row] = await database.db.select({ version: settings.version }).from(settings).where(eq(settings.id, 1));
      return { settingsVersion: row!.version, name: unique("Ministry of Examples") };
    },
    run: (fixture) => actionOutcome(() => settingsActions.updateSettingsAction(null, formData(settingsForm(fixture.settingsVersion!, fixture.name!)))),
    changed: async ({ fixture }) => {
      const [row] = await database.db.select().from(settings).where(eq(settings.id, 1));
      expect(row).toMatchObject({ organisationName: fixture.name, version: fixture.settingsVersion! + 1 });
    },
  },
  {
    target: `${SETTINGS_ACTIONS}#createTopicAction`,
    name: "add a topic",
    expect: ADMINS,
    setup: async () => ({ name: unique("Topic") }),
    run: (fixture) => actionOutcome(() => settingsActions.createTopicAction(null, formData({ name: fixture.name }))),
    changed: async ({ fixture }) => {
      expect(await database.db.select().from(topics).where(eq(topics.name, fixture.name!))).toHaveLength(1);
    },
  },
  {
    target: `${SETTINGS_ACTIONS}#deleteTopicAction`,
    name: "delete an unused topic",
    expect: ADMINS,
    setup: async () => ({ slug: (await createTopic(staff.admin, { name: unique("Doomed topic") })).slug }),
    run: (fixture) => actionOutcome(() => settingsActions.deleteTopicAction(null, formData({ slug: fixture.slug }))),
    changed: async ({ fixture }) => {
      expect(await database.db.select().from(topics).where(eq(topics.slug, fixture.slug!))).toHaveLength(0);
    },
  },
  {
    target: `${SETTINGS_ACTIONS}#createReleaseTypeAction`,
    name: "add a release type",
    expect: ADMINS,
    setup: async () => ({ name: unique("Type") }),
    run: (fixture) => actionOutcome(() => settingsActions.createReleaseTypeAction(null, formData({ name: fixture.name }))),
    changed: async ({ fixture }) => {
      expect(await database.db.select().from(releaseTypes).where(eq(releaseTypes.name, fixture.name!))).toHaveLength(1);
    },
  },
  {
    target: `${SETTINGS_ACTIONS}#deleteReleaseTypeAction`,
    name: "delete an unused release type",
    expect: ADMINS,
    setup: async () => ({ slug: (await createReleaseType(staff.admin, { name: unique("Doomed type") })).slug }),
    run: (fixture) => actionOutcome(() => settingsActions.deleteReleaseTypeAction(null, formData({ slug: fixture.slug }))),
    changed: async ({ fixture }) => {
      expect(await database.db.select().from(releaseTypes).where(eq(releaseTypes.slug, fixture.slug!))).toHaveLength(0);
    },
  },
];

function settingsForm(version: number, organisationName: string) {
  return {
    expectedVersion: String(version),
    organisationName,
    address: "1 Example Street\nExampletown",
    phones: "+41 22 111 11 11",
    fax: "",
    email: "press@matrix.example",
    website: "https://matrix.example",
    accentColor: "#224466",
    timeZone: "Europe/Zurich",
    defaultLanguage: "en",
    boilerplate: "An example organisation.",
    contactName: "Press Office",
    contactEmail: "press@matrix.example",
    contactPhone: "",
  };
}

// --- The job queue (admins only) ----------------------------------------------------------------

const JOB_ACTIONS = "app/desk/jobs/actions.ts";

/** A job in the given state, as the queue would have left it. */
async function jobIn(state: "queued" | "failed" | "dead") {
  const [row] = await database.db
    .insert(jobs)
    .values({
      kind: "matrix_test",
      payload: { n: 1 },
      state,
      attempts: state === "queued" ? 0 : 3,
      maxAttempts: 3,
      lastError: state === "queued" ? null : "the receiver is down",
      deadReason: state === "dead" ? "Gave up after 3 attempts: the receiver is down" : null,
    })
    .returning({ id: jobs.id });
  return { jobId: row!.id };
}

async function jobAudited(action: string, actor: Actor, jobId: string) {
  const audit = await lastAudit();
  expect({ action: audit.action, actor: audit.actorId, job: (audit.detail as { jobId?: string }).jobId }).toEqual({ action, actor: actor.id, job: jobId });
}

const jobScenarios: Scenario[] = [
  {
    target: `${JOB_ACTIONS}#retryJobAction`,
    name: "retry a dead job",
    expect: ADMINS,
    setup: () => jobIn("dead"),
    run: (fixture) => actionOutcome(() => jobActions.retryJobAction(null, formData({ id: fixture.jobId }))),
    changed: async ({ fixture, actor }) => {
      const [row] = await database.db.select().from(jobs).where(eq(jobs.id, fixture.jobId!));
      expect(row).toMatchObject({ state: "queued", attempts: 0, deadReason: null });
      await jobAudited("job_retried", actor, fixture.jobId!);
    },
  },
  {
    target: `${JOB_ACTIONS}#retryJobAction`,
    name: "retry a job that is still queued",
    expect: { ...ADMINS, admin: "conflict" },
    setup: () => jobIn("queued"),
    run: (fixture) => actionOutcome(() => jobActions.retryJobAction(null, formData({ id: fixture.jobId }))),
  },
  {
    target: `${JOB_ACTIONS}#retryJobAction`,
    name: "retry something that is not a job id",
    expect: { ...ADMINS, admin: "invalid" },
    setup: async () => ({}),
    run: () => actionOutcome(() => jobActions.retryJobAction(null, formData({ id: "'; drop table jobs; --" }))),
  },
  {
    target: `${JOB_ACTIONS}#discardJobAction`,
    name: "discard a failed job",
    expect: ADMINS,
    setup: () => jobIn("failed"),
    run: (fixture) => actionOutcome(() => jobActions.discardJobAction(null, formData({ id: fixture.jobId }))),
    changed: async ({ fixture, actor }) => {
      expect(await database.db.select().from(jobs).where(eq(jobs.id, fixture.jobId!))).toEqual([]);
      await jobAudited("job_discarded", actor, fixture.jobId!);
    },
  },
  {
    target: `${JOB_ACTIONS}#discardJobAction`,
    name: "discard a job with a field the form does not have",
    expect: { ...ADMINS, admin: "invalid" },
    setup: () => jobIn("dead"),
    run: (fixture) => actionOutcome(() => jobActions.discardJobAction(null, formData({ id: fixture.jobId, state: "done" }))),
  },
  {
    target: `${JOB_ACTIONS}#discardJobAction`,
    name: "discard something that is not a job id",
    expect: { ...ADMINS, admin: "invalid" },
    setup: async () => ({}),
    run: () => actionOutcome(() => jobActions.discardJobAction(null, formData({ id: "not-a-job" }))),
  },
  {
    target: `${JOB_ACTIONS}#discardJobAction`,
    name: "discard a job a worker is running",
    expect: { ...ADMINS, admin: "conflict" },
    setup: async () => {
      const fixture = await jobIn("queued");
      await database.db.update(jobs).set({ state: "running", attempts: 1, lockedBy: "matrix-worker", lockedUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, fixture.jobId));
      return fixture;
    },
    run: (fixture) => actionOutcome(() => jobActions.discardJobAction(null, formData({ id: fixture.jobId }))),
  },
];

// --- Route handlers ---------------------------------------------------------------------------------

const ANYONE = (code: Expect): Scenario["expect"] => ({ ...everyStaff(code), anonymous: code, deactivated: code, revoked: code, pending: code });

const routeScenarios: Scenario[] = [
  {
    target: TRANSITIONS_ROUTE,
    name: "a cross-site request (no Origin)",
    expect: ANYONE("forbidden"),
    setup: () => releaseFixture("in_review"),
    run: (fixture) =>
      transitionsRoute
        .POST(post(`/api/releases/${fixture.releaseId}/transitions`, { json: { action: "approve", expectedVersion: fixture.version }, origin: null }), paramsOf(fixture.releaseId!))
        .then(responseOutcome),
  },
  {
    target: TRANSITIONS_ROUTE,
    name: "a cross-site request (another site's Origin)",
    expect: ANYONE("forbidden"),
    setup: () => releaseFixture("in_review"),
    run: (fixture) =>
      transitionsRoute
        .POST(
          post(`/api/releases/${fixture.releaseId}/transitions`, { json: { action: "approve", expectedVersion: fixture.version }, origin: "https://evil.example" }),
          paramsOf(fixture.releaseId!),
        )
        .then(responseOutcome),
  },
  {
    target: TRANSITIONS_ROUTE,
    name: "a body that is not a JSON object",
    expect: everyStaff("bad_request"),
    setup: () => releaseFixture("in_review"),
    run: (fixture) =>
      transitionsRoute
        .POST(post(`/api/releases/${fixture.releaseId}/transitions`, { body: "action=approve", headers: { "content-type": "text/plain" } }), paramsOf(fixture.releaseId!))
        .then(responseOutcome),
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave twice: the writer's second autosave updates their revision, anyone else's is a revision of its own",
    expect: OWNER_OR_EDITORS,
    setup: async () => {
      const { releaseId } = await releaseFixture("draft");
      await saveRelease(staff.writer, { releaseId, expectedVersion: await versionOf(releaseId), content: content() }, { autosave: true });
      return { releaseId, version: await versionOf(releaseId), name: unique("Autosaved") };
    },
    run: (fixture) => putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content({ headline: fixture.name }) } }),
    changed: async ({ fixture, actor, before, after, outcome }) => {
      const row = await releaseRow(fixture.releaseId!);
      const revisions = await revisionsOf(fixture.releaseId!);
      expect(revisions.at(-1)).toMatchObject({ id: row.currentRevisionId, authorId: actor.id, headline: fixture.name });
      const added = (after.revisions as unknown[]).length - (before.revisions as unknown[]).length;
      expect(added).toBe(actor.name === "writer" ? 0 : 1);
      expect(outcome.value).toEqual({
        version: fixture.version! + 1,
        savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: "draft",
        statusChanged: false,
        newRevision: actor.name !== "writer",
        contentHash: revisions.at(-1)!.contentHash,
      });
      expect(JSON.stringify(outcome.value).length).toBeLessThan(300);
    },
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave on a stale version answers the version that won",
    expect: { writer: "conflict", otherWriter: "forbidden", editor: "conflict", admin: "conflict" },
    setup: async () => withName(await releaseFixture("draft", undefined, (id) => saveAs(staff.writer, id))),
    run: async (fixture) => {
      const request = post(`/api/releases/${fixture.releaseId}/draft`, { json: { expectedVersion: fixture.version! - 1, content: content({ headline: fixture.name }) } });
      const response = await draftRoute.PUT(new Request(request, { method: "PUT" }), paramsOf(fixture.releaseId!));
      if (response.status === 409) expect(await response.clone().json()).toMatchObject({ code: "conflict", currentVersion: fixture.version });
      return responseOutcome(response);
    },
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave without an Origin",
    expect: ANYONE("forbidden"),
    setup: async () => withName(await releaseFixture("draft")),
    run: (fixture) => putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content() }, origin: null }),
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave from another site",
    expect: ANYONE("forbidden"),
    setup: async () => withName(await releaseFixture("draft")),
    run: (fixture) => putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content() }, origin: "https://evil.example" }),
  },
  {
    target: DRAFT_ROUTE,
    name: "an autosave body that is not JSON",
    expect: everyStaff("bad_request"),
    setup: async () => withName(await releaseFixture("draft")),
    run: (fixture) => putDraft(fixture.releaseId!, { body: "expectedVersion=1", headers: { "content-type": "text/plain" } }),
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave of content that is not an object, or a version that is not a number",
    expect: everyStaff("invalid"),
    setup: async () => withName(await releaseFixture("draft")),
    run: async (fixture) => {
      const notObject = await putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: JSON.stringify(content()) } });
      if (notObject.code !== "invalid") return notObject;
      return putDraft(fixture.releaseId!, { json: { expectedVersion: String(fixture.version!), content: content() } });
    },
  },
  {
    target: DRAFT_ROUTE,
    name: "autosave of an unknown type or topic",
    expect: { writer: "invalid", otherWriter: "forbidden", editor: "invalid", admin: "invalid" },
    setup: async () => withName(await releaseFixture("draft")),
    run: async (fixture) => {
      const type = await putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content({ type: "no-such-type" }) } });
      if (type.code !== "invalid") return type;
      return putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content({ topics: ["no-such-topic"] }) } });
    },
  },
  {
    target: "POST app/api/releases/[id]/presence/route.ts",
    name: "say one has the writer's release open",
    expect: ALL_STAFF,
    setup: () => releaseFixture("draft"),
    run: (fixture) => presenceRoute.POST(post(`/api/releases/${fixture.releaseId}/presence`), paramsOf(fixture.releaseId!)).then(responseOutcome),
    changed: async ({ fixture, actor, outcome }) => {
      const rows = await database.db.select().from(releasePresence).where(eq(releasePresence.releaseId, fixture.releaseId!));
      expect(rows.map((row) => row.userId)).toEqual([actor.id]);
      expect(outcome.value).toEqual({ others: [] });
    },
  },
  {
    target: "POST app/api/releases/[id]/presence/route.ts",
    name: "presence on an unknown release",
    expect: everyStaff("not_found"),
    setup: async () => ({ releaseId: crypto.randomUUID() }),
    run: (fixture) => presenceRoute.POST(post(`/api/releases/${fixture.releaseId}/presence`), paramsOf(fixture.releaseId!)).then(responseOutcome),
  },
  {
    target: "POST app/api/releases/[id]/presence/route.ts",
    name: "presence from another site",
    expect: ANYONE("forbidden"),
    setup: () => releaseFixture("draft"),
    run: (fixture) =>
      presenceRoute.POST(post(`/api/releases/${fixture.releaseId}/presence`, { origin: "https://evil.example" }), paramsOf(fixture.releaseId!)).then(responseOutcome),
  },
  {
    target: "POST app/api/media/route.ts",
    name: "upload an image",
    expect: ALL_STAFF,
    setup: async () => ({}),
    run: () => mediaRoute.POST(post("/api/media", { body: uploadForm() })).then(responseOutcome),
    changed: async ({ actor, before, after, outcome }) => {
      expect(outcome.status).toBe(201);
      expect(after.media).toBe((before.media as number) + 1);
      const [row] = await database.db.select().from(media).where(eq(media.key, (outcome.value as { key: string }).key));
      expect(row?.createdBy).toBe(actor.id);
    },
  },
  {
    target: "POST app/api/media/route.ts",
    name: "upload from another site",
    expect: ANYONE("forbidden"),
    setup: async () => ({}),
    run: () => mediaRoute.POST(post("/api/media", { body: uploadForm(), origin: "https://evil.example" })).then(responseOutcome),
  },
  {
    target: "POST app/api/session/route.ts",
    name: "sign in with one's own email and password",
    // The anonymous visitor has no account; the deactivated one has the right password and is still refused.
    expect: { ...ALL_STAFF, anonymous: "unauthenticated", deactivated: "unauthenticated", revoked: "ok", pending: "ok" },
    refusalAudit: "sign_in_failed",
    setup: async () => {
      authSeam.signIns.length = 0;
      return {};
    },
    run: (_fixture, actor) => sessionRoute.POST(post("/api/session", { json: { email: actor.email, password: actor.password } })).then(responseOutcome),
    changed: async ({ actor, outcome }) => {
      expect(authSeam.signIns).toHaveLength(1);
      expect((outcome.value as { redirectTo: string }).redirectTo).toBe(actor.name === "pending" ? "/desk/password" : "/desk");
      expect((await userRow(actor.id!)).lastSignInAt).toBeInstanceOf(Date);
    },
  },
  {
    target: "POST app/api/session/route.ts",
    name: "sign in with a field the form does not have",
    expect: ANYONE("bad_request"),
    setup: async () => ({}),
    run: (_fixture, actor) => sessionRoute.POST(post("/api/session", { json: { email: actor.email, password: actor.password, role: "admin" } })).then(responseOutcome),
  },
  {
    target: "POST app/api/session/route.ts",
    name: "sign in from another site",
    expect: ANYONE("forbidden"),
    setup: async () => ({}),
    run: (_fixture, actor) =>
      sessionRoute.POST(post("/api/session", { json: { email: actor.email, password: actor.password }, origin: "https://evil.example" })).then(responseOutcome),
  },
  ...forgedForwardingScenarios(),
  {
    target: "POST app/api/internal/revalidate/route.ts",
    name: "expire caches without the process's token",
    expect: ANYONE("not_found"),
    setup: async () => ({}),
    run: () => revalidateRoute.POST(post("/api/internal/revalidate", { json: { all: true }, headers: { [INTERNAL_TOKEN_HEADER]: "a-guessed-token" } })).then(responseOutcome),
  },
];

/**
 * Another site's Origin together with forwarding headers that name that site (any client can send
 * them; with TRUST_PROXY=0 scripts/server.mjs drops them, but the handlers must not believe them either).
 */
function forgedForwardingScenarios(): Scenario[] {
  const origin = "https://evil.example";
  const forged: Record<string, Record<string, string>> = {
    "X-Forwarded-Host and X-Forwarded-Proto naming it": { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    "a Host naming it": { host: "evil.example" },
  };
  return Object.entries(forged).flatMap(([how, headers]): Scenario[] => [
    {
      target: TRANSITIONS_ROUTE,
      name: `publish from another site, with ${how}`,
      expect: ANYONE("forbidden"),
      setup: () => releaseFixture("approved"),
      run: (fixture) =>
        transitionsRoute
          .POST(post(`/api/releases/${fixture.releaseId}/transitions`, { json: { action: "publish", expectedVersion: fixture.version }, origin, headers }), paramsOf(fixture.releaseId!))
          .then(responseOutcome),
    },
    {
      target: DRAFT_ROUTE,
      name: `autosave from another site, with ${how}`,
      expect: ANYONE("forbidden"),
      setup: () => releaseFixture("draft"),
      run: (fixture) => putDraft(fixture.releaseId!, { json: { expectedVersion: fixture.version!, content: content() }, origin, headers }),
    },
    {
      target: "POST app/api/releases/[id]/presence/route.ts",
      name: `presence from another site, with ${how}`,
      expect: ANYONE("forbidden"),
      setup: () => releaseFixture("draft"),
      run: (fixture) => presenceRoute.POST(post(`/api/releases/${fixture.releaseId}/presence`, { origin, headers }), paramsOf(fixture.releaseId!)).then(responseOutcome),
    },
    {
      target: "POST app/api/media/route.ts",
      name: `upload from another site, with ${how}`,
      expect: ANYONE("forbidden"),
      setup: async () => ({}),
      run: () => mediaRoute.POST(post("/api/media", { body: uploadForm(), origin, headers })).then(responseOutcome),
    },
    {
      target: "POST app/api/session/route.ts",
      name: `sign in from another site, with ${how}`,
      expect: ANYONE("forbidden"),
      setup: async () => {
        authSeam.signIns.length = 0;
        return {};
      },
      run: async (_fixture, actor) => {
        const outcome = await responseOutcome(await sessionRoute.POST(post("/api/session", { json: { email: actor.email, password: actor.password }, origin, headers })));
        expect(authSeam.signIns).toHaveLength(0);
        return outcome;
      },
    },
  ]);
}

function uploadForm() {
  const form = new FormData();
  form.append("file", new File([png(2, 2)], "picture.png", { type: "image/png" }));
  return form;
}

const SCENARIOS: Scenario[] = [...transitionScenarios("action"), ...transitionScenarios("route"), ...releaseScenarios, ...accountScenarios, ...adminScenarios, ...jobScenarios, ...routeScenarios];

// ---------------------------------------------------------------------------------------------
// The tests

function expectationOf(scenario: Scenario, actor: ActorName): Expect {
  return (scenario.expect as Partial<Record<ActorName, Expect>>)[actor] ?? LOCKED_OUT[actor as LockedOutName];
}

describe("the matrix names every entry point", () => {
  it("every module with server actions has a row, and every export of each has scenarios allowing and refusing it", async () => {
    expect(serverActionModules(PROJECT)).toEqual(Object.keys(ACTIONS).sort());
    const missing: string[] = [];
    for (const [file, module] of Object.entries(ACTIONS)) {
      const dynamic = (await import(/* @vite-ignore */ path.join(PROJECT, file))) as Record<string, unknown>;
      expect(Object.keys(dynamic).sort(), file).toEqual(Object.keys(module).sort());
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function") continue;
        const rows = SCENARIOS.filter((scenario) => scenario.target === `${file}#${name}`);
        const outcomes = rows.flatMap((scenario) => ACTOR_NAMES.map((actor) => expectationOf(scenario, actor)));
        const refused = outcomes.some((code) => code !== "ok") || `${file}#${name}` in NEVER_REFUSED;
        if (!outcomes.includes("ok") || !refused) missing.push(`${file}#${name}`);
      }
    }
    expect(missing, "server actions without an allowed and a refused case").toEqual([]);
  });

  it("every mutating route handler has a row, tested or exempt with a reason", () => {
    expect(mutatingRouteHandlers(PROJECT)).toEqual(Object.keys(ROUTES).sort());
    for (const [route, row] of Object.entries(ROUTES)) {
      if ("exempt" in row) expect(row.exempt.length, route).toBeGreaterThan(40);
      else expect(SCENARIOS.some((scenario) => scenario.target === route), route).toBe(true);
    }
  });

  it("every scenario that allows someone says what the call must change", () => {
    const silent = SCENARIOS.filter((scenario) => ACTOR_NAMES.some((actor) => expectationOf(scenario, actor) === "ok") && !scenario.changed);
    expect(silent.map((scenario) => `${scenario.target}: ${scenario.name}`)).toEqual([]);
  });
});

describe.each(SCENARIOS.map((scenario) => [`${scenario.target} — ${scenario.name}`, scenario] as const))("%s", (_title, scenario) => {
  it.each(ACTOR_NAMES.map((actor) => [actor, expectationOf(scenario, actor)] as const))("%s → %s", async (name, expected) => {
    const actor = actors[name];
    await resetActors();
    const fixture = await scenario.setup(actor);
    const before = await snapshotDatabase(database);
    await signInAs(actor);
    let outcome: Outcome;
    try {
      outcome = await scenario.run(fixture, actor);
    } finally {
      authSeam.session = null;
    }
    const after = await snapshotDatabase(database);
    expect(outcome.code, outcome.message).toBe(expected);
    if (expected === "ok") {
      await scenario.changed!({ fixture, actor, before, after, outcome });
    } else {
      expect(outcome.status).toBe(EXPECTED_STATUS[expected]);
      if (scenario.target.includes("#")) expect(outcome.message ?? "", "a refusal says why").not.toBe("");
      if (scenario.refusalAudit) {
        expect(after.audit_rows).toBe((before.audit_rows as number) + 1);
        expect((await lastAudit()).action).toBe(scenario.refusalAudit);
        expect(withoutAudit(after)).toEqual(withoutAudit(before));
      } else {
        expect(after).toEqual(before);
      }
    }
  });
});

function withoutAudit({ audit_rows: _rows, audit_last: _last, ...rest }: Snapshot) {
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Strict inputs: fields the client may not set are refused with a message naming them, by someone
// who could otherwise make the call, and nothing changes.

const SERVER_OWNED: Record<string, string> = {
  status: "published",
  authorId: "00000000-0000-4000-8000-000000000000",
  publishedAt: "2020-01-01T00:00:00.000Z",
  approval: "approved",
  approvedRevisionId: "00000000-0000-4000-8000-000000000001",
};

type StrictCase = {
  name: string;
  actor: StaffName;
  setup: () => Promise<Partial<Fixture>>;
  run: (fixture: Partial<Fixture>, extra: Record<string, string>) => Promise<Outcome>;
};

const strictCases: StrictCase[] = [
  {
    name: "createReleaseAction, beside the content",
    actor: "writer",
    setup: async () => ({}),
    run: (_f, extra) => actionOutcome(() => releaseActions.createReleaseAction({ contentJson: JSON.stringify(content()), ...extra })),
  },
  {
    name: "createReleaseAction, inside the content",
    actor: "writer",
    setup: async () => ({}),
    run: (_f, extra) => actionOutcome(() => releaseActions.createReleaseAction({ contentJson: JSON.stringify(content(extra)) })),
  },
  {
    name: "saveReleaseAction, beside the content",
    actor: "editor",
    setup: () => releaseFixture("draft"),
    run: (f, extra) =>
      actionOutcome(() =>
        releaseActions.saveReleaseAction({ releaseId: f.releaseId!, expectedVersion: f.version!, contentJson: JSON.stringify(content()), ...extra }),
      ),
  },
  {
    name: "saveReleaseAction, inside the content",
    actor: "editor",
    setup: () => releaseFixture("draft"),
    run: (f, extra) =>
      actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: f.releaseId!, expectedVersion: f.version!, contentJson: JSON.stringify(content(extra)) })),
  },
  {
    name: "transitionReleaseAction (approve)",
    actor: "editor",
    setup: () => releaseFixture("in_review"),
    run: (f, extra) => callTransition("action", f, { action: "approve", extra }),
  },
  {
    name: "POST /api/releases/[id]/transitions (approve)",
    actor: "editor",
    setup: () => releaseFixture("in_review"),
    run: (f, extra) => callTransition("route", f, { action: "approve", extra }),
  },
  {
    name: "setSlugAction",
    actor: "writer",
    setup: () => releaseFixture("draft"),
    run: (f, extra) =>
      actionOutcome(() =>
        releaseActions.setSlugAction(null, formData({ releaseId: f.releaseId, slug: `matrix-${randomBytes(4).toString("hex")}`, expectedVersion: String(f.version), ...extra })),
      ),
  },
  {
    name: "addCommentAction",
    actor: "writer",
    setup: () => releaseFixture("draft"),
    run: (f, extra) => actionOutcome(() => releaseActions.addCommentAction(null, formData({ releaseId: f.releaseId, body: "A comment.", ...extra }))),
  },
  {
    name: "linkTranslationAction",
    actor: "editor",
    setup: async () => ({ releaseId: await releaseIn("draft"), otherId: await releaseIn("draft", staff.writer, { language: "fr" }) }),
    run: (f, extra) => actionOutcome(() => releaseActions.linkTranslationAction(null, formData({ releaseId: f.releaseId, otherReleaseId: f.otherId, ...extra }))),
  },
  {
    name: "mintShareLinkAction",
    actor: "editor",
    setup: () => releaseFixture("embargoed"),
    run: (f, extra) => actionOutcome(() => releaseActions.mintShareLinkAction(null, formData({ releaseId: f.releaseId, label: "", validHours: "24", ...extra }))),
  },
  {
    name: "restoreRevisionAction",
    actor: "writer",
    setup: () => releaseFixture("draft", undefined, (id) => saveAs(staff.writer, id)),
    run: (f, extra) =>
      actionOutcome(() =>
        historyActions.restoreRevisionAction(null, formData({ releaseId: f.releaseId, revisionNumber: "1", expectedVersion: String(f.version), ...extra })),
      ),
  },
  {
    name: "createDraftFromImportAction",
    actor: "writer",
    setup: async () => ({}),
    run: (_f, extra) =>
      actionOutcome(() => importActions.createDraftFromImportAction({ headline: unique("Imported"), bodyJson: JSON.stringify(doc("Text.")), ...extra })),
  },
  {
    name: "changeStaffRoleAction",
    actor: "admin",
    setup: victim,
    run: (f, extra) =>
      actionOutcome(() => staffActions.changeStaffRoleAction(null, formData({ userId: f.userId, expectedVersion: String(f.userVersion), role: "editor", ...extra }))),
  },
  {
    name: "updateSettingsAction",
    actor: "admin",
    setup: async () => {
      const [row] = await database.db.select({ version: settings.version }).from(settings).where(eq(settings.id, 1));
      return { settingsVersion: row!.version };
    },
    run: (f, extra) => actionOutcome(() => settingsActions.updateSettingsAction(null, formData({ ...settingsForm(f.settingsVersion!, unique("Org")), ...extra }))),
  },
];

describe("strict inputs refuse fields the client may not set", () => {
  describe.each(strictCases.map((strict) => [strict.name, strict] as const))("%s", (_name, strict) => {
    it.each(Object.keys(SERVER_OWNED))("%s", async (key) => {
      await resetActors();
      const fixture = await strict.setup();
      const before = await snapshotDatabase(database);
      await signInAs(actors[strict.actor]);
      let outcome: Outcome;
      try {
        outcome = await strict.run(fixture, { [key]: SERVER_OWNED[key]! });
      } finally {
        authSeam.session = null;
      }
      expect({ code: outcome.code, status: outcome.status }).toEqual({ code: "invalid", status: 422 });
      expect(outcome.message).toContain(key);
      expect(await snapshotDatabase(database)).toEqual(before);
    });
  });

  it("the same calls without the extra field are allowed (so the refusals above are about the field)", async () => {
    for (const strict of strictCases) {
      await resetActors();
      const fixture = await strict.setup();
      await signInAs(actors[strict.actor]);
      try {
        const outcome = await strict.run(fixture, {});
        expect(outcome.code, `${strict.name}: ${outcome.message}`).toBe("ok");
      } finally {
        authSeam.session = null;
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Four-eyes across edits: the approver may not be an author of any revision since the last approval.

describe("four-eyes approval through the desk's action", () => {
  async function approveAs(name: ActorName | "deskEditor", releaseId: string) {
    const actor: Actor =
      name === "deskEditor" ? { name: "editor", id: staff.deskEditor.id, email: staff.deskEditor.email, password: "", role: "editor" } : actors[name];
    await signInAs(actor);
    try {
      const form = formData({ releaseId, action: "approve", expectedVersion: String(await versionOf(releaseId)) });
      return await actionOutcome(() => releaseActions.transitionReleaseAction(null, form));
    } finally {
      authSeam.session = null;
    }
  }

  it("an editor who edits an approved release voids the approval and cannot approve it again; another editor can", async () => {
    await resetActors();
    const releaseId = await releaseIn("approved");
    const approved = await releaseRow(releaseId);
    expect(approved.approvedContentHash).not.toBeNull();

    await signInAs(actors.editor);
    try {
      const saved = await actionOutcome(() =>
        releaseActions.saveReleaseAction({ releaseId, expectedVersion: approved.version, contentJson: JSON.stringify(content({ headline: unique("Edited after approval") })) }),
      );
      expect(saved.code).toBe("ok");
    } finally {
      authSeam.session = null;
    }
    const voided = await releaseRow(releaseId);
    expect({ status: voided.status, hash: voided.approvedContentHash, at: voided.approvedAt }).toEqual({ status: "in_review", hash: null, at: null });

    const before = await snapshotDatabase(database);
    const refused = await approveAs("editor", releaseId);
    expect({ code: refused.code, status: refused.status }).toEqual({ code: "forbidden", status: 403 });
    expect(refused.message).toMatch(/someone else must approve/);
    expect(await snapshotDatabase(database)).toEqual(before);

    expect((await approveAs("admin", releaseId)).code).toBe("ok");
    const reapproved = await releaseRow(releaseId);
    expect({ status: reapproved.status, by: reapproved.approvedBy, revision: reapproved.approvedRevisionId }).toEqual({
      status: "approved",
      by: actors.admin.id,
      revision: voided.currentRevisionId,
    });
  });

  it("only revisions since the last approval count: an earlier author may approve later edits by someone else", async () => {
    await resetActors();
    const releaseId = await releaseIn("in_review");
    await saveAs(staff.editor, releaseId); // the editor writes revision 2
    await move(staff.deskEditor, releaseId, "approve"); // the desk editor approves it
    await saveAs(staff.deskEditor, releaseId); // then edits it: approval voided, revision 3 is theirs

    const before = await snapshotDatabase(database);
    expect((await approveAs("deskEditor", releaseId)).code).toBe("forbidden");
    expect(await snapshotDatabase(database)).toEqual(before);

    expect((await approveAs("editor", releaseId)).code).toBe("ok");
    expect((await releaseRow(releaseId)).approvedBy).toBe(actors.editor.id);
  });
});
