/**
 * Text the database cannot hold (NUL, lone surrogates: tests/support/hostile-input.ts) sent through every
 * text field of every server action and route handler: each call must succeed with the text cleaned, or
 * be refused as bad input (4xx) with the database unchanged — never fail as "something went wrong on our
 * side". The checks re-read what was stored.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as passwordActions from "@/app/desk/password/actions";
import * as releaseActions from "@/app/desk/releases/actions";
import * as importActions from "@/app/desk/releases/import/actions";
import * as settingsActions from "@/app/desk/settings/actions";
import * as staffActions from "@/app/desk/staff/actions";
import * as mediaRoute from "@/app/api/media/route";
import * as sessionRoute from "@/app/api/session/route";
import * as transitionsRoute from "@/app/api/releases/[id]/transitions/route";
import * as draftRoute from "@/app/api/releases/[id]/draft/route";
import type { Viewer } from "@/db/access";
import { LocalDiskStorage, setMediaStorage } from "@/db/media/storage";
import { createRelease } from "@/db/releases/create";
import { media, releaseComments, releaseRevisions, releases, releaseTypes, settings, shareLinks, topics, users } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { insertStaffMember } from "@/db/staff/insert";
import { env } from "@/env";
import { MAX_INPUT_DEPTH } from "@/lib/actions/clean-input";
import { MAX_CONTENT_JSON_LENGTH } from "@/lib/actions/content-json";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { authSeam } from "../support/fake-auth";
import { HOSTILE_TEXT, type HostileText } from "../support/hostile-input";
import { png } from "../support/media-fixtures";
import { actionOutcome, formData, responseOutcome, snapshotDatabase, type Outcome } from "../support/role-matrix";
import { actOnRelease, takeLive } from "../support/workflow";

vi.hoisted(() => {
  process.env.AUTH_SECRET = "hostile-input-test-secret-0123456789abcdef";
});
vi.mock("@/auth", () => import("../support/fake-auth"));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("../support/cache-invalidation-off")).cacheInvalidationOff,
}));
vi.mock("@/db/mail/transport", () => import("../support/mail-off"));

let database: TestDatabase;
let mediaDir: string;
type Account = Viewer & { password: string };
let writer: Account;
let editor: Account;
let admin: Account;

async function account(role: Viewer["role"]): Promise<Account> {
  const { user, oneTimePassword } = await insertStaffMember(database.db, { email: `${role}.${randomBytes(4).toString("hex")}@hostile.example`, name: `Hostile ${role}`, role });
  await database.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
  return { id: user.id, email: user.email, name: user.name, role, mustChangePassword: false, password: oneTimePassword };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  mediaDir = mkdtempSync(path.join(tmpdir(), "pressroom-hostile-media-"));
  setMediaStorage(new LocalDiskStorage(path.join(mediaDir, "files")));
  writer = await account("writer");
  editor = await account("editor");
  admin = await account("admin");
});

afterAll(async () => {
  await database?.drop();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

beforeEach(() => {
  authSeam.signIns.length = 0;
});

async function as(viewer: Viewer) {
  const [row] = await database.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, viewer.id));
  authSeam.session = { staffId: viewer.id, sessionVersion: row!.sessionVersion };
}

const tag = () => randomBytes(3).toString("hex");

function post(pathname: string, init: { json?: unknown; body?: BodyInit }) {
  const headers: Record<string, string> = { origin: env.siteUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return new Request(`${env.siteUrl}${pathname}`, { method: "POST", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

/** The editor's autosave: PUT /api/releases/[id]/draft, with `id` (any text) as the route's parameter. */
async function putDraft(id: string, init: { json?: unknown; body?: BodyInit }) {
  const request = new Request(post("/api/releases/x/draft", init), { method: "PUT" });
  return responseOutcome(await draftRoute.PUT(request, { params: Promise.resolve({ id }) }));
}

async function currentRevision(releaseId: string) {
  const [release] = await database.db.select().from(releases).where(eq(releases.id, releaseId));
  const [revision] = await database.db.select().from(releaseRevisions).where(eq(releaseRevisions.id, release!.currentRevisionId!));
  return { release: release!, revision: revision! };
}

const versionOf = async (id: string) => (await currentRevision(id)).release.version;

/** Every text field of a release's content holds `text`. */
function everyReleaseField(text: string) {
  return {
    headline: `${text} headline ${tag()}`,
    subtitle: `${text} subtitle`,
    dateline: `${text} dateline`,
    reference: `${text} ref`,
    summary: `${text} summary`,
    boilerplate: `${text} boilerplate`,
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `${text} body`, marks: [{ type: "link", attrs: { href: `https://example.org/${text}` } }] }] }] },
    notesToEditors: doc(`${text} notes`),
    contacts: [{ name: `${text} contact`, role: `${text} role`, email: "press@hostile.example", phone: `+41 ${text}` }],
    relatedDocuments: [{ title: `${text} document`, url: "https://example.org/report.pdf", note: `${text} note` }],
  };
}

function expectCleanRelease(revision: typeof releaseRevisions.$inferSelect, hostile: HostileText, headline: string) {
  const stored = hostile.stored;
  expect({
    headline: revision.headline,
    subtitle: revision.subtitle,
    dateline: revision.dateline,
    reference: revision.reference,
    summary: revision.summary,
    boilerplate: revision.boilerplate,
    body: revision.body,
    notesToEditors: revision.notesToEditors,
    contacts: revision.contacts,
    relatedDocuments: revision.relatedDocuments,
  }).toEqual({
    headline: headline.replace(hostile.sent, stored),
    subtitle: `${stored} subtitle`,
    dateline: `${stored} dateline`,
    reference: `${stored} ref`,
    summary: `${stored} summary`,
    boilerplate: `${stored} boilerplate`,
    body: expect.objectContaining({ content: [expect.objectContaining({ content: [expect.objectContaining({ text: `${stored} body` })] })] }),
    notesToEditors: expect.objectContaining({ content: [expect.objectContaining({ content: [expect.objectContaining({ text: `${stored} notes` })] })] }),
    contacts: [expect.objectContaining({ name: `${stored} contact`, role: `${stored} role`, phone: `+41 ${stored}` })],
    relatedDocuments: [expect.objectContaining({ title: `${stored} document`, note: `${stored} note` })],
  });
}

/** A refusal that is bad input, never the server's own failure. */
function expectBadInput(outcome: Outcome) {
  expect(outcome.code, outcome.message).not.toBe("unavailable");
  expect(outcome.status).toBeLessThan(500);
}

async function inReview(): Promise<string> {
  const { id } = await createRelease(writer, { headline: `Hostile ${tag()}`, body: doc("Text.") });
  await actOnRelease(writer, id, "submit");
  return id;
}

async function published(): Promise<string> {
  const { id } = await createRelease(writer, { headline: `Hostile ${tag()}`, body: doc("Text.") });
  await takeLive(writer, editor, id);
  return id;
}

async function commentsOf(releaseId: string) {
  return (await database.db.select().from(releaseComments).where(eq(releaseComments.releaseId, releaseId))).map((row) => row.body);
}

describe.each(HOSTILE_TEXT.map((hostile) => [hostile.name, hostile] as const))("text with %s", (_name, hostile) => {
  const { sent, stored } = hostile;

  it("is cleaned in every field of a release saved from the editor", async () => {
    await as(writer);
    const { id } = await createRelease(writer, { headline: `Hostile ${tag()}`, body: doc("Text.") });
    const content = everyReleaseField(sent);
    const outcome = await actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: id, expectedVersion: 1, contentJson: JSON.stringify(content) }));
    expect(outcome.code, outcome.message).toBe("ok");
    expectCleanRelease((await currentRevision(id)).revision, hostile, content.headline);
  });

  it("is cleaned in every field of a release autosaved through the API", async () => {
    await as(writer);
    const { id } = await createRelease(writer, { headline: `Hostile ${tag()}`, body: doc("Text.") });
    const content = everyReleaseField(sent);
    const outcome = await putDraft(id, { json: { expectedVersion: 1, content } });
    expect(outcome.code, outcome.message).toBe("ok");
    expectCleanRelease((await currentRevision(id)).revision, hostile, content.headline);
  });

  it("is cleaned in every field of a new release", async () => {
    await as(writer);
    const content = everyReleaseField(sent);
    const outcome = await actionOutcome(() => releaseActions.createReleaseAction({ contentJson: JSON.stringify(content) }));
    expect(outcome.code, outcome.message).toBe("ok");
    const id = outcome.redirect!.split("/").pop()!;
    expectCleanRelease((await currentRevision(id)).revision, hostile, content.headline);
  });

  it("is cleaned in an imported document, from the pasted text to the draft made of it", async () => {
    await as(writer);
    const preview = await actionOutcome(() => importActions.importDocumentAction(formData({ source: "text", text: `Imported ${sent} headline\n\nThe ${sent} text.` })));
    expect(preview.code, preview.message).toBe("ok");
    expect(JSON.stringify(preview.value)).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
    const headline = `Imported ${sent} ${tag()}`;
    const outcome = await actionOutcome(() =>
      importActions.createDraftFromImportAction({ headline, subtitle: `${sent} subtitle`, dateline: `${sent} dateline`, reference: `${sent} ref`, bodyJson: JSON.stringify(doc(`${sent} body`)) }),
    );
    expect(outcome.code, outcome.message).toBe("ok");
    const { revision } = await currentRevision(outcome.redirect!.split("/").pop()!);
    expect([revision.headline, revision.subtitle, revision.dateline, revision.reference, revision.body]).toEqual([
      headline.replace(sent, stored),
      `${stored} subtitle`,
      `${stored} dateline`,
      `${stored} ref`,
      doc(`${stored} body`),
    ]);
  });

  it("is cleaned in a change request and a retraction reason, through the desk's action and the API", async () => {
    await as(editor);
    const viaAction = await inReview();
    const form = formData({ releaseId: viaAction, action: "request_changes", expectedVersion: String(await versionOf(viaAction)), comment: `${sent} shorter` });
    expect((await actionOutcome(() => releaseActions.transitionReleaseAction(null, form))).code).toBe("ok");
    expect(await commentsOf(viaAction)).toEqual([`${stored} shorter`]);

    const viaRoute = await inReview();
    const json = { action: "request_changes", expectedVersion: await versionOf(viaRoute), comment: `${sent} longer` };
    expect((await responseOutcome(await transitionsRoute.POST(post(`/api/releases/${viaRoute}/transitions`, { json }), { params: Promise.resolve({ id: viaRoute }) }))).code).toBe("ok");
    expect(await commentsOf(viaRoute)).toEqual([`${stored} longer`]);

    const live = await published();
    const retraction = { action: "retract", expectedVersion: await versionOf(live), comment: `${sent} withdrawn` };
    const retracted = await responseOutcome(await transitionsRoute.POST(post(`/api/releases/${live}/transitions`, { json: retraction }), { params: Promise.resolve({ id: live }) }));
    expect(retracted.code, retracted.message).toBe("ok");
    expect((await currentRevision(live)).release.status).toBe("retracted");
    expect(await commentsOf(live)).toEqual([`${stored} withdrawn`]);

    const liveToo = await published();
    const retractForm = formData({ releaseId: liveToo, action: "retract", expectedVersion: String(await versionOf(liveToo)), comment: `${sent} withdrawn` });
    expect((await actionOutcome(() => releaseActions.transitionReleaseAction(null, retractForm))).code).toBe("ok");
    expect(await commentsOf(liveToo)).toEqual([`${stored} withdrawn`]);
  });

  it("is cleaned in a comment and a share link's label", async () => {
    await as(editor);
    const id = await inReview();
    expect((await actionOutcome(() => releaseActions.addCommentAction(null, formData({ releaseId: id, body: `${sent} comment` })))).code).toBe("ok");
    expect(await commentsOf(id)).toEqual([`${stored} comment`]);

    const { id: embargoed } = await createRelease(writer, { headline: `Share ${tag()}`, body: doc("Text.") });
    const minted = await actionOutcome(() => releaseActions.mintShareLinkAction(null, formData({ releaseId: embargoed, label: `${sent} label`, validHours: "24" })));
    expectBadInput(minted);
    const labels = (await database.db.select().from(shareLinks).where(eq(shareLinks.releaseId, embargoed))).map((row) => row.label);
    expect(labels).toEqual(minted.code === "ok" ? [`${stored} label`] : []);
  });

  it("is cleaned in every text field of the organisation's settings, its topics and release types", async () => {
    await as(admin);
    const [row] = await database.db.select({ version: settings.version }).from(settings);
    const form = {
      expectedVersion: String(row!.version),
      organisationName: `${sent} Ministry`,
      address: `${sent} Street 1\nTown`,
      phones: `+41 ${sent}`,
      fax: `+41 ${sent} fax`,
      email: "press@hostile.example",
      website: "https://hostile.example",
      accentColor: "#224466",
      timeZone: "Europe/Zurich",
      defaultLanguage: "en",
      boilerplate: `${sent} boilerplate`,
      contactName: `${sent} contact`,
      contactEmail: "contact@hostile.example",
      contactPhone: `+41 ${sent} phone`,
    };
    const outcome = await actionOutcome(() => settingsActions.updateSettingsAction(null, formData(form)));
    expect(outcome.code, outcome.message).toBe("ok");
    const [saved] = await database.db.select().from(settings);
    expect(saved).toMatchObject({ organisationName: `${stored} Ministry`, boilerplate: `${stored} boilerplate` });
    expect(saved!.defaultContact).toMatchObject({ name: `${stored} contact`, phone: `+41 ${stored} phone` });
    expect(saved!.letterhead).toMatchObject({ address: [`${stored} Street 1`, "Town"], phones: [`+41 ${stored}`], fax: `+41 ${stored} fax` });

    const topic = `${sent} topic ${tag()}`;
    expect((await actionOutcome(() => settingsActions.createTopicAction(null, formData({ name: topic })))).code).toBe("ok");
    expect(await database.db.select().from(topics).where(eq(topics.name, topic.replace(sent, stored)))).toHaveLength(1);
    const type = `${sent} type ${tag()}`;
    expect((await actionOutcome(() => settingsActions.createReleaseTypeAction(null, formData({ name: type })))).code).toBe("ok");
    expect(await database.db.select().from(releaseTypes).where(eq(releaseTypes.name, type.replace(sent, stored)))).toHaveLength(1);
  });

  it("is cleaned in a new staff member's name, and a password is cleaned alike when set and when signing in", async () => {
    await as(admin);
    const email = `new.${tag()}@hostile.example`;
    const created = await actionOutcome(() => staffActions.createStaffAction(null, formData({ name: `${sent} Person`, email, role: "writer" })));
    expect(created.code, created.message).toBe("ok");
    const [member] = await database.db.select().from(users).where(eq(users.email, email));
    expect(member!.name).toBe(`${stored} Person`);

    const person = await account("writer");
    await as(person);
    const password = `long-enough-${sent}-password-${tag()}`;
    const changed = await actionOutcome(() => passwordActions.changePasswordAction(null, formData({ currentPassword: person.password, newPassword: password, confirmPassword: password })));
    expect(changed.code, changed.message).toBe("ok");
    const signedIn = await responseOutcome(await sessionRoute.POST(post("/api/session", { json: { email: person.email, password } })));
    expect(signedIn.code, signedIn.message).toBe("ok");
  });

  it("in a sign-in email gets a refusal, never a server error", async () => {
    const wrong = await responseOutcome(await sessionRoute.POST(post("/api/session", { json: { email: `${writer.email}${sent}`, password: "not the password" } })));
    expect(wrong.status).toBe(401);
    const unknown = await responseOutcome(await sessionRoute.POST(post("/api/session", { json: { email: `no${sent}body@hostile.example`, password: writer.password } })));
    expect(unknown.status).toBe(401);
    expect(authSeam.signIns).toHaveLength(0);
  });

  it("is cleaned in an uploaded file's name", async () => {
    await as(writer);
    const form = new FormData();
    form.append("file", new File([png(2, 2)], `chart ${sent}.png`, { type: "image/png" }));
    const outcome = await responseOutcome(await mediaRoute.POST(post("/api/media", { body: form })));
    expect(outcome.status, outcome.message).toBe(201);
    const [row] = await database.db.select().from(media).orderBy(desc(media.createdAt)).limit(1);
    expect(row!.originalName).toBe(`chart ${stored}.png`);
  });

  it("in fields that must have a format (ids, numbers, addresses, slugs) is refused as bad input, changing nothing", async () => {
    await as(editor);
    const { id } = await createRelease(writer, { headline: `Formats ${tag()}`, body: doc("Text.") });
    const before = await snapshotDatabase(database);
    const calls: [string, () => Promise<Outcome>][] = [
      ["a release id", () => actionOutcome(() => releaseActions.addCommentAction(null, formData({ releaseId: `${id}${sent}`, body: "Hello" })))],
      ["a version", () => actionOutcome(() => releaseActions.setSlugAction(null, formData({ releaseId: id, slug: "fine-slug", expectedVersion: `1${sent}` })))],
      ["a slug", () => actionOutcome(() => releaseActions.setSlugAction(null, formData({ releaseId: id, slug: `bad${sent}-Slug!`, expectedVersion: "1" })))],
      ["an action name", () => actionOutcome(() => releaseActions.transitionReleaseAction(null, formData({ releaseId: id, action: `sub${sent}mit!`, expectedVersion: "1" })))],
      ["a language", () => actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: id, expectedVersion: 1, contentJson: JSON.stringify({ headline: "H", body: doc("B"), language: `e${sent}n` }) }))],
      ["a topic", () => actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: id, expectedVersion: 1, contentJson: JSON.stringify({ headline: "H", body: doc("B"), topics: [`to${sent}pic!`] }) }))],
      ["a contact's email", () => actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: id, expectedVersion: 1, contentJson: JSON.stringify({ headline: "H", body: doc("B"), contacts: [{ name: "N", email: `a${sent}@` }] }) }))],
      ["a route's release id", async () => responseOutcome(await transitionsRoute.POST(post(`/api/releases/x/transitions`, { json: { action: "submit", expectedVersion: 1 } }), { params: Promise.resolve({ id: `${id}${sent}` }) }))],
      ["an autosave's release id", () => putDraft(`${id}${sent}`, { json: { expectedVersion: 1, content: { headline: "H", body: doc("B") } } })],
      ["an autosave's language", () => putDraft(id, { json: { expectedVersion: 1, content: { headline: "H", body: doc("B"), language: `e${sent}n` } } })],
    ];
    for (const [field, call] of calls) {
      const outcome = await call();
      expect(outcome.code, field).not.toBe("ok");
      expectBadInput(outcome);
    }
    expect(await snapshotDatabase(database)).toEqual(before);
  });
});

describe("an autosave (PUT /api/releases/[id]/draft) that is not what the editor sends", () => {
  it("is refused as bad input, never a server error, changing nothing", async () => {
    await as(writer);
    const { id } = await createRelease(writer, { headline: `Autosave ${tag()}`, body: doc("Text.") });
    const valid = { expectedVersion: 1, content: { headline: "H", body: doc("B") } };
    let deep: unknown = "x";
    for (let i = 0; i < MAX_INPUT_DEPTH + 10; i++) deep = { a: deep };
    const before = await snapshotDatabase(database);
    const calls: [string, () => Promise<Outcome>, number][] = [
      ["an id that is not a uuid", () => putDraft("not-a-uuid", { json: valid }), 422],
      ["an id of no release", () => putDraft(crypto.randomUUID(), { json: valid }), 404],
      ["no body", () => putDraft(id, {}), 400],
      ["a body that is not JSON", () => putDraft(id, { body: "{expectedVersion: 1" }), 400],
      ["a JSON array", () => putDraft(id, { json: [valid] }), 422],
      ["JSON null", () => putDraft(id, { json: null }), 422],
      ["a field the editor never sends", () => putDraft(id, { json: { ...valid, status: "published" } }), 422],
      ["a version that is not a whole number", () => putDraft(id, { json: { ...valid, expectedVersion: 1.5 } }), 422],
      ["content that is a list", () => putDraft(id, { json: { ...valid, content: [valid.content] } }), 422],
      ["content without a body", () => putDraft(id, { json: { ...valid, content: { headline: "H" } } }), 422],
      ["content with a field it does not have", () => putDraft(id, { json: { ...valid, content: { ...valid.content, createdBy: writer.id } } }), 422],
      ["a body with a node the editor does not have", () => putDraft(id, { json: { ...valid, content: { headline: "H", body: { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] } } } }), 422],
      ["a body with a mark the editor does not have", () => putDraft(id, { json: { ...valid, content: { headline: "H", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "script" }] }] }] } } } }), 422],
      ["a link to a javascript: address", () => putDraft(id, { json: { ...valid, content: { headline: "H", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] } } } }), 422],
      ["a body that is not a document", () => putDraft(id, { json: { ...valid, content: { headline: "H", body: "<p>B</p>" } } }), 422],
      ["input nested deeper than any document", () => putDraft(id, { json: { ...valid, content: { ...valid.content, deep } } }), 422],
      ["a body over the size limit", () => putDraft(id, { json: { ...valid, content: { headline: "H", body: doc("x".repeat(MAX_CONTENT_JSON_LENGTH)) } } }), 422],
    ];
    for (const [what, call, status] of calls) {
      const outcome = await call();
      expect(outcome.status, `${what}: ${outcome.message}`).toBe(status);
    }
    expect(await snapshotDatabase(database)).toEqual(before);
  });
});

describe("input nested deeper than any form or document", () => {
  it("is refused as bad input by the API and by sign-in", async () => {
    await as(editor);
    let deep: unknown = "x";
    for (let i = 0; i < MAX_INPUT_DEPTH + 10; i++) deep = { a: deep };
    const id = await inReview();
    const before = await snapshotDatabase(database);
    const transition = await responseOutcome(await transitionsRoute.POST(post(`/api/releases/${id}/transitions`, { json: { action: "approve", expectedVersion: 1, deep } }), { params: Promise.resolve({ id }) }));
    expect(transition.status).toBe(422);
    const signIn = await responseOutcome(await sessionRoute.POST(post("/api/session", { json: { email: deep, password: "x" } })));
    expect(signIn.status).toBe(400);
    const saved = await actionOutcome(() => releaseActions.saveReleaseAction({ releaseId: id, expectedVersion: 1, contentJson: JSON.stringify({ headline: "H", body: doc("B"), deep }) }));
    expect(saved.code).toBe("invalid");
    expect(await snapshotDatabase(database)).toEqual(before);
  });
});
