import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { queryMonthCounts, queryPublicFacets } from "@/db/public/facets";
import { queryFeedSource } from "@/db/public/feed-items";
import { queryReleasePage, type ListQuery } from "@/db/public/listing";
import { createRelease } from "@/db/releases/create";
import { publications, settings, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { updateSettings } from "@/db/settings/update";
import type { FeedFormat } from "@/lib/feeds/discovery";
import { renderFeed } from "@/lib/feeds/response";
import { decodeCursor, encodeCursor } from "@/lib/public/cursor";
import { monthRange, yearRange } from "@/lib/public/date-range";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { describeInProcessZones } from "../support/process-zone";
import { makeStaff } from "../support/staff";
import { takeLive } from "../support/workflow";

/**
 * A release date is a calendar date: lists, the archive and feeds go by it (an office back-filling its
 * 2019 archive sees 2019), and by the publication day in the organisation's zone for undated releases.
 * The read side runs under several process zones (TZ) as well as organisation zones.
 */
vi.mock("next/cache", () => ({ unstable_cache: (query: () => unknown) => query }));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => {} }));

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
let admin: Viewer;
const TOPIC = "dates-test";
const siteUrl = "https://press.example";

/** Published now; `at` then moves the publication instant (the effective date follows: it is computed by the database). */
async function published(headline: string, releaseDate: string | null, at?: string) {
  const { id } = await createRelease(writer, { headline, body: doc(`Body of ${headline}.`), releaseDate, topics: [TOPIC] });
  await takeLive(writer, editor, id);
  if (at) await database.db.update(publications).set({ publishedAt: new Date(at) }).where(eq(publications.releaseId, id));
  const [row] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
  return row!;
}

type Row = typeof publications.$inferSelect;
const release: Record<"recent" | "march" | "lateEvening" | "backFilled" | "onItsDay", Row> = {} as never;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.update(settings).set({ timeZone: "America/New_York" }).where(eq(settings.id, 1));
  await database.db.insert(topics).values({ slug: TOPIC, name: "Dates" });
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
  admin = await makeStaff(database.db, "admin");
  // Dated 26 February 2019, published today: the office back-filling its archive.
  release.backFilled = await published(`Back-filled ${randomBytes(3).toString("hex")}`, "2019-02-26");
  // Dated 26 February 2019 and published that day, 10:00 in New York.
  release.onItsDay = await published("On its day", "2019-02-26", "2019-02-26T15:00:00Z");
  // Dated 1 March 2019, published the evening before (15:00 in New York, already 1 March in Tokyo).
  release.march = await published("Dated March", "2019-03-01", "2019-02-28T20:00:00Z");
  // No date: published at 22:30 on 28 February in New York, which is 1 March in UTC and in Tokyo.
  release.lateEvening = await published("Late evening", null, "2019-03-01T03:30:00Z");
  release.recent = await published("Recent, undated", null, new Date(Date.now() - 60_000).toISOString());
});
afterAll(() => database?.drop());

const ids = (...names: (keyof typeof release)[]) => names.map((name) => release[name].releaseId);
const list = (query: Omit<ListQuery, "cursor"> = {}) => queryReleasePage({ topic: TOPIC, limit: 100, ...query });

/** Every page of the topic, following "older" links through the address, then back up with "newer". */
async function walk(limit: number) {
  const down: string[][] = [];
  let page = await queryReleasePage({ topic: TOPIC, limit });
  down.push(page.items.map((item) => item.releaseId));
  while (page.older) {
    page = await queryReleasePage({ topic: TOPIC, limit, cursor: decodeCursor(encodeCursor(page.older)) });
    down.push(page.items.map((item) => item.releaseId));
    expect(down.length).toBeLessThan(20);
  }
  const up: string[][] = [];
  while (page.newer) {
    page = await queryReleasePage({ topic: TOPIC, limit, cursor: decodeCursor(encodeCursor(page.newer)) });
    up.push(page.items.map((item) => item.releaseId));
    expect(up.length).toBeLessThan(20);
  }
  return { down, up };
}

function feedDates(format: FeedFormat, body: string): string[] {
  if (format === "json") return (JSON.parse(body) as { items: { date_published: string }[] }).items.map((item) => item.date_published);
  const pattern = format === "rss" ? /<pubDate>([^<]+)<\/pubDate>/g : /<published>([^<]+)<\/published>/g;
  return [...body.matchAll(pattern)].map((match) => match[1]!);
}

const NEW_YORK_ORDER = ["recent", "march", "lateEvening", "backFilled", "onItsDay"] as const;

describeInProcessZones("with the organisation in New York", () => {
  it("stores each release's effective date: its own date, or its publication day in the zone", () => {
    expect(Object.fromEntries(Object.entries(release).map(([name, row]) => [name, row.effectiveDate]))).toMatchObject({
      backFilled: "2019-02-26",
      onItsDay: "2019-02-26",
      march: "2019-03-01",
      lateEvening: "2019-02-28",
    });
  });

  it("lists by release date, then publication instant: the back-filled release sits in 2019, not at the top", async () => {
    const page = await list();
    expect(page.items.map((item) => item.releaseId)).toEqual(ids(...NEW_YORK_ORDER));
    expect(page.items.find((item) => item.releaseId === release.backFilled.releaseId)?.date).toBe("2019-02-26");
  });

  it("pages through that order with cursors both ways, each release once", async () => {
    const { down, up } = await walk(2);
    expect(down).toEqual([ids("recent", "march"), ids("lateEvening", "backFilled"), ids("onItsDay")]);
    expect(up).toEqual([ids("lateEvening", "backFilled"), ids("recent", "march")]);
  });

  it("files the archive by that date: years, months and month pages", async () => {
    const years = (await queryPublicFacets()).years;
    expect(years.find((entry) => entry.year === 2019)).toEqual({ year: 2019, count: 4 });
    expect(years.reduce((sum, entry) => sum + entry.count, 0)).toBe(5);
    expect(await queryMonthCounts(yearRange(2019))).toEqual([
      { month: 2, count: 3 },
      { month: 3, count: 1 },
    ]);
    expect((await list({ range: monthRange(2019, 2) })).items.map((item) => item.releaseId)).toEqual(ids("lateEvening", "backFilled", "onItsDay"));

    const { default: YearPage } = await import("@/app/(site)/archive/[year]/page");
    const html = renderToStaticMarkup(await YearPage({ params: Promise.resolve({ year: "2019" }), searchParams: Promise.resolve({}) }));
    expect(html).toContain(release.backFilled.headline);
    expect(html).toContain('<time dateTime="2019-02-26">26 February 2019</time>');
    expect(html).toContain('<time dateTime="2019-02-28">28 February 2019</time>');
    expect(html).not.toContain("25 February 2019");
  });

  it("orders feeds the same way and dates each entry by the release date in the zone, with its offset", async () => {
    const source = (await queryFeedSource(database.db, { kind: "topic", slug: TOPIC }))!;
    expect(source.items.map((item) => item.releaseId)).toEqual(ids(...NEW_YORK_ORDER));
    const feed = (format: FeedFormat) => renderFeed({ kind: "topic", slug: TOPIC }, format, source, { siteUrl });
    expect(feedDates("rss", feed("rss")).slice(1)).toEqual([
      "Fri, 01 Mar 2019 00:00:00 -0500",
      "Thu, 28 Feb 2019 22:30:00 -0500",
      "Tue, 26 Feb 2019 00:00:00 -0500",
      "Tue, 26 Feb 2019 10:00:00 -0500",
    ]);
    const rfc3339 = ["2019-03-01T00:00:00.000-05:00", "2019-02-28T22:30:00.000-05:00", "2019-02-26T00:00:00.000-05:00", "2019-02-26T10:00:00.000-05:00"];
    expect(feedDates("atom", feed("atom")).slice(1)).toEqual(rfc3339);
    expect(feedDates("json", feed("json")).slice(1)).toEqual(rfc3339);
    // Atom's <updated> stays the real last change.
    expect(feed("atom")).toContain(`<updated>${release.backFilled.updatedAt.toISOString()}</updated>`);
  });

  it("shows the release date on the page and gives it to search engines unshifted", async () => {
    const { default: ReleasePage } = await import("@/app/(site)/releases/[slug]/page");
    const html = renderToStaticMarkup(await ReleasePage({ params: Promise.resolve({ slug: release.backFilled.slug }) }));
    expect(html).toContain('<time dateTime="2019-02-26">26 February 2019</time>');
    expect(html).toContain('"datePublished":"2019-02-26T00:00:00.000-05:00"');
    const undated = renderToStaticMarkup(await ReleasePage({ params: Promise.resolve({ slug: release.lateEvening.slug }) }));
    expect(undated).toContain('<time dateTime="2019-02-28">28 February 2019</time>');
  });

  it("keeps the news sitemap to releases first published in the last 48 hours, dated like the page", async () => {
    const { GET } = await import("@/app/(site)/news-sitemap.xml/route");
    const xml = await (await GET()).text();
    expect(xml).toContain(`/releases/${release.backFilled.slug}</loc>`);
    expect(xml).toContain("<news:publication_date>2019-02-26T00:00:00.000-05:00</news:publication_date>");
    expect(xml).toContain(`/releases/${release.recent.slug}</loc>`);
    expect(xml).not.toContain(`/releases/${release.onItsDay.slug}</loc>`);
  });
});

describe("when the organisation's zone changes", () => {
  it("re-files undated releases under their day in the new zone, in the same save; dated ones stay", async () => {
    const [current] = await database.db.select().from(settings).where(eq(settings.id, 1));
    await updateSettings(admin, {
      expectedVersion: String(current!.version),
      organisationName: current!.organisationName,
      address: "",
      phones: "",
      fax: "",
      email: "",
      website: "",
      accentColor: "#224466",
      timeZone: "Asia/Tokyo",
      defaultLanguage: "en",
      boilerplate: "",
      contactName: "",
      contactEmail: "",
      contactPhone: "",
    });
    const rows = await database.db.select().from(publications);
    expect(new Set(rows.map((row) => row.timeZone))).toEqual(new Set(["Asia/Tokyo"]));
    const date = (name: keyof typeof release) => rows.find((row) => row.releaseId === release[name].releaseId)?.effectiveDate;
    expect([date("lateEvening"), date("backFilled"), date("onItsDay"), date("march")]).toEqual(["2019-03-01", "2019-02-26", "2019-02-26", "2019-03-01"]);

    expect((await list()).items.map((item) => item.releaseId)).toEqual(ids("recent", "lateEvening", "march", "backFilled", "onItsDay"));
    expect(await queryMonthCounts(yearRange(2019))).toEqual([
      { month: 2, count: 2 },
      { month: 3, count: 2 },
    ]);
    const source = (await queryFeedSource(database.db, { kind: "topic", slug: TOPIC }))!;
    expect(feedDates("rss", renderFeed({ kind: "topic", slug: TOPIC }, "rss", source, { siteUrl })).slice(1)).toEqual([
      "Fri, 01 Mar 2019 12:30:00 +0900",
      "Fri, 01 Mar 2019 05:00:00 +0900",
      "Tue, 26 Feb 2019 00:00:00 +0900",
      "Tue, 26 Feb 2019 00:00:00 +0900",
    ]);
  });

  it("a release published afterwards takes the new zone", async () => {
    const row = await published("After the change", null, "2026-03-03T16:00:00Z");
    expect(row.timeZone).toBe("Asia/Tokyo");
    expect(row.effectiveDate).toBe("2026-03-04");
  });
});
