import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { MissingPage } from "@/components/site/missing-page";
import { queryMonthCounts, queryPublicFacets } from "@/db/public/facets";
import { queryReleasePage, type ListQuery, type ReleaseListItem } from "@/db/public/listing";
import { releaseAddressKnown } from "@/db/public/release-lookup";
import { createRelease } from "@/db/releases/create";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { publications, releases, settings, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { decodeCursor, encodeCursor } from "@/lib/public/cursor";
import { monthRange, yearRange } from "@/lib/public/date-range";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease, releaseVersion, takeLive } from "../support/workflow";

/**
 * The public lists' data functions (db/public), then the pages themselves rendered to HTML. Outside Next
 * there is no incremental cache, so unstable_cache runs the query directly here.
 */
vi.mock("next/cache", () => ({ unstable_cache: (query: () => unknown) => query }));

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
const ZONE = "America/New_York";

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.update(settings).set({ timeZone: ZONE }).where(eq(settings.id, 1));
  await database.db.insert(topics).values([
    { slug: "paging", name: "Paging" },
    { slug: "health", name: "Health" },
    { slug: "trade", name: "Trade" },
    { slug: "archive-test", name: "Archive test" },
    { slug: "hidden", name: "Hidden" },
  ]);
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});
afterAll(() => database?.drop());

type Fields = { type?: string; language?: string; topics?: string[]; at?: string };

async function draft(headline: string, fields: Fields = {}) {
  const { id } = await createRelease(writer, {
    headline: `${headline} ${randomBytes(3).toString("hex")}`,
    body: doc(`Body of ${headline}.`),
    type: fields.type ?? null,
    language: fields.language ?? "en",
    topics: fields.topics ?? [],
  });
  return id;
}

/** Created, reviewed, approved and published; `at` then sets the publication instant. */
async function published(headline: string, fields: Fields = {}) {
  const id = await draft(headline, fields);
  await takeLive(writer, editor, id);
  if (fields.at) await database.db.update(publications).set({ publishedAt: new Date(fields.at) }).where(eq(publications.releaseId, id));
  return id;
}

/** The whole list by following "older" cursors from the top. */
async function walkOlder(query: Omit<ListQuery, "cursor">) {
  const pages: ReleaseListItem[][] = [];
  let page = await queryReleasePage(query);
  expect(page.newer).toBeNull();
  pages.push(page.items);
  while (page.older) {
    // Through the address, as a reader's browser carries it.
    page = await queryReleasePage({ ...query, cursor: decodeCursor(encodeCursor(page.older)) });
    pages.push(page.items);
    expect(pages.length).toBeLessThan(100);
  }
  return { pages, last: page };
}

/** Live rows in the order the lists promise, straight from the table. */
async function expectedOrder(topic: string) {
  const rows = await database.db
    .select({ id: publications.releaseId })
    .from(publications)
    .where(sql`${publications.retractedAt} is null and ${publications.topics} @> ${JSON.stringify([topic])}::jsonb`)
    .orderBy(sql`${publications.effectiveDate} desc, ${publications.publishedAt} desc, ${publications.releaseId} desc`);
  return rows.map((row) => row.id);
}

describe("keyset pagination", () => {
  const ids: string[] = [];
  beforeAll(async () => {
    // 23 releases over 4 instants: most rows share their timestamp with others, one has microseconds.
    const instants = ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T10:00:00.123456Z"];
    for (let n = 0; n < 23; n += 1) ids.push(await published(`Paging ${n}`, { topics: ["paging"] }));
    for (const [index, id] of ids.entries()) {
      await database.db.execute(sql`update publications set published_at = ${instants[index % instants.length]!}::timestamptz where release_id = ${id}`);
    }
  });

  it("visits every release once, in (effective_date, published_at, release_id) descending order, with equal timestamps", async () => {
    const { pages, last } = await walkOlder({ topic: "paging", limit: 5 });
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    const seen = pages.flat().map((item) => item.releaseId);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toEqual(await expectedOrder("paging"));
    expect(last.older).toBeNull();
    expect(pages.flat().find((item) => item.releaseId === ids[3])!.publishedAt).toBe("2025-03-03T10:00:00.123456Z");
  });

  it("walks back up with 'newer' cursors, page by page, to a first page without a newer link", async () => {
    const { pages, last } = await walkOlder({ topic: "paging", limit: 5 });
    let page = last;
    const back: string[][] = [];
    while (page.newer) {
      page = await queryReleasePage({ topic: "paging", limit: 5, cursor: page.newer });
      back.push(page.items.map((item) => item.releaseId));
    }
    expect(back).toEqual(pages.slice(0, -1).reverse().map((items) => items.map((item) => item.releaseId)));
    expect(page.newer).toBeNull();
    expect(page.older).not.toBeNull();
  });

  it("a cursor whose release was retracted still continues from where it stood", async () => {
    const first = await queryReleasePage({ topic: "paging", limit: 5 });
    const boundary = first.items.at(-1)!.releaseId;
    const reference = await queryReleasePage({ topic: "paging", limit: 5, cursor: first.older });
    await actOnRelease(editor, boundary, "retract", "Withdrawn for the pagination test.");
    const after = await queryReleasePage({ topic: "paging", limit: 5, cursor: first.older });
    expect(after.items.map((item) => item.releaseId)).toEqual(reference.items.map((item) => item.releaseId));
    const fresh = await queryReleasePage({ topic: "paging", limit: 5 });
    expect(fresh.items.map((item) => item.releaseId)).not.toContain(boundary);
    expect(fresh.items.map((item) => item.releaseId)).toEqual((await expectedOrder("paging")).slice(0, 5));
  });

  it("a garbled cursor is no cursor: the list starts at the top", async () => {
    for (const garbage of ["", "%%%", "bm90LWEtY3Vyc29y", "o|2025-01-01T00:00:00Z|not-a-uuid", encodeCursor({ direction: "older", date: "2025-01-01", at: "2025-99-99T00:00:00Z", id: ids[0]! }), "x".repeat(5000)]) {
      expect(decodeCursor(garbage)).toBeNull();
    }
    const page = await queryReleasePage({ topic: "paging", limit: 5, cursor: decodeCursor("garbage") });
    expect(page.items.map((item) => item.releaseId)).toEqual((await expectedOrder("paging")).slice(0, 5));
  });
});

describe("filters", () => {
  let statementFr: string;
  let statementEn: string;
  let pressHealth: string;
  beforeAll(async () => {
    statementFr = await published("Déclaration", { type: "statement", language: "fr", topics: ["health"], at: "2024-06-10T12:00:00Z" });
    statementEn = await published("Statement", { type: "statement", language: "en", topics: ["trade"], at: "2024-06-11T12:00:00Z" });
    pressHealth = await published("Press health", { type: "press-release", language: "en", topics: ["health", "trade"], at: "2023-02-01T12:00:00Z" });
  });

  const idsOf = async (query: ListQuery) => (await queryReleasePage({ ...query, limit: 100 })).items.map((item) => item.releaseId);

  it("by type, language, topic and year (in the organisation's zone), alone and combined", async () => {
    const statements = await idsOf({ type: "statement" });
    expect(statements).toEqual([statementEn, statementFr]);
    expect(await idsOf({ type: "statement", language: "fr" })).toEqual([statementFr]);
    const health = await idsOf({ topic: "health" });
    expect(health).toEqual([statementFr, pressHealth]);
    expect(await idsOf({ topic: "trade", range: yearRange(2023) })).toEqual([pressHealth]);
    expect(await idsOf({ type: "press-release", topic: "health", language: "fr" })).toEqual([]);
    expect(await idsOf({ type: "no-such-type" })).toEqual([]);
  });

  it("offers as facets only what live releases use, with counts", async () => {
    const facets = await queryPublicFacets();
    expect(facets.types.find((type) => type.slug === "statement")).toEqual({ slug: "statement", name: "Statement", count: 2 });
    expect(facets.languages.find((language) => language.code === "fr")?.count).toBe(1);
    expect(facets.topics.find((topic) => topic.slug === "health")?.count).toBe(2);
    expect(facets.topics.find((topic) => topic.slug === "trade")?.count).toBe(2);
    expect(facets.types.some((type) => type.slug === "letter")).toBe(false);
  });
});

describe("archive", () => {
  it("files undated releases under their publication day in the organisation's time zone, not in UTC", async () => {
    // 23:30 on 31 January in New York is already February in UTC; 23:30 on New Year's Eve is already next year.
    const lateJanuary = await published("Late January", { topics: ["archive-test"], at: "2021-02-01T04:30:00Z" });
    const february = await published("February", { topics: ["archive-test"], at: "2021-02-01T05:30:00Z" });
    const newYearsEve = await published("New Year's Eve", { topics: ["archive-test"], at: "2021-01-01T04:30:00Z" });

    expect(await queryMonthCounts(yearRange(2021))).toEqual([
      { month: 1, count: 1 },
      { month: 2, count: 1 },
    ]);
    expect(await queryMonthCounts(yearRange(2020))).toEqual([{ month: 12, count: 1 }]);
    const january = await queryReleasePage({ range: monthRange(2021, 1) });
    expect(january.items.map((item) => item.releaseId)).toEqual([lateJanuary]);
    const februaryPage = await queryReleasePage({ range: monthRange(2021, 2) });
    expect(februaryPage.items.map((item) => item.releaseId)).toEqual([february]);
    const december = await queryReleasePage({ range: monthRange(2020, 12) });
    expect(december.items.map((item) => item.releaseId)).toContain(newYearsEve);
    const years = (await queryPublicFacets()).years;
    expect(years.find((year) => year.year === 2020)).toEqual({ year: 2020, count: 1 });
    expect(years.find((year) => year.year === 2021)).toEqual({ year: 2021, count: 2 });
  });
});

describe("only live releases", () => {
  it("drafts, approved but unpublished, and retracted releases appear in no list, count or facet", async () => {
    const draftId = await draft("Hidden draft", { type: "letter", topics: ["hidden"], language: "nl" });
    const approvedId = await draft("Hidden approved", { type: "letter", topics: ["hidden"], language: "nl" });
    await actOnRelease(writer, approvedId, "submit");
    await actOnRelease(editor, approvedId, "approve");
    const retractedId = await published("Hidden retracted", { type: "letter", topics: ["hidden"], language: "nl", at: "2019-05-05T12:00:00Z" });
    await actOnRelease(editor, retractedId, "retract", "Published by mistake.");

    const [retracted] = await database.db.select().from(publications).where(eq(publications.releaseId, retractedId));
    expect(retracted!.retractedAt).not.toBeNull();
    expect(await database.db.select().from(publications).where(inArray(publications.releaseId, [draftId, approvedId]))).toEqual([]);

    expect((await queryReleasePage({ topic: "hidden" })).items).toEqual([]);
    expect((await queryReleasePage({ type: "letter" })).items).toEqual([]);
    const all = await walkOlder({ limit: 50 });
    expect(all.pages.flat().map((item) => item.releaseId)).not.toEqual(expect.arrayContaining([draftId]));
    expect(all.pages.flat().map((item) => item.releaseId).filter((id) => [draftId, approvedId, retractedId].includes(id))).toEqual([]);
    const facets = await queryPublicFacets();
    expect(facets.topics.map((topic) => topic.slug)).not.toContain("hidden");
    expect(facets.types.map((type) => type.slug)).not.toContain("letter");
    expect(facets.languages.map((language) => language.code)).not.toContain("nl");
    expect(facets.years.map((year) => year.year)).not.toContain(2019);
    expect(await queryMonthCounts(yearRange(2019))).toEqual([]);
  });
});

/** A page with nothing at its address renders MissingPage (sent as 404 by the server), never Next's empty notFound() shell. */
async function expectMissing(page: Promise<ReactElement>) {
  expect((await page).type).toBe(MissingPage);
}
const params = <T>(value: T) => Promise.resolve(value);

describe("the server's look-up before rendering a release address", () => {
  it("knows live and retracted releases' addresses and the ones they had before, and nothing else", async () => {
    const live = await published("Known live");
    const retracted = await published("Known retracted");
    await actOnRelease(editor, retracted, "retract", { comment: "Issued in error." });
    // Its address changed while it was a draft: the first one is kept, and redirects once it is live.
    const moved = await draft("Known moved");
    const [before] = await database.db.select({ slug: releases.slug }).from(releases).where(eq(releases.id, moved));
    await setReleaseSlug(editor, { releaseId: moved, slug: `moved-here-${randomBytes(3).toString("hex")}`, expectedVersion: await releaseVersion(moved) });
    await takeLive(writer, editor, moved);
    const unpublished = await draft("Never published");
    const slugOf = async (id: string) =>
      (await database.db.select({ slug: publications.slug }).from(publications).where(eq(publications.releaseId, id)))[0]?.slug;

    for (const id of [live, retracted, moved]) expect(await releaseAddressKnown((await slugOf(id))!), id).toBe(true);
    expect(await releaseAddressKnown(before!.slug), "the address it had before").toBe(true);
    const [unpublishedRow] = await database.db.select({ slug: releases.slug }).from(releases).where(eq(releases.id, unpublished));
    expect(await releaseAddressKnown(unpublishedRow!.slug), "a draft's address").toBe(false);
    expect(await releaseAddressKnown(`nobody-${randomBytes(4).toString("hex")}`)).toBe(false);
    expect(await releaseAddressKnown("été ' or 1=1 --")).toBe(false);
  });
});

describe("pages", () => {
  it("home keeps known filters in its links and feeds, and ignores unknown or malformed ones", async () => {
    const { default: HomePage, generateMetadata } = await import("@/app/(site)/page");
    const filtered = renderToStaticMarkup(await HomePage({ searchParams: params({ topic: "paging", type: "bogus", year: "abc", cursor: "!!garbage!!" }) }));
    expect(filtered).toContain('id="main"');
    expect(filtered).toContain("Releases: on Paging");
    expect(filtered).toMatch(/href="\/\?topic=paging&amp;cursor=[A-Za-z0-9_-]+"[^>]*>Older releases/);
    expect(filtered).toContain('href="/topics/paging/atom.xml"');
    expect(filtered).not.toContain("Hidden");

    const byType = await generateMetadata({ searchParams: params({ type: "statement" }) });
    expect(JSON.stringify(byType.alternates?.types)).toContain("/types/statement/feed.json");
    const byLanguage = await generateMetadata({ searchParams: params({ language: "fr" }) });
    expect(JSON.stringify(byLanguage.alternates?.types)).toContain("/languages/fr/feed.xml");
    const unknown = await generateMetadata({ searchParams: params({ type: "no-such-type", language: "xx" }) });
    expect(JSON.stringify(unknown.alternates?.types)).toContain('"/feed.xml"');
  });

  it("archive pages answer 404 for years and months that are not there, and list those that are", async () => {
    const { default: YearPage } = await import("@/app/(site)/archive/[year]/page");
    const { default: MonthPage } = await import("@/app/(site)/archive/[year]/[month]/page");
    for (const year of ["abc", "20", "1850", "2099"]) {
      await expectMissing(YearPage({ params: params({ year }), searchParams: params({}) }));
    }
    for (const [year, month] of [["2021", "13"], ["2021", "xx"], ["2021", "07"], ["abc", "01"]] as const) {
      await expectMissing(MonthPage({ params: params({ year, month }), searchParams: params({}) }));
    }
    const year = renderToStaticMarkup(await YearPage({ params: params({ year: "2021" }), searchParams: params({ cursor: "zzz" }) }));
    expect(year).toContain('href="/archive/2021/01"');
    expect(year).toContain('href="/archive/2021/02"');
    expect(year).not.toContain('href="/archive/2021/03"');
    const january = renderToStaticMarkup(await MonthPage({ params: params({ year: "2021", month: "1" }), searchParams: params({}) }));
    expect(january).toContain("January 2021");
    expect(january).toContain("Late January");
    expect(january).not.toContain(">February ");
    expect(january).toContain("31 January 2021");
  });

  it("topic pages: the index lists topics with live releases, an unknown topic is a 404", async () => {
    const { default: TopicsPage } = await import("@/app/(site)/topics/page");
    const { default: TopicPage } = await import("@/app/(site)/topics/[slug]/page");
    const index = renderToStaticMarkup(await TopicsPage());
    expect(index).toContain('href="/topics/health"');
    expect(index).not.toContain('href="/topics/hidden"');
    await expectMissing(TopicPage({ params: params({ slug: "no-such-topic" }), searchParams: params({}) }));
    const health = renderToStaticMarkup(await TopicPage({ params: params({ slug: "health" }), searchParams: params({ cursor: ["a", "b"] }) }));
    expect(health).toContain("Press health");
    expect(health).toContain('href="/topics/health/feed.xml"');
  });

  it("search shows a friendly page for odd input and marked results for words", async () => {
    const { default: SearchPage } = await import("@/app/(site)/search/page");
    const render = async (query: Record<string, string | string[]>) => renderToStaticMarkup(await SearchPage({ searchParams: params(query) }));
    expect(await render({})).toContain("Search the releases");
    expect(await render({ q: "&|!:*()" })).toContain("Type a word");
    expect(await render({ q: '"unbalanced', page: "-4" })).toContain("No releases match");
    const found = await render({ q: "Statement", page: ["1", "2"] });
    expect(found).toMatch(/<mark>Statement<\/mark>/);
    expect(await render({ q: "Statement", page: "40" })).toContain("no more results");
  });

  it("the organisation page shows the letterhead and the press office contact", async () => {
    const { default: AboutPage } = await import("@/app/(site)/about/page");
    const html = renderToStaticMarkup(await AboutPage());
    expect(html).toContain("12 Avenue of the Example");
    expect(html).toContain('href="mailto:press@example.org"');
    expect(html).toContain("Media enquiries");
  });
});
