import { randomBytes } from "node:crypto";
import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { createRelease } from "@/db/releases/create";
import { getRevisionPair, listRevisions, restoreRevision } from "@/db/releases/revisions";
import { COALESCE_WINDOW, saveRelease } from "@/db/releases/save";
import { transitionRelease } from "@/db/releases/transition";
import { auditLog, publications, releaseRevisions, releases, releaseTypes } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease } from "../support/workflow";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** Full content as the editor sends it; no type unless the test gives one. */
function content(headline: string, ...paragraphs: string[]) {
  return { type: null as string | null, headline, body: doc(...(paragraphs.length ? paragraphs : ["The first paragraph of the release."])) };
}

const unique = (headline: string) => `${headline} ${randomBytes(3).toString("hex")}`;

async function releaseRow(id: string) {
  const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
  if (!row) throw new Error(`no release ${id}`);
  return row;
}

async function revisionsOf(id: string) {
  return database.db.select().from(releaseRevisions).where(eq(releaseRevisions.releaseId, id)).orderBy(asc(releaseRevisions.number));
}

async function auditOf(id: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.releaseId, id)).orderBy(asc(auditLog.id));
}

async function countOf(table: typeof releases | typeof releaseRevisions | typeof publications | typeof auditLog) {
  const [row] = await database.db.select({ rows: count() }).from(table);
  return row!.rows;
}

async function snapshot(id: string) {
  return {
    release: await releaseRow(id),
    revisions: await revisionsOf(id),
    audit: await auditOf(id),
    counts: { revisions: await countOf(releaseRevisions), audit: await countOf(auditLog), publications: await countOf(publications) },
  };
}

async function expectAppError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected AppError(${code})`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

async function save(viewer: Viewer, releaseId: string, value: unknown, now?: Date) {
  const { version } = await releaseRow(releaseId);
  return saveRelease(viewer, { releaseId, expectedVersion: version, content: value }, { autosave: true, ...(now ? { now } : {}) });
}

async function restore(viewer: Viewer, releaseId: string, revisionNumber: number) {
  const { version } = await releaseRow(releaseId);
  return restoreRevision(viewer, { releaseId, revisionNumber, expectedVersion: version });
}

/** Moves the current revision's last write `minutes` into the past, as if time had passed. */
async function ageCurrentRevision(releaseId: string, minutes: number) {
  const { currentRevisionId } = await releaseRow(releaseId);
  await database.db
    .update(releaseRevisions)
    .set({ updatedAt: new Date(Date.now() - minutes * 60_000) })
    .where(eq(releaseRevisions.id, currentRevisionId!));
}

/** A release whose first revision is already outside the window, so the next save starts revision 2. */
async function settledRelease(writer: Viewer, headline = unique("Settled"), ...paragraphs: string[]) {
  const { id } = await createRelease(writer, content(headline, ...paragraphs));
  await ageCurrentRevision(id, 60);
  return id;
}

// ---------------------------------------------------------------------------------------------

describe("coalescing saves", () => {
  it("is five minutes", () => {
    expect(COALESCE_WINDOW).toBe(5 * 60 * 1000);
  });

  it("two saves by the same author within the window update one revision in place", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Coalesced");
    const id = await settledRelease(writer, headline);

    expect(await save(writer, id, content(headline, "First draft of the text."))).toEqual({ version: 2, changed: true });
    const [, second] = await revisionsOf(id);
    expect(second!.number).toBe(2);

    expect(await save(writer, id, content(headline, "Second, better draft of the text."))).toEqual({ version: 3, changed: true });
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    const updated = revisions[1]!;
    expect(updated.id).toBe(second!.id);
    expect(updated.authorId).toBe(writer.id);
    expect(updated.body).toEqual(doc("Second, better draft of the text."));
    expect(updated.contentHash).not.toBe(second!.contentHash);
    expect(updated.createdAt).toEqual(second!.createdAt);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(second!.updatedAt.getTime());
    const row = await releaseRow(id);
    expect(row.version).toBe(3);
    expect(row.currentRevisionId).toBe(second!.id);
    expect(row.status).toBe("draft");
  });

  it("a save by another author starts a new revision, and so does the first author's next save", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const headline = unique("Two hands");
    const { id } = await createRelease(writer, content(headline));

    await save(editor, id, content(headline, "The editor's wording."));
    await save(writer, id, content(headline, "The writer's wording again."));
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => [revision.number, revision.authorId])).toEqual([
      [1, writer.id],
      [2, editor.id],
      [3, writer.id],
    ]);
    expect(revisions[1]!.body).toEqual(doc("The editor's wording."));
    expect((await releaseRow(id)).currentRevisionId).toBe(revisions[2]!.id);
  });

  it("a save after the window starts a new revision (revision aged in the database)", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Later");
    const id = await settledRelease(writer, headline);
    await save(writer, id, content(headline, "Morning text."));
    await ageCurrentRevision(id, 6);
    await save(writer, id, content(headline, "Afternoon text."));
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2, 3]);
    expect(revisions[1]!.body).toEqual(doc("Morning text."));
    expect(revisions[2]!.body).toEqual(doc("Afternoon text."));
  });

  it("a save after the window starts a new revision (the save's own clock)", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Clock");
    const { id } = await createRelease(writer, content(headline));
    const later = new Date(Date.now() + COALESCE_WINDOW + 60_000);
    await save(writer, id, content(headline, "Six minutes later."), later);
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    expect(revisions[1]!.updatedAt).toEqual(later);
    // And within the window of that save, the next one merges into it.
    await save(writer, id, content(headline, "Seven minutes later."), new Date(later.getTime() + 60_000));
    expect((await revisionsOf(id)).map((revision) => revision.number)).toEqual([1, 2]);
  });

  it("a save with unchanged content touches nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Same");
    const { id } = await createRelease(writer, content(headline));
    const before = await snapshot(id);
    expect(await save(writer, id, content(headline))).toEqual({ version: 1, changed: false });
    expect(await snapshot(id)).toEqual(before);
  });

  it("the approved revision is never updated in place: its author's edit is a new revision and voids the approval", async () => {
    const author = await makeStaff(database.db, "editor", "author editor");
    const approver = await makeStaff(database.db, "editor", "approver editor");
    const headline = unique("Approved");
    const { id } = await createRelease(author, content(headline, "Approved wording."));
    await actOnRelease(author, id, "submit");
    await actOnRelease(approver, id, "approve");
    const approved = await releaseRow(id);
    const [revision1] = await revisionsOf(id);
    expect(approved.approvedRevisionId).toBe(revision1!.id);
    // Still well within the window of revision 1, by its author.
    expect(Date.now() - revision1!.updatedAt.getTime()).toBeLessThan(COALESCE_WINDOW);

    await save(author, id, content(headline, "Quietly changed wording."));
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    expect(revisions[0]).toEqual(revision1);
    const row = await releaseRow(id);
    expect(row.currentRevisionId).toBe(revisions[1]!.id);
    expect(row.status).toBe("in_review");
    expect(row.approvedContentHash).toBeNull();
    // Four-eyes holds: the author of the new revision cannot approve it.
    await expectAppError(actOnRelease(author, id, "approve"), "forbidden");
  });

  it("the published revision is never updated in place: an update is a new revision; the live text stays", async () => {
    const author = await makeStaff(database.db, "editor", "author editor");
    const publisher = await makeStaff(database.db, "editor", "publisher editor");
    const headline = unique("Live");
    const { id } = await createRelease(author, content(headline, "Live wording."));
    await actOnRelease(author, id, "submit");
    await actOnRelease(publisher, id, "approve");
    await actOnRelease(publisher, id, "publish");
    const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
    const [revision1] = await revisionsOf(id);

    await save(author, id, content(headline, "Update in progress."));
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    expect(revisions[0]).toEqual(revision1);
    expect((await releaseRow(id)).status).toBe("draft");
    const [still] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
    expect(still).toEqual(publication);
  });

  it("a revision the workflow acted on (submitted, sent back) is not updated in place", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const headline = unique("Reviewed");
    const { id } = await createRelease(writer, content(headline, "What the editor reviewed."));
    await actOnRelease(writer, id, "submit");
    await transitionRelease(editor, { releaseId: id, action: "request_changes", expectedVersion: (await releaseRow(id)).version, comment: "Shorter." });
    const [reviewed] = await revisionsOf(id);

    await save(writer, id, content(headline, "Shorter."));
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    expect(revisions[0]).toEqual(reviewed);
    // The new revision is ordinary: the writer's next save within the window merges into it.
    await save(writer, id, content(headline, "Shorter still."));
    expect((await revisionsOf(id)).map((revision) => revision.number)).toEqual([1, 2]);
  });
});

describe("restoring a revision", () => {
  it("makes a new revision with the old content, bumps the version and records revision_restored", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Restore");
    const id = await settledRelease(writer, headline, "The original text.");
    await save(writer, id, content(`${headline} (edited)`, "A rewrite nobody liked."));
    const before = await releaseRow(id);
    const [original, rewrite] = await revisionsOf(id);

    // Same author, within the window of revision 2: a restore still never merges into it.
    expect(await restore(writer, id, 1)).toEqual({ version: before.version + 1, changed: true });
    const revisions = await revisionsOf(id);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2, 3]);
    expect(revisions[1]).toEqual(rewrite);
    const restored = revisions[2]!;
    expect(restored.authorId).toBe(writer.id);
    expect(restored.headline).toBe(original!.headline);
    expect(restored.body).toEqual(original!.body);
    expect(restored.typeId).toBe(original!.typeId);
    expect(restored.contentHash).toBe(original!.contentHash);
    const row = await releaseRow(id);
    expect(row.version).toBe(before.version + 1);
    expect(row.currentRevisionId).toBe(restored.id);
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: "revision_restored",
      actorId: writer.id,
      actorEmail: writer.email,
      revisionId: restored.id,
      detail: { fromRevision: 1 },
    });
  });

  it("follows the save rules: restoring on an approved release voids the approval", async () => {
    const writer = await makeStaff(database.db, "writer");
    const approver = await makeStaff(database.db, "editor", "approver editor");
    const corrector = await makeStaff(database.db, "editor", "corrector editor");
    const headline = unique("Approved restore");
    const id = await settledRelease(writer, headline, "First version.");
    await save(writer, id, content(headline, "Second version."));
    await actOnRelease(writer, id, "submit");
    await actOnRelease(approver, id, "approve");

    await restore(corrector, id, 1);
    const row = await releaseRow(id);
    expect(row.status).toBe("in_review");
    expect(row.approvedContentHash).toBeNull();
    expect((await auditOf(id)).slice(-2).map((entry) => entry.action)).toEqual(["approval_voided", "revision_restored"]);
    await expectAppError(actOnRelease(corrector, id, "approve"), "forbidden");
  });

  it("restoring text identical to the current revision changes nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Same again");
    const id = await settledRelease(writer, headline, "Text A.");
    await save(writer, id, content(headline, "Text B."));
    await ageCurrentRevision(id, 10);
    await save(writer, id, content(headline, "Text A."));
    const before = await snapshot(id);
    expect(await restore(writer, id, 1)).toEqual({ version: before.release.version, changed: false });
    expect(await snapshot(id)).toEqual(before);
  });

  it("a stale restore is a conflict and changes nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Stale restore");
    const id = await settledRelease(writer, headline);
    await save(writer, id, content(headline, "Newer text."));
    const before = await snapshot(id);
    const error = await expectAppError(restoreRevision(writer, { releaseId: id, revisionNumber: 1, expectedVersion: 1 }), "conflict");
    expect(error.details).toEqual({ currentVersion: before.release.version });
    expect(await snapshot(id)).toEqual(before);
  });

  it("a writer cannot restore someone else's release, nor their own once it is in review; nothing changes", async () => {
    const owner = await makeStaff(database.db, "writer", "owner writer");
    const other = await makeStaff(database.db, "writer", "other writer");
    const headline = unique("Not yours");
    const id = await settledRelease(owner, headline);
    await save(owner, id, content(headline, "Owner's second text."));

    let before = await snapshot(id);
    await expectAppError(restore(other, id, 1), "forbidden", /only edit your own/);
    expect(await snapshot(id)).toEqual(before);

    await actOnRelease(owner, id, "submit");
    before = await snapshot(id);
    await expectAppError(restore(owner, id, 1), "forbidden");
    expect(await snapshot(id)).toEqual(before);
  });

  it("an unknown revision or malformed input is refused and changes nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const id = await settledRelease(writer);
    const before = await snapshot(id);
    await expectAppError(restore(writer, id, 99), "not_found");
    await expectAppError(restoreRevision(writer, { releaseId: id, revisionNumber: 1, expectedVersion: 1, extra: true }), "invalid");
    await expectAppError(restoreRevision(writer, { releaseId: id, revisionNumber: "one", expectedVersion: 1 }), "invalid");
    expect(await snapshot(id)).toEqual(before);
  });

  it("someone who may not edit the release learns nothing of its revisions: an existing and a missing one are refused alike", async () => {
    const owner = await makeStaff(database.db, "writer");
    const other = await makeStaff(database.db, "writer");
    const id = await settledRelease(owner);
    const before = await snapshot(id);
    await expectAppError(restore(other, id, 1), "forbidden");
    await expectAppError(restore(other, id, 99), "forbidden");
    expect(await snapshot(id)).toEqual(before);
  });
});

describe("listing and comparing revisions", () => {
  it("lists revisions newest first with authors, markers and the size of each change", async () => {
    const writer = await makeStaff(database.db, "writer", "wendy writer");
    const editor = await makeStaff(database.db, "editor", "eddie editor");
    const headline = "Acme opens a plant";
    const type = `media-advisory-${randomBytes(3).toString("hex")}`;
    await database.db.insert(releaseTypes).values({ slug: type, name: "Media advisory", position: 100 });
    // Revision 1 against nothing: headline 4 + body 5 + type "Media advisory" 2 + language "en" 1.
    const { id } = await createRelease(writer, { ...content(headline, "The plant employs 200 people."), type });
    await ageCurrentRevision(id, 60);
    // Revision 2: one word changed (200 → 250) and a paragraph of three words added.
    await save(writer, id, { ...content(headline, "The plant employs 250 people.", "Production starts soon."), type });
    // Revision 3 by the editor: the headline gains a word.
    await save(editor, id, { ...content("Acme opens a new plant", "The plant employs 250 people.", "Production starts soon."), type });
    await actOnRelease(writer, id, "submit");
    const other = await makeStaff(database.db, "editor", "approver editor");
    await actOnRelease(other, id, "approve");

    const history = await listRevisions(writer, id);
    const row = await releaseRow(id);
    expect(history.release).toEqual({ id, slug: row.slug, status: "approved", version: row.version, headline: "Acme opens a new plant" });
    expect(history.canRestore).toBe(false);
    expect(
      history.revisions.map((revision) => [revision.number, revision.authorName, revision.wordsAdded, revision.wordsRemoved, revision.isCurrent, revision.isApproved]),
    ).toEqual([
      [3, "eddie editor", 1, 0, true, true],
      [2, "wendy writer", 4, 1, false, false],
      [1, "wendy writer", 12, 0, false, false],
    ]);
    expect(history.revisions.every((revision) => !revision.isPublished && !revision.isLive)).toBe(true);
    expect(history.revisions[2]!.createdAt).toBeInstanceOf(Date);
    expect((await listRevisions(editor, id)).canRestore).toBe(true);
  });

  it("compares two revisions: metadata and body changes", async () => {
    const writer = await makeStaff(database.db, "writer");
    const id = await settledRelease(writer, "Old headline", "Same paragraph.", "The figure is 200.");
    await save(writer, id, content("New headline", "Same paragraph.", "The figure is 250."));

    const pair = await getRevisionPair(writer, id, 1, 2);
    expect(pair.from.number).toBe(1);
    expect(pair.to.number).toBe(2);
    expect(pair.to.isCurrent).toBe(true);
    expect(pair.diff.metadata).toEqual([{ field: "headline", label: "Headline", before: "Old headline", after: "New headline" }]);
    expect(pair.diff.body).toEqual([
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Same paragraph." }] },
      {
        change: "changed",
        kind: "paragraph",
        segments: [
          { kind: "same", text: "The figure is " },
          { kind: "removed", text: "200" },
          { kind: "added", text: "250" },
          { kind: "same", text: "." },
        ],
      },
    ]);
    await expectAppError(getRevisionPair(writer, id, 1, 9), "not_found");
    await expectAppError(getRevisionPair(writer, id, "x", 2), "not_found");
    await expectAppError(getRevisionPair(writer, "not-a-uuid", 1, 2), "not_found");
  });
});

describeOnServer("concurrent writes with coalescing", () => {
  it("two coalescing saves, or a save and a restore, at the same version: one wins, one is a conflict (5 rounds)", async () => {
    const writer = await makeStaff(database.db, "writer");
    await Promise.all(Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    for (let round = 0; round < 5; round += 1) {
      const headline = unique(`Race ${round}`);
      const id = await settledRelease(writer, headline, "Original.");
      await save(writer, id, content(headline, "Second."));
      const { version } = await releaseRow(id);
      const results = await Promise.allSettled([
        saveRelease(writer, { releaseId: id, expectedVersion: version, content: content(headline, "Tab one.") }, { autosave: true }),
        round % 2 === 0
          ? saveRelease(writer, { releaseId: id, expectedVersion: version, content: content(headline, "Tab two.") }, { autosave: true })
          : restoreRevision(writer, { releaseId: id, revisionNumber: 1, expectedVersion: version }),
      ]);
      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
      expect(fulfilled, `round ${round}`).toHaveLength(1);
      expect(rejected[0]!.reason, `round ${round}: ${String(rejected[0]!.reason).slice(0, 200)}`).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe("conflict");
      const row = await releaseRow(id);
      expect(row.version).toBe(version + 1);
      const revisions = await revisionsOf(id);
      // A winning save merged into revision 2; a winning restore added revision 3.
      const restored = results[1]!.status === "fulfilled" && round % 2 === 1;
      expect(revisions.map((revision) => revision.number)).toEqual(restored ? [1, 2, 3] : [1, 2]);
      expect(row.currentRevisionId).toBe(revisions.at(-1)!.id);
    }
  });
});

describe("saves the person asked for", () => {
  it("always write a revision of their own, even right after another save by the same author", async () => {
    const writer = await makeStaff(database.db, "writer");
    const headline = unique("Manual saves");
    const { id } = await createRelease(writer, content(headline));
    const first = await saveRelease(writer, { releaseId: id, expectedVersion: 1, content: content(headline, "Second.") });
    await saveRelease(writer, { releaseId: id, expectedVersion: first.version, content: content(headline, "Third.") });
    expect((await database.db.select().from(releaseRevisions).where(eq(releaseRevisions.releaseId, id))).length).toBe(3);
  });
});
