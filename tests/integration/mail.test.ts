import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { configureMail } from "@/db/mail/transport";
import { sendNotificationEmails, settleNotificationEmails } from "@/db/notifications/send-emails";
import { notifyWorkflowEvent } from "@/db/notifications/notify";
import { createRelease } from "@/db/releases/create";
import { transitionRelease } from "@/db/releases/transition";
import { notifications, releases, users, type Role } from "@/db/schema";
import { env } from "@/env";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";

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
  await settleNotificationEmails();
  received.length = 0;
  configureMail({ url: smtpUrl, from: "Pressroom <desk@example.org>" });
});

async function makeUser(role: Role, label: string = role): Promise<Viewer> {
  return makeStaff(database.db, role, `${label} ${role}`);
}

async function act(viewer: Viewer, releaseId: string, action: ReleaseAction, comment?: string) {
  const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, releaseId));
  return transitionRelease(viewer, { releaseId, action, expectedVersion: row!.version, ...(comment === undefined ? {} : { comment }) });
}

const headlineFor = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;
const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The text of the release." }] }] };

/** Active editors and admins: the audience of a review request. */
async function reviewerEmails() {
  const rows = await database.db.select({ email: users.email }).from(users).where(and(eq(users.active, true), inArray(users.role, ["editor", "admin"])));
  return rows.map((row) => row.email).sort();
}

describe("notification emails", () => {
  it("a review request emails every active reviewer once, never the writer, with the subject and a link to the release", async () => {
    const writer = await makeUser("writer");
    const editor = await makeUser("editor");
    const admin = await makeUser("admin");
    const gone = await makeUser("editor", "gone");
    await database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

    const headline = headlineFor("Harbour reopens");
    const { id } = await createRelease(writer, { headline, body });
    await act(writer, id, "submit");
    await settleNotificationEmails();

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
    const writer = await makeUser("writer");
    const editor = await makeUser("editor");
    const headline = headlineFor("Bridge opens");
    const { id } = await createRelease(writer, { headline, body });
    await act(writer, id, "submit");
    await settleNotificationEmails();
    received.length = 0;

    await act(editor, id, "request_changes", "Add the opening hours.");
    await settleNotificationEmails();
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Changes requested: ${headline}`]]);

    await act(writer, id, "submit");
    await settleNotificationEmails();
    received.length = 0;
    await act(editor, id, "approve");
    await settleNotificationEmails();
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Approved: ${headline}`]]);

    received.length = 0;
    await act(editor, id, "publish");
    await settleNotificationEmails();
    expect(received.map((message) => [message.to, message.subject])).toEqual([[[writer.email], `Published: ${headline}`]]);
    expect(decoded(received[0]!.raw)).toContain(`${env.siteUrl}/desk/releases/${id}`);
  });

  it("a deactivated author gets the in-app notice row but no email", async () => {
    const writer = await makeUser("writer");
    const editor = await makeUser("editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Quiet"), body });
    await act(writer, id, "submit");
    await database.db.update(users).set({ active: false }).where(eq(users.id, writer.id));
    await settleNotificationEmails();
    received.length = 0;

    await act(editor, id, "approve");
    await settleNotificationEmails();
    expect(received).toEqual([]);
    const notices = await database.db.select().from(notifications).where(and(eq(notifications.userId, writer.id), eq(notifications.kind, "approved")));
    expect(notices).toHaveLength(1);
  });

  it("writing the notices sends nothing: the email goes out only when the caller hands it over after the commit", async () => {
    const writer = await makeUser("writer");
    const editor = await makeUser("editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Held"), body });
    const event = { action: "approve" as const, releaseId: id, headline: "Held", authorId: writer.id, actor: { id: editor.id, name: editor.name } };

    await expect(
      database.db.transaction(async (tx) => {
        await notifyWorkflowEvent(tx, event);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    await settleNotificationEmails();
    expect(received).toEqual([]);

    const notified = await database.db.transaction(async (tx) => notifyWorkflowEvent(tx, event));
    await settleNotificationEmails();
    expect(received).toEqual([]);
    sendNotificationEmails([notified!.email!]);
    await settleNotificationEmails();
    expect(received.map((message) => message.to)).toEqual([[writer.email]]);
  });

  it("with SMTP unset nothing is sent, and the in-app notice is still written", async () => {
    configureMail(null);
    const writer = await makeUser("writer");
    const editor = await makeUser("editor");
    const { id } = await createRelease(writer, { headline: headlineFor("Silent"), body });
    await act(writer, id, "submit");
    await act(editor, id, "approve");
    await settleNotificationEmails();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([]);
    const notices = await database.db.select().from(notifications).where(and(eq(notifications.userId, writer.id), eq(notifications.releaseId, id)));
    expect(notices.map((notice) => notice.kind)).toEqual(["approved"]);
  });

  it("a mail server that is down never fails or blocks the transition; the error is logged", async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    configureMail({ url: `smtp://127.0.0.1:${port}`, from: "Pressroom <desk@example.org>" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const writer = await makeUser("writer");
      const editor = await makeUser("editor");
      const { id } = await createRelease(writer, { headline: headlineFor("Unlucky"), body });
      await act(writer, id, "submit");
      const result = await act(editor, id, "approve");
      expect(result.status).toBe("approved");
      await settleNotificationEmails();
      expect(logged).toHaveBeenCalled();
      expect(String(logged.mock.calls.find((call) => String(call[0]).includes(writer.email))?.[0])).toContain("was not sent");
      const [row] = await database.db.select({ status: releases.status }).from(releases).where(eq(releases.id, id));
      expect(row!.status).toBe("approved");
    } finally {
      logged.mockRestore();
    }
    expect(received).toEqual([]);
  });
});
