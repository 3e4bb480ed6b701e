
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { checkAuditChain } from "@/db/audit/check-audit-chain";
import { listAuditFilters } from "@/db/audit/list-audit-filters";
import { listAuditTrail } from "@/db/audit/list-audit-trail";
import { listReleaseAudit } from "@/db/audit/list-release-audit";
import { createRelease } from "@/db/releases/create";
import { auditLog } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, approveDraft } from "../support/workflow";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
let admin: Viewer;
let first: string;
let second: string;

async function expectAppError(promise: Promise<unknown>, code: ErrorCode) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error, `expected AppError(${code})`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

const body = doc("Text.");

beforeAll(async () => {
  database = await createTestDatabase();
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
  admin = await makeStaff(database.db, "admin");
  first = (await createRelease(writer, { headline: "First release", body })).id;
  second = (await createRelease(writer, { headline: "Second release", body })).id;
  await actOnRelease(writer, first, "submit");
  await actOnRelease(editor, first, "request_changes", "Name the minister.");
  await approveDraft(writer, editor, first);
  await actOnRelease(writer, second, "submit");
});

afterAll(async () => {
  await database?.drop();
});

describe("the site-wide audit trail", () => {
  it("is refused to writers and editors by the query functions themselves", async () => {
    for (const viewer of [writer, editor]) {
      await expectAppError(listAuditTrail(viewer), "forbidden");
      await expectAppError(listAuditFilters(viewer), "forbidden");
      await expectAppError(checkAuditChain(viewer), "forbidden");
    }
  });

  it("shows an admin every row, newest first, paged by id without gaps or overlaps", async () => {
    const all = await database.db.select({ id: auditLog.id }).from(auditLog);
    const expected = all.map((row) => row.id).sort((a, b) => b - a);

    const seen: number[] = [];
    let page = await listAuditTrail(admin, { limit: 3 });
    expect(page.newer).toBeNull();
    for (;;) {
      seen.push(...page.entries.map((entry) => entry.id));
      if (page.older === null) break;
      const next = await listAuditTrail(admin, { limit: 3, before: page.older });
      expect(next.newer).toBe(next.entries[0]!.id);
      page = next;
    }
    expect(seen).toEqual(expected);

    // Going back towards the newest page from the oldest one.
    const back = await listAuditTrail(admin, { limit: 3, after: page.entries[0]!.id });
    expect(back.entries.map((entry) => entry.id)).toEqual(expected.slice(expected.length - page.entries.length - 3, expected.length - page.entries.length));
    expect(back.older).toBe(back.entries.at(-1)!.id);
  });

  it("names the actor, the states, the revision and the comment, and filters by action and by actor", async () => {
    const changes = await listAuditTrail(admin, { action: "request_changes" });
    expect(changes.entries).toHaveLength(1);
    expect(changes.entries[0]).toMatchObject({
      action: "request_changes",
      actorName: editor.name,
      fromState: "in_review",
      toState: "changes_requested",
      revisionNumber: 1,
      comment: "Name the minister.",
      releaseId: first,
      releaseHeadline: "First release",
    });

    const byEditor = await listAuditTrail(admin, { actorId: editor.id });
    expect(byEditor.entries.map((entry) => entry.action)).toEqual(["approve", "request_changes"]);
    expect(byEditor.entries.every((entry) => entry.actorName === editor.name)).toBe(true);

    const both = await listAuditTrail(admin, { actorId: writer.id, action: "submit" });
    expect(both.entries.map((entry) => entry.releaseId)).toEqual([second, first, first]);

    const filters = await listAuditFilters(admin);
    expect(filters.actions).toEqual(expect.arrayContaining(["approve", "release_created", "request_changes", "submit"]));
    expect(filters.actors.map((actor) => actor.id)).toEqual(expect.arrayContaining([writer.id, editor.id, admin.id]));
  });

  it("refuses malformed filters and cursors", async () => {
    await expectAppError(listAuditTrail(admin, { action: "drop table;" }), "invalid");
    await expectAppError(listAuditTrail(admin, { actorId: "someone" }), "invalid");
    await expectAppError(listAuditTrail(admin, { before: "x" }), "invalid");
    await expectAppError(listAuditTrail(admin, { before: 5, after: 2 }), "invalid");
  });

  it("reports an intact chain, and the row where it breaks", async () => {
    expect(await checkAuditChain(admin)).toMatchObject({ ok: true });
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, "request_changes"));
    await database.db.update(auditLog).set({ comment: "Something else." }).where(eq(auditLog.id, row!.id));
    try {
      expect(await checkAuditChain(admin)).toMatchObject({ ok: false, brokenId: row!.id });
    } finally {
      await database.db.update(auditLog).set({ comment: row!.comment }).where(eq(auditLog.id, row!.id));
    }
    expect(await checkAuditChain(admin)).toMatchObject({ ok: true });
  });
});

describe("a release's audit trail", () => {
  it("lists only that release's rows, newest first, to any staff member", async () => {
    const rows = await listReleaseAudit(writer, first);
    expect(rows.map((row) => [row.action, row.fromState, row.toState, row.actorName])).toEqual([
      ["approve", "in_review", "approved", editor.name],
      ["submit", "changes_requested", "in_review", writer.name],
      ["request_changes", "in_review", "changes_requested", editor.name],
      ["submit", "draft", "in_review", writer.name],
      ["release_created", null, "draft", writer.name],
    ]);
    expect(rows.every((row) => row.releaseId === first)).toBe(true);
    expect(rows.every((row) => row.address === null)).toBe(true);

    const other = await listReleaseAudit(editor, second);
    expect(other.map((row) => row.action)).toEqual(["submit", "release_created"]);
    expect(other.every((row) => row.releaseId === second)).toBe(true);
  });

  it("is not found for a malformed or unknown release, and refused before a one-time password is changed", async () => {
    await expectAppError(listReleaseAudit(writer, "not-a-uuid"), "not_found");
    await expectAppError(listReleaseAudit(writer, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectAppError(listReleaseAudit({ ...writer, mustChangePassword: true }, first), "forbidden");
  });
});
