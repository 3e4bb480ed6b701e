import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { queryFeedSource } from "@/db/public/feed-items";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { media, publications, releaseRevisions, releases } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { leadImageOf } from "@/lib/content/lead-image";
import { renderFeed } from "@/lib/feeds/response";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc, paragraph, type Json } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, takeLive } from "../support/workflow";

const LEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f90.png";
const SECOND = "0f9e8d7c6b5a49382716a5b4c3d2e1f0.jpg";
const siteUrl = "https://press.example";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
let secondEditor: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.insert(media).values([
    { key: LEAD, kind: "image", mimeType: "image/png", bytes: 31_337, width: 640, height: 480, originalName: "lead.png" },
    { key: SECOND, kind: "image", mimeType: "image/jpeg", bytes: 12_345, width: 300, height: 200, originalName: "second.jpg" },
  ]);
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
  secondEditor = await makeStaff(database.db, "editor");
});

afterAll(async () => {
  await database?.drop();
});

const figure = (key: string, attrs: Json = {}): Json => ({ type: "figure", attrs: { src: `/media/${key}`, alt: `Picture ${key}`, caption: null, ...attrs } });

async function publish(headline: string, body: Json): Promise<string> {
  const { id } = await createRelease(writer, { headline, body });
  await takeLive(writer, editor, id);
  return id;
}

async function leadImageColumn(id: string) {
  const [row] = await database.db.select({ leadImage: publications.leadImage }).from(publications).where(eq(publications.releaseId, id));
  return row!.leadImage;
}

describe("the lead image, written with the publication", () => {
  let withImage = "";
  let without = "";

  beforeAll(async () => {
    withImage = await publish("Plant opens", doc(paragraph("Intro."), { type: "blockquote", content: [figure(LEAD, { width: 640, height: 480 })] }, figure(SECOND)));
    without = await publish("Plain words", doc(paragraph("No pictures.")));
  });

  it("is set on a published release with an image, and its feed entry has the enclosure", async () => {
    expect(await leadImageColumn(withImage)).toEqual({ key: LEAD, alt: `Picture ${LEAD}`, width: 640, height: 480 });
    expect(await leadImageColumn(without)).toBeNull();

    const source = await queryFeedSource(database.db, { kind: "all" });
    const items = new Map(source!.items.map((item) => [item.releaseId, item]));
    expect(items.get(withImage)!.leadImage).toEqual({ key: LEAD, mimeType: "image/png", bytes: 31_337 });
    expect(items.get(without)!.leadImage).toBeNull();

    const rss = renderFeed({ kind: "all" }, "rss", source!, { siteUrl });
    const entries = new Map(parseFeed(rss).items.map((entry) => [entry.id, entry]));
    expect(entries.get(`urn:uuid:${withImage}`)!.media).toEqual([expect.objectContaining({ url: `${siteUrl}/media/${LEAD}`, length: 31_337, mimeType: "image/png" })]);
    expect(entries.get(`urn:uuid:${without}`)!.media).toEqual([]);
  });

  it("follows the body when an update changes its first image", async () => {
    const [release] = await database.db.select().from(releases).where(eq(releases.id, withImage));
    await saveRelease(editor, { releaseId: withImage, expectedVersion: release!.version, content: { headline: "Plant opens", body: doc(figure(SECOND)) } });
    await actOnRelease(editor, withImage, "submit");
    await actOnRelease(secondEditor, withImage, "approve");
    await actOnRelease(secondEditor, withImage, "publish");
    expect(await leadImageColumn(withImage)).toEqual({ key: SECOND, alt: `Picture ${SECOND}`, width: null, height: null });
  });
});

describe("the migration that added the column", () => {
  it("fills it for rows published before it, from the published revision's body, as leadImageOf does", async () => {
    const older = await publish("Two figures", doc(figure(SECOND, { width: 1200, height: 800 }), figure(LEAD)));
    // A body saved under older rules: what the renderer skips comes first, sizes and alt text out of range.
    const oddBody = doc(
      paragraph("Older rules"),
      { type: "figure", attrs: { src: "https://elsewhere.example/x.png", alt: "x" } },
      { type: "figure", attrs: { src: "/media/../secret.png", alt: "x" } },
      { type: "blockquote", content: [{ type: "figure", attrs: { src: `/media/${SECOND}`, width: 20_001, height: "480" } }] },
      figure(LEAD, { width: 10, height: 10 }),
    );
    const [olderRow] = await database.db.select({ revisionId: publications.revisionId }).from(publications).where(eq(publications.releaseId, older));
    await database.db.update(releaseRevisions).set({ body: oddBody }).where(eq(releaseRevisions.id, olderRow!.revisionId));
    expect(leadImageOf(oddBody)).toEqual({ key: SECOND, alt: "", width: null, height: null });
    await publish("A figure in a table", doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [paragraph("Cell"), figure(LEAD, { alt: 'Say "cheese" & <smile>' })] }] }] }));
    const rows = await database.db
      .select({ id: publications.releaseId, body: releaseRevisions.body, leadImage: publications.leadImage })
      .from(publications)
      .innerJoin(releaseRevisions, eq(releaseRevisions.id, publications.revisionId));
    expect(rows.filter((row) => row.leadImage).length).toBeGreaterThanOrEqual(3);
    for (const row of rows) if (row.id !== older) expect(row.leadImage).toEqual(leadImageOf(row.body));

    const migration = readFileSync(path.resolve("db/migrations/0009_lead_image.sql"), "utf8").split("--> statement-breakpoint");
    const backfill = migration.find((statement) => statement.trim().startsWith("UPDATE"));
    expect(backfill).toBeDefined();
    await database.db.update(publications).set({ leadImage: null });
    await database.db.execute(sql.raw(backfill!));
    const filled = await database.db.select({ id: publications.releaseId, leadImage: publications.leadImage }).from(publications);
    expect(new Map(filled.map((row) => [row.id, row.leadImage]))).toEqual(new Map(rows.map((row) => [row.id, leadImageOf(row.body)])));
  });
});
