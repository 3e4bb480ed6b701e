import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { transitionRelease } from "@/db/releases/transition";
import { releases, releaseSlugs, releaseTypes, settings, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { updateSettings } from "@/db/settings/update";
import { createReleaseType, createTopic, deleteReleaseType, deleteTopic } from "@/db/taxonomy/mutations";
import { AppError } from "@/lib/errors";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { canServeMedia } from "@/db/media/access";
import { LocalDiskStorage, setMediaStorage } from "@/db/media/storage";
import { uploadMedia } from "@/db/media/upload";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { pdf, png } from "../support/media-fixtures";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
});
afterAll(() => database.drop());

async function rejects(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const validSettings = (version: number) => ({
  expectedVersion: String(version),
  organisationName: "Permanent Mission of Examplia",
  address: "1 Rue de l'Exemple\n1202 Geneva",
  phones: "+41 22 111 11 11",
  fax: "",
  email: "press@examplia.example",
  website: "https://examplia.example",
  accentColor: "#224466",
  timeZone: "America/New_York",
  defaultLanguage: "en",
  boilerplate: "Examplia is a fictional country.",
  contactName: "Press Office",
  contactEmail: "press@examplia.example",
  contactPhone: "",
});

const readSettings = async () => (await database.db.select().from(settings).where(eq(settings.id, 1)))[0]!;

describe("the organisation's logo", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "pressroom-logo-"));
    setMediaStorage(new LocalDiskStorage(folder));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("an uploaded image becomes the logo and is public while it is; a document or a stranger's key is refused; removing it hides it again", async () => {
    const admin = await makeStaff(database.db, "admin");
    const image = await uploadMedia(admin, { bytes: png(40, 20), originalName: "logo.png" });
    const document = await uploadMedia(admin, { bytes: pdf(), originalName: "statement.pdf" });
    expect(await canServeMedia(image.key, null)).toBeNull(); // an unused upload is staff-only

    let version = (await readSettings()).version;
    await rejects(updateSettings(admin, { ...validSettings(version), logoKey: document.key }), "invalid");
    await rejects(updateSettings(admin, { ...validSettings(version), logoKey: "0123456789abcdef0123456789abcdef.png" }), "invalid");
    expect((await readSettings()).logoKey).toBeNull();

    await updateSettings(admin, { ...validSettings(version), logoKey: image.key });
    expect((await readSettings()).logoKey).toBe(image.key);
    expect((await canServeMedia(image.key, null))?.audience).toBe("public");

    version = (await readSettings()).version;
    await updateSettings(admin, validSettings(version)); // no logoKey: the logo stays
    expect((await readSettings()).logoKey).toBe(image.key);

    version = (await readSettings()).version;
    await updateSettings(admin, { ...validSettings(version), logoKey: null });
    expect((await readSettings()).logoKey).toBeNull();
    expect(await canServeMedia(image.key, null)).toBeNull();
  });
});

describe("settings", () => {
  it("an admin updates the letterhead, time zone and boilerplate; a stale version is a conflict", async () => {
    const admin = await makeStaff(database.db, "admin");
    const before = await readSettings();
    await updateSettings(admin, validSettings(before.version));
    const after = await readSettings();
    expect(after.organisationName).toBe("Permanent Mission of Examplia");
    expect(after.letterhead.address).toEqual(["1 Rue de l'Exemple", "1202 Geneva"]);
    expect(after.letterhead.fax).toBeNull();
    expect(after.timeZone).toBe("America/New_York");
    expect(after.defaultContact).toEqual({ name: "Press Office", role: null, email: "press@examplia.example", phone: null });
    expect(after.version).toBe(before.version + 1);

    await rejects(updateSettings(admin, { ...validSettings(before.version), organisationName: "Overwritten" }), "conflict");
    expect((await readSettings()).organisationName).toBe("Permanent Mission of Examplia");
  });

  it("refuses bad input and non-admins, and changes nothing", async () => {
    const admin = await makeStaff(database.db, "admin");
    const editor = await makeStaff(database.db, "editor");
    const before = await readSettings();
    await rejects(updateSettings(editor, validSettings(before.version)), "forbidden");
    const badZone = await rejects(updateSettings(admin, { ...validSettings(before.version), timeZone: "Mars/Olympus" }), "invalid");
    expect(badZone.message).toContain("time zone");
    await rejects(updateSettings(admin, { ...validSettings(before.version), website: "javascript:alert(1)" }), "invalid");
    await rejects(updateSettings(admin, { ...validSettings(before.version), status: "x" }), "invalid");
    expect(await readSettings()).toEqual(before);
  });
});

describe("topics and release types", () => {
  it("admins add and delete them; one in use cannot be deleted; writers cannot touch them", async () => {
    const admin = await makeStaff(database.db, "admin");
    const writer = await makeStaff(database.db, "writer");
    const topic = await createTopic(admin, { name: "Human Rights" });
    expect(topic.slug).toBe("human-rights");
    await rejects(createTopic(admin, { name: "Human rights" }), "conflict");
    await rejects(createTopic(writer, { name: "Trade" }), "forbidden");
    expect(await database.db.select().from(topics).where(eq(topics.slug, "trade"))).toHaveLength(0);

    const type = await createReleaseType(admin, { name: "Op-ed" });
    expect(type.slug).toBe("op-ed");
    await createRelease(writer, { type: "op-ed", headline: "An opinion", body: { type: "doc", content: [{ type: "paragraph" }] }, topics: ["human-rights"] });
    await rejects(deleteTopic(admin, "human-rights"), "conflict");
    await rejects(deleteReleaseType(admin, "op-ed"), "conflict");
    await rejects(deleteReleaseType(writer, "statement"), "forbidden");

    await createTopic(admin, { name: "Unused topic" });
    await deleteTopic(admin, "unused-topic");
    expect(await database.db.select().from(topics).where(eq(topics.slug, "unused-topic"))).toHaveLength(0);
    expect(await database.db.select().from(releaseTypes).where(eq(releaseTypes.slug, "op-ed"))).toHaveLength(1);
  });

  it("a release refuses an unknown type or topic", async () => {
    const writer = await makeStaff(database.db, "writer");
    await rejects(createRelease(writer, { type: "no-such-type", headline: "x", body: { type: "doc", content: [{ type: "paragraph" }] } }), "invalid");
    await rejects(createRelease(writer, { headline: "x", body: { type: "doc", content: [{ type: "paragraph" }] }, topics: ["nope"] }), "invalid");
  });
});

describe("web address", () => {
  it("is editable until the first publication, keeps the old one, and is fixed afterwards", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const body = doc("Text.");
    const { id, version } = await createRelease(writer, { headline: `Slug test ${randomBytes(3).toString("hex")}`, body });
    const [before] = await database.db.select().from(releases).where(eq(releases.id, id));

    await rejects(setReleaseSlug(writer, { releaseId: id, slug: "x".repeat(300), expectedVersion: version }), "invalid");
    await rejects(setReleaseSlug(writer, { releaseId: id, slug: "Not A Slug", expectedVersion: version }), "invalid");
    const changed = await setReleaseSlug(writer, { releaseId: id, slug: `new-address-${before!.slug.slice(-6)}`, expectedVersion: version });
    expect(await database.db.select().from(releaseSlugs).where(eq(releaseSlugs.slug, before!.slug))).toHaveLength(1);

    let current = changed.version;
    ({ version: current } = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: current }));
    ({ version: current } = await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: current }));
    ({ version: current } = await transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: current }));
    const error = await rejects(setReleaseSlug(editor, { releaseId: id, slug: "too-late", expectedVersion: current }), "conflict");
    expect(error.message).toContain("cannot change after the release has been published");
    expect((await database.db.select().from(releases).where(eq(releases.id, id)))[0]!.slug).toBe(changed.slug);

    await saveRelease(editor, { releaseId: id, expectedVersion: current, content: { headline: "Updated", body } });
  });
});

describe("translations", () => {
  it("an editor links releases in different languages into one group; the same language twice is refused; writers cannot link", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const body = doc("Text.");
    const english = await createRelease(writer, { headline: `English ${randomBytes(3).toString("hex")}`, language: "en", body });
    const french = await createRelease(writer, { headline: `Français ${randomBytes(3).toString("hex")}`, language: "fr", body });
    const english2 = await createRelease(writer, { headline: `English again ${randomBytes(3).toString("hex")}`, language: "en", body });
    const { linkTranslation, listTranslations, listTranslationCandidates } = await import("@/db/releases/translations");

    await rejects(linkTranslation(writer, { releaseId: english.id, otherReleaseId: french.id }), "forbidden");
    expect(await listTranslations(english.id)).toEqual([]);
    expect((await listTranslationCandidates(english.id)).map((row) => row.id)).toContain(french.id);

    await linkTranslation(editor, { releaseId: english.id, otherReleaseId: french.id });
    expect((await listTranslations(english.id)).map((row) => row.id)).toEqual([french.id]);
    expect((await listTranslations(french.id)).map((row) => row.id)).toEqual([english.id]);
    await rejects(linkTranslation(editor, { releaseId: french.id, otherReleaseId: english2.id }), "conflict");
    expect(await listTranslations(english2.id)).toEqual([]);
  });
});

describe("review comments", () => {
  it("staff comment and reply; a change request stores its comment in the thread; bad input changes nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const { addComment, listComments } = await import("@/db/comments/comments");
    const body = doc("Text.");
    const { id, version } = await createRelease(writer, { headline: `Commented ${randomBytes(3).toString("hex")}`, body });
    const submitted = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version });
    await transitionRelease(editor, { releaseId: id, action: "request_changes", expectedVersion: submitted.version, comment: "Add the venue." });
    let thread = await listComments(id);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ body: "Add the venue.", action: "request_changes", authorName: "editor person", parentId: null });

    await addComment(writer, { releaseId: id, parentId: thread[0]!.id, body: "Added: Palais des Nations." });
    await rejects(addComment(writer, { releaseId: id, body: "   " }), "invalid");
    await rejects(addComment(writer, { releaseId: id, body: "x".repeat(5001) }), "invalid");
    await rejects(addComment(writer, { releaseId: id, body: "Hi", authorId: editor.id }), "invalid");
    thread = await listComments(id);
    expect(thread).toHaveLength(2);
    expect(thread[1]).toMatchObject({ parentId: thread[0]!.id, body: "Added: Palais des Nations.", authorName: "writer person" });
  });
});

describe("correction and update notes", () => {
  it("an update of a live release can carry a public note, kept as a list; a first publication cannot", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const body = doc("Original text.");
    const headline = `Noted ${randomBytes(3).toString("hex")}`;
    const { id, version } = await createRelease(writer, { headline, body });
    let current = (await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version })).version;
    current = (await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: current })).version;
    await rejects(
      transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: current, note: { kind: "correction", text: "Too early." } }),
      "invalid",
    );
    current = (await transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: current })).version;

    const { publications } = await import("@/db/schema");
    const fixed = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Corrected text." }] }] };
    current = (await saveRelease(editor, { releaseId: id, expectedVersion: current, content: { headline, body: fixed } })).version;
    current = (await transitionRelease(editor, { releaseId: id, action: "submit", expectedVersion: current })).version;
    const approver = await makeStaff(database.db, "editor");
    current = (await transitionRelease(approver, { releaseId: id, action: "approve", expectedVersion: current })).version;
    await transitionRelease(approver, {
      releaseId: id,
      action: "publish",
      expectedVersion: current,
      note: { kind: "correction", text: "The date of the meeting was wrong." },
    });
    const [row] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
    expect(row!.corrections).toHaveLength(1);
    expect(row!.corrections[0]).toMatchObject({ kind: "correction", text: "The date of the meeting was wrong." });
    expect(row!.html).toContain("Corrected text.");
  });
});

describe("notifications", () => {
  it("review requested reaches editors, changes requested and published reach the author, never the actor; each marks only their own read", async () => {
    const { listNotifications, markNotificationsRead } = await import("@/db/notifications/notify");
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const otherEditor = await makeStaff(database.db, "editor");
    const body = doc("Text.");
    const headline = `Notified ${randomBytes(3).toString("hex")}`;
    const { id, version } = await createRelease(writer, { headline, body });
    let current = (await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version })).version;
    const forEditor = await listNotifications(editor);
    expect(forEditor[0]).toMatchObject({ kind: "review_requested", releaseId: id, text: `writer person asks for a review of “${headline}”.` });
    expect((await listNotifications(otherEditor))[0]).toMatchObject({ kind: "review_requested", releaseId: id });
    expect((await listNotifications(writer)).filter((notice) => notice.releaseId === id)).toHaveLength(0);

    current = (await transitionRelease(editor, { releaseId: id, action: "request_changes", expectedVersion: current, comment: "Shorter, please." })).version;
    current = (await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: current })).version;
    current = (await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: current })).version;
    await transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: current });
    const forWriter = (await listNotifications(writer)).filter((notice) => notice.releaseId === id).map((notice) => notice.kind);
    expect(forWriter).toEqual(["published", "approved", "changes_requested"]);

    await markNotificationsRead(writer);
    expect((await listNotifications(writer)).every((notice) => notice.readAt !== null)).toBe(true);
    expect((await listNotifications(editor)).some((notice) => notice.readAt === null)).toBe(true);
  });
});
