import { randomBytes } from "node:crypto";
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { count, eq, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { FEED_ITEM_LIMIT, queryFeedSource } from "@/db/public/feed-items";
import { WEBSUB_PING_JOB, feedUrlsFor } from "@/db/publishing/websub";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { jobs, media, publications, releases, settings, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { env } from "@/env";
import { FEED_FILES, type FeedFormat, type FeedScope } from "@/lib/feeds/discovery";
import type { FeedSource } from "@/lib/feeds/model";
import { feedResponse, renderFeed } from "@/lib/feeds/response";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc, paragraph, type Json } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, approveDraft } from "../support/workflow";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
let secondEditor: Viewer;

const IMAGE_KEY = "feed-lead-image-0001.png";
const IMAGE_BYTES = 48_213;
const FORMATS = Object.keys(FEED_FILES) as FeedFormat[];
const siteUrl = "https://press.example";

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.insert(topics).values([
    { slug: "health", name: "Health & <Care>" },
    { slug: "trade", name: "Trade" },
  ]);
  await database.db
    .insert(media)
    .values({ key: IMAGE_KEY, kind: "image", mimeType: "image/png", bytes: IMAGE_BYTES, width: 800, height: 600, originalName: "lead.png" });
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
  secondEditor = await makeStaff(database.db, "editor");
});

afterAll(async () => {
  await database?.drop();
});

/** Text a careless or hostile writer might type: every XML special, a CDATA terminator, a bidi override. */
const HOSTILE = "R&D <b>bold</b> \"quoted\" 'single' ]]> \u202eevil\u202c";

function content(label: string, extra: Json = {}): Json {
  return { headline: `${label} ${randomBytes(3).toString("hex")}`, body: doc(paragraph(`Body of ${label}.`)), ...extra };
}

async function version(id: string): Promise<number> {
  const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, id));
  return row!.version;
}

async function approved(value: Json): Promise<string> {
  const { id } = await createRelease(writer, value);
  await approveDraft(writer, editor, id);
  return id;
}

async function published(value: Json): Promise<string> {
  const id = await approved(value);
  await actOnRelease(editor, id, "publish");
  return id;
}

async function publication(id: string) {
  const [row] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
  return row ?? null;
}

async function source(scope: FeedScope, limit?: number): Promise<FeedSource> {
  const value = await queryFeedSource(database.db, scope, limit);
  expect(value, `scope ${JSON.stringify(scope)} exists`).not.toBeNull();
  return value!;
}

/** Parses a feed body with a real parser (or JSON for JSON Feed): ids, titles and updated dates. */
function entriesOf(format: FeedFormat, body: string): { id: string; title: string; updated: string | null; content: string }[] {
  if (format === "json") {
    const feed = JSON.parse(body) as { version: string; items: { id: string; title: string; date_modified: string; content_html: string }[] };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    return feed.items.map((item) => ({ id: item.id, title: item.title, updated: item.date_modified, content: item.content_html }));
  }
  expect(XMLValidator.validate(body)).toBe(true);
  const feed = parseFeed(body);
  expect(feed.meta.type).toBe(format);
  return feed.items.map((item) => ({ id: item.id ?? "", title: item.title ?? "", updated: item.updated?.toISOString() ?? null, content: item.content ?? "" }));
}

describe("which releases the feeds list", () => {
  const live: Record<string, string> = {};
  const absent: Record<string, string> = {};
  const SCOPES: { scope: FeedScope; expected: string[] }[] = [];

  beforeAll(async () => {
    live.healthStatement = await published(
      content("Health statement", {
        topics: ["health"],
        type: "statement",
        language: "en",
        summary: `Summary with ${HOSTILE}`,
        headline: `Headline ${HOSTILE} ${randomBytes(3).toString("hex")}`,
        body: doc(paragraph(`Body with ${HOSTILE}`), { type: "figure", attrs: { src: `/media/${IMAGE_KEY}`, alt: "A chart", caption: "Q1" } }),
        relatedDocuments: [{ title: "Programme & annex", url: "https://example.org/programme.pdf", note: "12 pages" }],
      }),
    );
    live.tradeFrench = await published(content("Commerce", { topics: ["trade"], type: "press-release", language: "fr" }));
    live.both = await published(content("Health and trade", { topics: ["health", "trade"], language: "en", type: null }));

    absent.draft = (await createRelease(writer, content("Draft only", { topics: ["health"], type: "statement" }))).id;
    absent.approved = await approved(content("Approved not published", { topics: ["health"] }));
    absent.scheduled = await approved(content("Scheduled later", { topics: ["health"], type: "statement" }));
    await actOnRelease(editor, absent.scheduled, "schedule", { at: { local: "2030-03-31T09:00" } });
    absent.embargoed = await approved(content("Embargoed later", { topics: ["trade"], language: "fr" }));
    await actOnRelease(editor, absent.embargoed, "embargo", { at: { local: "2030-10-27T09:00" } });
    absent.trashed = await approved(content("Trashed", { topics: ["health"] }));
    await actOnRelease(editor, absent.trashed, "trash");
    absent.retracted = await published(content("Retracted", { topics: ["health"], type: "statement" }));
    await actOnRelease(editor, absent.retracted, "retract", { comment: "Issued in error." });
    absent.retractedThenTrashed = await published(content("Retracted then trashed", { topics: ["trade"], language: "fr" }));
    await actOnRelease(editor, absent.retractedThenTrashed, "retract", { comment: "Withdrawn." });
    await actOnRelease(editor, absent.retractedThenTrashed, "trash");

    SCOPES.push(
      { scope: { kind: "all" }, expected: [live.both!, live.tradeFrench!, live.healthStatement!] },
      { scope: { kind: "topic", slug: "health" }, expected: [live.both!, live.healthStatement!] },
      { scope: { kind: "topic", slug: "trade" }, expected: [live.both!, live.tradeFrench!] },
      { scope: { kind: "type", slug: "statement" }, expected: [live.healthStatement!] },
      { scope: { kind: "type", slug: "press-release" }, expected: [live.tradeFrench!] },
      { scope: { kind: "type", slug: "speech" }, expected: [] },
      { scope: { kind: "language", code: "en" }, expected: [live.both!, live.healthStatement!] },
      { scope: { kind: "language", code: "fr" }, expected: [live.tradeFrench!] },
    );
  });

  it("the releases that are not live have no publication, or a retracted one", async () => {
    for (const id of [absent.draft, absent.approved, absent.scheduled, absent.embargoed, absent.trashed]) expect(await publication(id!)).toBeNull();
    for (const id of [absent.retracted, absent.retractedThenTrashed]) expect((await publication(id!))?.retractedAt).toBeInstanceOf(Date);
  });

  it("every feed in every format lists exactly its live releases, newest first; none of the others appear", async () => {
    const absentHeadlines = await Promise.all(
      Object.values(absent).map(async (id) => {
        const [row] = await database.db.select({ slug: releases.slug }).from(releases).where(eq(releases.id, id));
        return row!.slug;
      }),
    );
    for (const { scope, expected } of SCOPES) {
      const data = await source(scope);
      for (const format of FORMATS) {
        const body = renderFeed(scope, format, data, { siteUrl });
        const entries = entriesOf(format, body);
        expect(entries.map((entry) => entry.id), `${JSON.stringify(scope)} ${format}`).toEqual(expected.map((id) => `urn:uuid:${id}`));
        for (const id of Object.values(absent)) expect(body).not.toContain(id);
        for (const slug of absentHeadlines) expect(body).not.toContain(slug);
      }
    }
  });

  it("carries the full sanitized body, related documents, topics and the lead image with its size and type", async () => {
    const data = await source({ kind: "topic", slug: "health" });
    const item = data.items.find((entry) => entry.releaseId === live.healthStatement)!;
    expect(item.leadImage).toEqual({ key: IMAGE_KEY, mimeType: "image/png", bytes: IMAGE_BYTES });
    expect(item.topics).toEqual([{ slug: "health", name: "Health & <Care>" }]);
    const rss = renderFeed({ kind: "topic", slug: "health" }, "rss", data, { siteUrl });
    const feed = parseFeed(rss);
    const entry = feed.items.find((candidate) => candidate.id === `urn:uuid:${live.healthStatement}`)!;
    expect(entry.title).toMatch(/^Headline R&D <b>bold<\/b> "quoted" 'single' \]\]> evil /);
    expect(entry.description).toBe("Summary with R&D <b>bold</b> \"quoted\" 'single' ]]> evil");
    expect(entry.content).toContain(`<img src="${siteUrl}/media/${IMAGE_KEY}"`);
    expect(entry.content).toContain("Related documents");
    expect(entry.content).toContain('<a href="https://example.org/programme.pdf">Programme & annex</a> — 12 pages');
    expect(entry.categories.map((category) => category.label)).toEqual(["Health & <Care>"]);
    expect(entry.media).toEqual([expect.objectContaining({ url: `${siteUrl}/media/${IMAGE_KEY}`, length: IMAGE_BYTES, mimeType: "image/png" })]);
    expect(rss).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(feed.title).toBe("Office of the Pressroom Demonstration Mission: Health & <Care>");
  });

  it("limits a feed to the newest entries", async () => {
    expect(FEED_ITEM_LIMIT).toBe(50);
    const data = await source({ kind: "all" }, 2);
    expect(data.items.map((item) => item.releaseId)).toEqual([live.both, live.tradeFrench]);
  });

  it("a correction moves the entry's updated date and the feed's validators, and shows the note", async () => {
    const scope: FeedScope = { kind: "type", slug: "statement" };
    const before = await source(scope);
    const beforeAtom = renderFeed(scope, "atom", before, { siteUrl });
    const firstResponse = feedResponse(new Request(`${siteUrl}/types/statement/atom.xml`), scope, "atom", before, { siteUrl });
    const etag = firstResponse.headers.get("ETag")!;
    const lastModified = firstResponse.headers.get("Last-Modified")!;
    expect(feedResponse(new Request(`${siteUrl}/types/statement/atom.xml`, { headers: { "If-None-Match": etag } }), scope, "atom", before, { siteUrl }).status).toBe(304);
    expect(
      feedResponse(new Request(`${siteUrl}/types/statement/atom.xml`, { headers: { "If-Modified-Since": lastModified } }), scope, "atom", before, { siteUrl }).status,
    ).toBe(304);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // Last-Modified has one-second precision.
    const id = live.healthStatement!;
    const current = await publication(id);
    // An update of a live release: an editor edits, another approves (four eyes) and publishes it with a note.
    await saveRelease(editor, {
      releaseId: id,
      expectedVersion: await version(id),
      content: {
        headline: current!.headline,
        body: doc(paragraph("Corrected body."), { type: "figure", attrs: { src: `/media/${IMAGE_KEY}`, alt: "A chart", caption: "Q1" } }),
        topics: ["health"],
        type: "statement",
        summary: "Corrected summary.",
      },
    });
    await actOnRelease(editor, id, "submit");
    await actOnRelease(secondEditor, id, "approve");
    await actOnRelease(secondEditor, id, "publish", { note: { kind: "correction", text: "The figure was 5, not 50." } });
    const corrected = await publication(id);
    expect(corrected!.updatedAt.getTime()).toBeGreaterThan(current!.updatedAt.getTime());
    expect(corrected!.publishedAt).toEqual(current!.publishedAt);

    const after = await source(scope);
    const afterAtom = renderFeed(scope, "atom", after, { siteUrl });
    expect(afterAtom).not.toBe(beforeAtom);
    const [entry] = parseFeed(afterAtom).items;
    expect(entry?.updated?.toISOString()).toBe(corrected!.updatedAt.toISOString());
    expect(entry?.published?.toISOString()).toBe(corrected!.publishedAt.toISOString());
    expect(entry?.content).toMatch(/^<p><strong>Corrected on \d+ \w+ \d{4}:<\/strong> The figure was 5, not 50\.<\/p><p>Corrected body\.<\/p>/);
    const json = JSON.parse(renderFeed(scope, "json", after, { siteUrl })) as { items: { date_modified: string; date_published: string }[] };
    expect(json.items[0]!.date_modified).toBe(corrected!.updatedAt.toISOString());
    // An undated release: its publication instant, written in the organisation's zone (Europe/Zurich).
    expect(json.items[0]!.date_published).toMatch(/\.\d{3}\+0[12]:00$/);
    expect(new Date(json.items[0]!.date_published).getTime()).toBe(corrected!.publishedAt.getTime());

    // The reader's old copy is stale now, whichever validator it sends.
    const request = (headers: Record<string, string>) => new Request(`${siteUrl}/types/statement/atom.xml`, { headers });
    expect(feedResponse(request({ "If-None-Match": etag }), scope, "atom", after, { siteUrl }).status).toBe(200);
    expect(feedResponse(request({ "If-Modified-Since": lastModified }), scope, "atom", after, { siteUrl }).status).toBe(200);
    const fresh = feedResponse(request({}), scope, "atom", after, { siteUrl });
    expect(fresh.headers.get("ETag")).not.toBe(etag);
    expect(new Date(fresh.headers.get("Last-Modified")!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
  });

  it("Last-Modified is the newest change to any publication or the settings, so a retraction moves it", async () => {
    const [newest] = await database.db.select({ at: max(publications.updatedAt) }).from(publications);
    expect((await source({ kind: "language", code: "fr" })).lastModified).toBe(newest!.at!.toISOString());

    const scope: FeedScope = { kind: "topic", slug: "trade" };
    const before = await source(scope);
    const etag = feedResponse(new Request(`${siteUrl}/topics/trade/feed.json`), scope, "json", before, { siteUrl }).headers.get("ETag")!;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const gone = await published(content("Briefly live", { topics: ["trade"] }));
    expect((await source(scope)).items[0]?.releaseId).toBe(gone);
    await actOnRelease(editor, gone, "retract", { comment: "Too early." });
    const after = await source(scope);
    expect(after.items.map((item) => item.releaseId)).toEqual(before.items.map((item) => item.releaseId));
    expect(new Date(after.lastModified).getTime()).toBe((await publication(gone))!.retractedAt!.getTime());
    expect(new Date(after.lastModified).getTime()).toBeGreaterThan(new Date(before.lastModified).getTime());
    // Same entries, so the same body and ETag: a reader holding them is rightly told 304.
    expect(feedResponse(new Request(`${siteUrl}/topics/trade/feed.json`, { headers: { "If-None-Match": etag } }), scope, "json", after, { siteUrl }).status).toBe(304);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await database.db.update(settings).set({ organisationName: "Renamed Office", updatedAt: new Date() }).where(eq(settings.id, 1));
    const renamed = await source(scope);
    expect(renamed.organisationName).toBe("Renamed Office");
    expect(new Date(renamed.lastModified).getTime()).toBeGreaterThan(new Date(after.lastModified).getTime());
    expect(feedResponse(new Request(`${siteUrl}/topics/trade/feed.json`, { headers: { "If-None-Match": etag } }), scope, "json", renamed, { siteUrl }).status).toBe(200);
  });
});

describe("scopes that do not exist", () => {
  it("answer null (404): unknown topics, types and languages, and malformed addresses", async () => {
    for (const scope of [
      { kind: "topic", slug: "no-such-topic" },
      { kind: "topic", slug: "../health" },
      { kind: "topic", slug: "Health" },
      { kind: "type", slug: "no-such-type" },
      { kind: "type", slug: "statement/../x" },
      { kind: "language", code: "de" },
      { kind: "language", code: "english" },
      { kind: "language", code: "en'--" },
    ] as FeedScope[]) {
      expect(await queryFeedSource(database.db, scope), JSON.stringify(scope)).toBeNull();
    }
    // The default language has a feed before anything is published in it; a known type with no releases too.
    expect(await queryFeedSource(database.db, { kind: "language", code: "en" })).not.toBeNull();
    expect((await queryFeedSource(database.db, { kind: "type", slug: "fact-sheet" }))?.items).toEqual([]);
  });
});

describe("WebSub", () => {
  it("lists every feed a publication is in, absolute, all three formats", () => {
    const urls = feedUrlsFor({ topics: ["health", "trade"], typeSlug: "statement", language: "fr" });
    expect(urls).toHaveLength(5 * 3);
    expect(urls).toContain(`${env.siteUrl}/feed.xml`);
    expect(urls).toContain(`${env.siteUrl}/topics/trade/atom.xml`);
    expect(urls).toContain(`${env.siteUrl}/types/statement/feed.json`);
    expect(urls).toContain(`${env.siteUrl}/languages/fr/feed.xml`);
    expect(feedUrlsFor({ topics: ["health"], typeSlug: null, language: "en" }, { topics: ["trade"], typeSlug: null, language: "en" })).toContain(
      `${env.siteUrl}/topics/health/feed.xml`,
    );
  });

  it("without a hub (WEBSUB_HUB unset) publishing queues no ping", async () => {
    expect(env.WEBSUB_HUB).toBeUndefined();
    expect(await database.db.select({ n: count() }).from(publications)).not.toEqual([{ n: 0 }]);
    expect(await database.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.kind, WEBSUB_PING_JOB))).toEqual([]);
  });
});
