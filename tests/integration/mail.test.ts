import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configureMail } from "@/db/mail/transport";
import { NOTIFICATION_EMAIL_JOB, notificationMessageId } from "@/db/notifications/send-emails";
import { notifyWorkflowEvent } from "@/db/notifications/notify";
import { createRelease } from "@/db/releases/create";
import { jobs, notifications, releases, users } from "@/db/schema";
import { env } from "@/env";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { runQueuedJobs } from "../support/jobs";
import { makeStaff } from "../support/staff";
import { actOnRelease } from "../support/workflow";

type Received = { from: string; to: string[]; subject: string; raw: string };

let database: TestDatabase;
let server: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];

function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

/** The message with quoted-printable soft line breaks and escapes undone, enough to search its text. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

beforeAll(async () => {
  database = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: headerOf(raw, "Subject"),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  configureMail(null);
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.drop();
});

beforeEach(async () => {
  await runQueuedJobs(database);
  received.length = 0;
  configureMail({ url: smtpUrl, from: "Pressroom <desk@example.org>" });
});

const headlineFor = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;
const body = doc("The text of the release.");

async function emailJobsOf(releaseId: string) {
  return database.db
    .select({ state: jobs.state, uniqueKey: jobs.uniqueKey })
    .from(jobs)
    .where(and(eq(jobs.kind, NOTIFICATION_EMAIL_JOB), sql`${jobs.payload}->>'releaseId' = ${releaseId}`));
}

/** Active editors and admins: the audience of a review request. */
async function reviewerEmails() {
  const rows = await database.db.select({ email: users.email }).from(users).where(and(eq(users.active, true), inArray(users.role, ["editor", "admin"])));
  return rows.map((row) => row.email).sort();
}

describe("notification emails", () => {
  it("a review request emails every active reviewer once, never the writer, with the subject and a link to the release", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const admin = await makeStaff(database.db, "admin");
    const gone = await makeStaff(database.db, "editor", "gone editor");
    await database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

    const headline = headlineFor("Harbour reopens");
    const { id } = await createRelease(writer, { headline, body });
    await actOnRelease(writer, id, "submit");
    await runQueuedJobs(database);

    const expected = await reviewerEmails();
    expect(expected).toEqual(expect.arrayContaining([editor.email, admin.email]));
    expect(expected).not.toContain(gone.email);
    expect(received.flatMap((message) => message.to).sort()).toEqual(expected);
    for (const message of received) {
      expect(message.to).toHaveLength(1);
      expect(message.from).toBe("desk@example.org");
      expect(message.subject).toBe(`Review requested: ${headline}`);
      const text = decoded(message.raw);
      expect(text).toContain(`${env.siteUrl}/desk/releases/${id}`);
      expect(text).toContain(`asks for a review of`);
      expect(text).toMatch(/Content-Type: text\/plain/i);
      expect(text).toMatch(/Content-Type: text\/html/i);
    }
    expect(received.flatMap((message) => message.to)).not.toContain(writer.email);
    expect(received.flatMap((message) => message.to)).not.toContain(gone.email);
  });

  it("changes requested, approved and published each email the author exactly once", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const headline = headlineFor("Bridge opens");
    const { id } = await createRelease(writer, { headline, body });
    await actOnRelease(writer, id, "submit");
    await runQueuedJobs(database);
    received.length = 0;

    await actOnRelease(editor, id, "request_changes", "Add the opening hours.");
    await runQueuedJobs(database);
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Changes requested: ${headline}`]]);

    await actOnRelease(writer, id, "submit");
    await runQueuedJobs(database);
    received.length = 0;
    await actOnRelease(editor, id, "approve");
    await runQueuedJobs(database);
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Approved: ${headline}`]]);

    received.length = 0;
    await actOnRelease(editor, id, "publish");
    await runQueuedJobs(database);
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Published: ${headline}`]]);
    expect(decoded(received[0]!.raw)).toContain(`${env.siteUrl}/desk/releases/${id}`);
  });

  it("a deactivated author gets the in-app notice row but no email", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Quiet"), body });
    await actOnRelease(writer, id, "submit");
    await database.db.update(users).set({ active: false }).where(eq(users.id, writer.id));
    await runQueuedJobs(database);
    received.length = 0;

    await actOnRelease(editor, id, "approve");
    await runQueuedJobs(database);
    expect(received).toEqual([]);
    const notices = await database.db.select().from(notifications).where(and(eq(notifications.userId, writer.id), eq(notifications.kind, "approved")));
    expect(notices).toHaveLength(1);
  });

  it("the emails are queued in the event's transaction: a rolled-back event queues and sends nothing, a committed one is sent by the queue", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Held"), body });
    const event = { action: "approve" as const, releaseId: id, headline: "Held", authorId: writer.id, actor: { id: editor.id, name: editor.name } };

    await expect(
      database.db.transaction(async (tx) => {
        await notifyWorkflowEvent(tx, event);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await emailJobsOf(id)).toEqual([]);
    await runQueuedJobs(database);
    expect(received).toEqual([]);

    const notified = await database.db.transaction(async (tx) => notifyWorkflowEvent(tx, event));
    const [noticeId] = notified!.email!.notificationIds;
    expect(await emailJobsOf(id)).toEqual([{ state: "queued", uniqueKey: noticeId }]);
    expect(received).toEqual([]);
    await runQueuedJobs(database);
    expect(received.map((message) => message.to)).toEqual([[writer.email]]);
    expect(headerOf(received[0]!.raw, "Message-ID")).toBe(notificationMessageId(noticeId!));
    expect(await emailJobsOf(id)).toEqual([{ state: "done", uniqueKey: noticeId }]);
  });

  it("an email sent by a run that died before recording it goes again with the same Message-ID", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Twice"), body });
    await actOnRelease(writer, id, "submit");
    await runQueuedJobs(database);
    received.length = 0;
    await actOnRelease(editor, id, "request_changes", "Shorter, please.");
    await runQueuedJobs(database);
    // As if the worker had been killed after the SMTP server took the message: the job is due again.
    await database.db
      .update(jobs)
      .set({ state: "queued" })
      .where(and(eq(jobs.kind, NOTIFICATION_EMAIL_JOB), sql`${jobs.payload}->>'releaseId' = ${id}`, sql`${jobs.payload}->>'kind' = 'changes_requested'`));
    await runQueuedJobs(database);
    expect(received.map((message) => message.to)).toEqual([[writer.email], [writer.email]]);
    const [first, second] = received.map((message) => headerOf(message.raw, "Message-ID"));
    expect(first).toMatch(/^<notice-[0-9a-f-]{36}@[^>]+>$/);
    expect(second).toBe(first);
  });

  it("with SMTP unset nothing is sent, and the in-app notice is still written", async () => {
    configureMail(null);
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Silent"), body });
    await actOnRelease(writer, id, "submit");
    await actOnRelease(editor, id, "approve");
    await runQueuedJobs(database);
    expect(received).toEqual([]);
    expect(await emailJobsOf(id)).toEqual([]);
    const notices = await database.db.select().from(notifications).where(and(eq(notifications.userId, writer.id), eq(notifications.releaseId, id)));
    expect(notices.map((notice) => notice.kind)).toEqual(["approved"]);
  });

  it("a mail server that is down never fails or blocks the transition; the email waits in the queue and goes when it is back", async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    configureMail({ url: `smtp://127.0.0.1:${port}`, from: "Pressroom <desk@example.org>" });
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Unlucky"), body });
    await actOnRelease(writer, id, "submit");
    await database.db.delete(jobs).where(eq(jobs.kind, NOTIFICATION_EMAIL_JOB));
    const result = await actOnRelease(editor, id, "approve");
    expect(result.status).toBe("approved");
    await runQueuedJobs(database);
    const [waiting] = await database.db.select().from(jobs).where(eq(jobs.kind, NOTIFICATION_EMAIL_JOB));
    expect(waiting).toMatchObject({ state: "failed", attempts: 1 });
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting!.runAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    const [row] = await database.db.select({ status: releases.status }).from(releases).where(eq(releases.id, id));
    expect(row!.status).toBe("approved");
    expect(received).toEqual([]);

    configureMail({ url: smtpUrl, from: "Pressroom <desk@example.org>" });
    await database.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, waiting!.id));
    await runQueuedJobs(database);
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], expect.stringMatching(/^Approved: /)]]);
    expect((await database.db.select({ state: jobs.state, attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, waiting!.id)))[0]).toEqual({ state: "done", attempts: 2 });
  });
});
