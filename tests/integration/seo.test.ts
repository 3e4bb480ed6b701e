import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { queryNewsSitemapReleases, querySitemapReleases, querySitemapTopics } from "@/db/public/sitemap";
import { createRelease } from "@/db/releases/create";
import { publications, releases, settings, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { buildNewsSitemap, buildSitemap } from "@/lib/seo/sitemap-xml";
import { toLocalInput } from "@/lib/time/zoned";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, approveDraft } from "../support/workflow";

/**
 * What the sitemaps list (db/public/sitemap.ts), read through the uncached queries: the cached forms
 * need Next's incremental cache, which exists only inside Next.
 */
let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
const ZONE = "Europe/Zurich";
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.update(settings).set({ timeZone: ZONE }).where(eq(settings.id, 1));
  await database.db.insert(topics).values([
    { slug: "seo-live", name: "Live topic" },
    { slug: "seo-hidden", name: "Only unpublished releases" },
    { slug: "seo-retracted", name: "Only a retracted release" },
    { slug: "seo-empty", name: "No releases" },
  ]);
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});
afterAll(() => database?.drop());

async function draft(headline: string, topicSlugs: string[] = []) {
  const { id } = await createRelease(writer, { headline: `${headline} ${randomBytes(3).toString("hex")}`, body: doc(`Body of ${headline}.`), topics: topicSlugs });
  const [row] = await database.db.select({ slug: releases.slug }).from(releases).where(eq(releases.id, id));
  return { id, slug: row!.slug };
}

async function approved(headline: string, topicSlugs: string[] = []) {
  const release = await draft(headline, topicSlugs);
  await approveDraft(writer, editor, release.id);
  return release;
}

async function published(headline: string, topicSlugs: string[] = []) {
  const release = await approved(headline, topicSlugs);
  await actOnRelease(editor, release.id, "publish");
  return release;
}

async function publicationRow(id: string) {
  const [row] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
  return row!;
}

const inAWeek = () => ({ at: { local: toLocalInput(new Date(Date.now() + 7 * 24 * HOUR), ZONE) } });

describe("sitemap.xml data", () => {
  it("lists live releases with their last change, and nothing drafted, pending, scheduled, embargoed, trashed or retracted", async () => {
    const live = await published("Live release", ["seo-live"]);
    const inDraft = await draft("Draft release", ["seo-hidden"]);
    const inReview = await draft("Release in review", ["seo-hidden"]);
    await actOnRelease(writer, inReview.id, "submit");
    const isApproved = await approved("Approved release", ["seo-hidden"]);
    const scheduled = await approved("Scheduled release", ["seo-hidden"]);
    await actOnRelease(editor, scheduled.id, "schedule", inAWeek());
    const embargoed = await approved("Embargoed release", ["seo-hidden"]);
    await actOnRelease(editor, embargoed.id, "embargo", inAWeek());
    const trashed = await draft("Trashed release", ["seo-hidden"]);
    await actOnRelease(writer, trashed.id, "trash");
    const retracted = await published("Retracted release", ["seo-retracted"]);
    await actOnRelease(editor, retracted.id, "retract", { comment: "Issued in error." });
    expect((await publicationRow(retracted.id)).retractedAt).not.toBeNull();

    const listed = await querySitemapReleases();
    const slugs = listed.map((release) => release.slug);
    expect(slugs).toContain(live.slug);
    for (const hidden of [inDraft, inReview, isApproved, scheduled, embargoed, trashed, retracted]) expect(slugs).not.toContain(hidden.slug);

    const row = await publicationRow(live.id);
    expect(listed.find((release) => release.slug === live.slug)).toEqual({
      slug: live.slug,
      headline: row.headline,
      language: "en",
      releaseDate: null,
      publishedAt: row.publishedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });

    const news = (await queryNewsSitemapReleases()).map((release) => release.slug);
    expect(news).toContain(live.slug);
    for (const hidden of [inDraft, inReview, isApproved, scheduled, embargoed, trashed, retracted]) expect(news).not.toContain(hidden.slug);
  });

  it("lists a topic only while a live release carries it, dated by the newest change among them", async () => {
    const first = await published("First on topic", ["seo-live"]);
    const second = await published("Second on topic", ["seo-live"]);
    const newest = Math.max((await publicationRow(first.id)).updatedAt.getTime(), (await publicationRow(second.id)).updatedAt.getTime());

    const listed = await querySitemapTopics();
    expect(listed.map((topic) => topic.slug)).toEqual(expect.arrayContaining(["seo-live"]));
    for (const absent of ["seo-hidden", "seo-retracted", "seo-empty"]) expect(listed.map((topic) => topic.slug)).not.toContain(absent);
    expect(listed.find((topic) => topic.slug === "seo-live")!.lastModified).toBe(new Date(newest).toISOString());
  });

  it("drops a release from both sitemaps once it is retracted", async () => {
    const release = await published("Soon retracted", ["seo-retracted"]);
    expect((await querySitemapReleases()).map((row) => row.slug)).toContain(release.slug);
    expect((await querySitemapTopics()).map((row) => row.slug)).toContain("seo-retracted");
    await actOnRelease(editor, release.id, "retract", { comment: "Withdrawn." });
    expect((await querySitemapReleases()).map((row) => row.slug)).not.toContain(release.slug);
    expect((await queryNewsSitemapReleases()).map((row) => row.slug)).not.toContain(release.slug);
    expect((await querySitemapTopics()).map((row) => row.slug)).not.toContain("seo-retracted");
  });
});

describe("news sitemap data", () => {
  it("holds live releases first published in the last 48 hours only", async () => {
    const fresh = await published("Fresh news");
    const older = await published("Day-and-a-half old news");
    const stale = await published("Stale news");
    const now = new Date();
    await database.db.update(publications).set({ publishedAt: new Date(now.getTime() - 47 * HOUR) }).where(eq(publications.releaseId, older.id));
    await database.db.update(publications).set({ publishedAt: new Date(now.getTime() - 49 * HOUR) }).where(eq(publications.releaseId, stale.id));

    const news = (await queryNewsSitemapReleases(now)).map((release) => release.slug);
    expect(news).toEqual(expect.arrayContaining([fresh.slug, older.slug]));
    expect(news).not.toContain(stale.slug);
    // The stale one is still a live page: only the news sitemap lets it go.
    expect((await querySitemapReleases()).map((release) => release.slug)).toContain(stale.slug);

    // Two hours later the 47-hour-old release has aged out too.
    const later = (await queryNewsSitemapReleases(new Date(now.getTime() + 2 * HOUR))).map((release) => release.slug);
    expect(later).toContain(fresh.slug);
    expect(later).not.toContain(older.slug);
  });

  it("carries hostile headlines as valid, escaped XML", async () => {
    const hostile = `</news:title><script>alert(1)</script> & "quotes" ]]> \u0007bell`;
    const { id } = await createRelease(writer, { headline: hostile, body: doc("Body.") });
    await actOnRelease(writer, id, "submit");
    await actOnRelease(editor, id, "approve");
    await actOnRelease(editor, id, "publish");
    const { slug } = await publicationRow(id);

    const entries = (await queryNewsSitemapReleases()).map((release) => ({
      url: `https://news.example.org/releases/${release.slug}`,
      title: release.headline,
      language: release.language,
      publishedAt: release.publishedAt,
    }));
    const xml = buildNewsSitemap("Office <& Co>", entries);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ isArray: (name) => name === "url" }).parse(xml);
    const entry = parsed.urlset.url.find((url: { loc: string }) => url.loc.endsWith(`/releases/${slug}`));
    expect(entry["news:news"]["news:title"]).toBe(`</news:title><script>alert(1)</script> & "quotes" ]]> bell`);
    expect(entry["news:news"]["news:publication"]["news:name"]).toBe("Office <& Co>");

    const sitemap = buildSitemap((await querySitemapReleases()).map((release) => ({ url: `https://news.example.org/releases/${release.slug}`, lastModified: release.updatedAt })));
    expect(XMLValidator.validate(sitemap)).toBe(true);
    expect(sitemap).toContain(`<loc>https://news.example.org/releases/${slug}</loc>`);
  });
});
