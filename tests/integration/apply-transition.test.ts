import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, asc, eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { configureMail } from "@/db/mail/transport";
import { publishDueReleases } from "@/db/publishing/scheduler";
import { applyTransition } from "@/db/releases/apply-transition";
import { createRelease } from "@/db/releases/create";
import { auditLog, notifications, publications, releases, settings } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { toLocalInput } from "@/lib/time/zoned";
import { transitionOf } from "@/lib/workflow/transitions";
import { runQueuedJobs } from "../support/jobs";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, approveDraft } from "../support/workflow";

let database: TestDatabase;
let server: SMTPServer;
const mailed: { to: string[]; subject: string }[] = [];
let writer: Viewer;
let editor: Viewer;
const ZONE = "Europe/Zurich";

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.update(settings).set({ timeZone: ZONE }).where(eq(settings.id, 1));
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const subject = /^Subject: (.*)$/im.exec(Buffer.concat(chunks).toString("utf8"))?.[1]?.trim() ?? "";
        mailed.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  configureMail({ url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, from: "Pressroom <desk@example.org>" });
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});

afterAll(async () => {
  await runQueuedJobs(database);
  configureMail(null);
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.drop();
});

const body = doc("One executor for all.");

async function releaseRow(id: string) {
  const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
  return row!;
}

async function approvedRelease(headline: string) {
  const { id } = await createRelease(writer, { headline, body });
  await approveDraft(writer, editor, id);
  return id;
}

/** Everything one release's publish wrote: its row, its publication, its last audit row and its notices. */
async function writtenBy(id: string) {
  const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
  const audit = await database.db.select().from(auditLog).where(eq(auditLog.releaseId, id)).orderBy(asc(auditLog.id));
  const notices = await database.db.select().from(notifications).where(eq(notifications.releaseId, id));
  return { release: await releaseRow(id), publication: publication ?? null, audit: audit.at(-1)!, notices };
}

/** The publication without what tells two releases, their publishers and their instants apart. */
function publicationContent(row: typeof publications.$inferSelect) {
  const { releaseId: _release, slug: _slug, revisionId: _revision, publishedBy: _by, publishedAt: _at, updatedAt: _updated, effectiveDate: _date, ...content } = row;
  return content;
}

describe("one executor for people and the scheduler", () => {
  it("a person's publish and the scheduler's write the same release state, publication, audit row, notice and email", async () => {
    const headline = `Same words ${randomBytes(3).toString("hex")}`;
    const byPerson = await approvedRelease(headline);
    const byScheduler = await approvedRelease(headline);
    const approvedPerson = await releaseRow(byPerson);
    const approvedScheduler = await releaseRow(byScheduler);
    const due = new Date(Date.now() + 10 * 60_000);
    await actOnRelease(editor, byScheduler, "schedule", { at: { local: toLocalInput(due, ZONE) } });
    const scheduled = await releaseRow(byScheduler);
    await runQueuedJobs(database);
    mailed.length = 0;

    const result = await actOnRelease(editor, byPerson, "publish");
    const slugs = await publishDueReleases(new Date(due.getTime() + 1000), 25);
    await runQueuedJobs(database);

    const person = await writtenBy(byPerson);
    const system = await writtenBy(byScheduler);
    expect(slugs).toEqual([scheduled.slug]);
    expect(result).toEqual({ status: "published", version: approvedPerson.version + 1, publishedSlug: approvedPerson.slug, retractedSlug: null, changedFeeds: [{ topics: [], typeSlug: "press-release", language: "en" }], publicChange: { slugs: [approvedPerson.slug], tags: [], withdrawn: [] } });

    for (const [written, before] of [
      [person, approvedPerson],
      [system, scheduled],
    ] as const) {
      expect(written.release).toMatchObject({
        status: "published",
        version: before.version + 1,
        publishedRevisionId: before.approvedRevisionId,
        approvedRevisionId: before.approvedRevisionId,
        publishAt: null,
        embargoUntil: null,
        firstPublishedAt: written.publication!.publishedAt,
      });
      expect(written.publication).toMatchObject({ revisionId: before.approvedRevisionId, slug: before.slug, retractedAt: null, corrections: [] });
    }
    expect(publicationContent(system.publication!)).toEqual(publicationContent(person.publication!));
    expect(person.publication!.publishedBy).toBe(editor.id);
    expect(system.publication!.publishedBy).toBeNull();

    const auditShape = (row: typeof auditLog.$inferSelect) => {
      const { id: _id, at: _at, prevHash: _prev, hash: _hash, releaseId: _release, ...rest } = row;
      return rest;
    };
    expect(auditShape(person.audit)).toEqual({
      action: "publish",
      actorId: editor.id,
      actorEmail: editor.email,
      subjectUserId: null,
      fromState: "approved",
      toState: "published",
      revisionId: approvedPerson.approvedRevisionId,
      comment: null,
      detail: {},
      address: null,
    });
    expect(auditShape(system.audit)).toEqual({
      action: "publish_due",
      actorId: null,
      actorEmail: "scheduler",
      subjectUserId: null,
      fromState: "scheduled",
      toState: "published",
      revisionId: approvedScheduler.approvedRevisionId,
      comment: null,
      detail: { dueAt: scheduled.publishAt!.toISOString() },
      address: null,
    });

    const published = (written: typeof person) => written.notices.filter((notice) => notice.kind === "published").map(({ userId, text }) => ({ userId, text }));
    expect(published(person)).toEqual([{ userId: writer.id, text: `${editor.name} published “${headline}”.` }]);
    expect(published(system)).toEqual([{ userId: writer.id, text: `“${headline}” was published at its scheduled time.` }]);
    expect(mailed).toEqual([
      { to: [writer.email], subject: `Published: ${headline}` },
      { to: [writer.email], subject: `Published: ${headline}` },
    ]);
  });

  it("refuses the scheduler's transition for a person and a person's for the scheduler, and writes nothing", async () => {
    const id = await approvedRelease(`Wrong actor ${randomBytes(3).toString("hex")}`);
    await actOnRelease(editor, id, "schedule", { at: { local: "2099-01-05T09:00" } });
    const scheduled = await writtenBy(id);
    await expect(database.db.transaction((tx) => applyTransition(tx, scheduled.release, transitionOf("publish_due"), editor, { now: new Date() }))).rejects.toThrow(/invariant/);
    expect(await writtenBy(id)).toEqual(scheduled);

    await actOnRelease(editor, id, "unschedule");
    const approved = await writtenBy(id);
    await expect(database.db.transaction((tx) => applyTransition(tx, approved.release, transitionOf("publish"), "system", { now: new Date() }))).rejects.toThrow(/invariant/);
    expect(await writtenBy(id)).toEqual(approved);
    expect(approved.publication).toBeNull();
  });

  it("the scheduler applies a claimed list in one transaction: when one release in it cannot be published, none is", async () => {
    const first = await approvedRelease(`Together first ${randomBytes(3).toString("hex")}`);
    const second = await approvedRelease(`Together second ${randomBytes(3).toString("hex")}`);
    const due = new Date(Date.now() + 20 * 60_000);
    await actOnRelease(editor, first, "schedule", { at: { local: toLocalInput(due, ZONE) } });
    await actOnRelease(editor, second, "embargo", { at: { local: toLocalInput(new Date(due.getTime() + 60_000), ZONE) } });
    // The second is claimed after the first; a broken approval makes its publication write throw.
    const { approvedContentHash } = await releaseRow(second);
    await database.db.update(releases).set({ approvedContentHash: "0".repeat(64) }).where(eq(releases.id, second));
    const ids = [first, second];
    const snapshot = async () => ({
      releases: await database.db.select().from(releases).where(inArray(releases.id, ids)).orderBy(asc(releases.id)),
      publications: await database.db.select().from(publications).where(inArray(publications.releaseId, ids)),
      audit: await database.db.select().from(auditLog).where(and(inArray(auditLog.releaseId, ids), eq(auditLog.action, "publish_due"))),
      notices: await database.db.select().from(notifications).where(and(inArray(notifications.releaseId, ids), eq(notifications.kind, "published"))),
    });
    const before = await snapshot();

    const later = new Date(due.getTime() + 2 * 60_000);
    await expect(publishDueReleases(later)).rejects.toThrow(/approved content hash/);
    expect(await snapshot()).toEqual(before);
    expect(before.publications).toEqual([]);

    await database.db.update(releases).set({ approvedContentHash }).where(eq(releases.id, second));
    await publishDueReleases(later);
    const after = await snapshot();
    expect(after.releases.map((row) => row.status)).toEqual(["published", "published"]);
    expect(after.publications).toHaveLength(2);
    expect(after.audit).toHaveLength(2);
  });
});
