import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { canServeMedia } from "@/db/media/access";
import { LocalDiskStorage, setMediaStorage } from "@/db/media/storage";
import { uploadMedia } from "@/db/media/upload";
import { publishDueReleases } from "@/db/publishing/scheduler";
import { revisionView } from "@/db/public/release-view";
import { loadRevision } from "@/db/releases/load";
import { createRelease } from "@/db/releases/create";
import { releases, shareLinks } from "@/db/schema";
import { mintShareLink, revokeShareLink } from "@/db/share/share-links";
import { env } from "@/env";
import { withShareToken } from "@/app/share/[token]/with-share-token";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { pdf, png } from "../support/media-fixtures";
import { makeStaff } from "../support/staff";
import { actOnRelease, approveDraft } from "../support/workflow";

// The media route asks db/viewer.ts who is signed in; here nobody is (journalists have no account).
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/db/viewer", () => ({ currentViewer: async () => session.viewer }));

let database: TestDatabase;
let mediaDir: string;
let writer: Viewer;
let editor: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  mediaDir = mkdtempSync(path.join(tmpdir(), "pressroom-share-media-"));
  setMediaStorage(new LocalDiskStorage(path.join(mediaDir, "files")));
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});

afterAll(async () => {
  await database?.drop();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

beforeEach(() => {
  session.viewer = null;
});

/** An embargoed release whose body shows an image and whose related documents attach a PDF, with a share link. */
async function embargoedWithLink(embargoLocal = "2099-01-01T09:00") {
  const image = await uploadMedia(writer, { bytes: png(3, 2), originalName: "bridge.png" });
  const document = await uploadMedia(writer, { bytes: pdf(), originalName: "statement.pdf" });
  const body = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "The bridge opens on Monday." }] },
      { type: "figure", attrs: { src: `/media/${image.key}`, alt: "The bridge" } },
    ],
  };
  const { id } = await createRelease(writer, {
    headline: `Bridge ${randomBytes(3).toString("hex")}`,
    body,
    relatedDocuments: [{ title: "Statement", mediaKey: document.key }],
  });
  await approveDraft(writer, editor, id);
  await actOnRelease(editor, id, "embargo", { at: { local: embargoLocal } });
  const { token } = await mintShareLink(editor, { releaseId: id, validHours: 2 });
  return { id, token, imageKey: image.key, documentKey: document.key };
}

async function get(key: string, share?: string) {
  const { GET } = await import("@/app/media/[key]/route");
  const query = share === undefined ? "" : `?share=${encodeURIComponent(share)}`;
  return GET(new Request(`${env.siteUrl}/media/${key}${query}`), { params: Promise.resolve({ key }) });
}

describe("images in embargo share links", () => {
  it("a valid link loads the shared revision's image and document, privately; the public still gets 404", async () => {
    const { token, imageKey, documentKey } = await embargoedWithLink();

    const image = await get(imageKey, token);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png(3, 2));

    const document = await get(documentKey, token);
    expect(document.status).toBe(200);
    expect(document.headers.get("cache-control")).toBe("private, no-store");

    for (const key of [imageKey, documentKey]) {
      expect((await get(key)).status, `${key} without a token`).toBe(404);
      expect((await get(key, "")).status).toBe(404);
      expect((await get(key, "x".repeat(43))).status, "an unknown token").toBe(404);
      expect(await canServeMedia(key, null)).toBeNull();
    }
  });

  it("never opens another release's files, or a file the revision does not use", async () => {
    const shared = await embargoedWithLink();
    const other = await embargoedWithLink();
    const loose = await uploadMedia(writer, { bytes: png(4, 4), originalName: "loose.png" });

    expect((await get(other.imageKey, shared.token)).status).toBe(404);
    expect((await get(other.documentKey, shared.token)).status).toBe(404);
    expect((await get(loose.key, shared.token)).status).toBe(404);
    expect((await get(other.imageKey, other.token)).status).toBe(200);
  });

  it("a revoked or expired link, or an embargo taken back, loads nothing", async () => {
    const revoked = await embargoedWithLink();
    const [link] = await database.db.select({ id: shareLinks.id }).from(shareLinks).where(eq(shareLinks.releaseId, revoked.id));
    await revokeShareLink(editor, { linkId: link!.id });
    expect((await get(revoked.imageKey, revoked.token)).status).toBe(404);

    const expired = await embargoedWithLink();
    await database.db.update(shareLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(shareLinks.releaseId, expired.id));
    expect((await get(expired.imageKey, expired.token)).status).toBe(404);

    const unscheduled = await embargoedWithLink();
    expect((await get(unscheduled.imageKey, unscheduled.token)).status).toBe(200);
    await actOnRelease(editor, unscheduled.id, "unschedule");
    expect((await get(unscheduled.imageKey, unscheduled.token)).status).toBe(404);
  });

  it("once the embargo lifts the files are public to everyone", async () => {
    const lifted = await embargoedWithLink("2098-06-01T09:00");
    expect((await get(lifted.imageKey)).status).toBe(404);
    await publishDueReleases(new Date("2098-06-01T09:00:01Z"));
    const response = await get(lifted.imageKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("the share page's image and document addresses carry the token, and nothing else changes", async () => {
    const { id, token, imageKey, documentKey } = await embargoedWithLink();
    const [release] = await database.db.select().from(releases).where(eq(releases.id, id));
    const revision = await loadRevision(database.db, release!.approvedRevisionId!);
    const settings = { organisationName: "Org", letterhead: { address: [], phones: [], fax: null, email: null, website: null }, accentColor: "#000000", timeZone: "UTC", defaultLanguage: "en", boilerplate: "", logoKey: null };
    const view = revisionView(revision, { settings, topicNames: {}, typeName: null, fallbackInstant: "2099-01-01T08:00:00.000Z" });
    expect(view.html).toContain(`src="/media/${imageKey}"`);

    const shared = withShareToken(view, token);
    expect(shared.html).toContain(`src="/media/${imageKey}?share=${token}"`);
    expect(shared.html).not.toContain(`src="/media/${imageKey}"`);
    expect(shared.html.replace(`?share=${token}`, "")).toBe(view.html);
    expect(shared.relatedDocuments).toEqual([{ title: "Statement", href: `/media/${documentKey}?share=${token}`, note: null }]);

    const src = /src="([^"]+)"/.exec(shared.html)![1]!;
    const url = new URL(src, env.siteUrl);
    expect((await get(url.pathname.slice("/media/".length), url.searchParams.get("share")!)).status).toBe(200);
  });
});
