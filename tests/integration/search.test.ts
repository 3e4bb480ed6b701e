import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { SEARCH_CANDIDATES, searchPublications, searchStatement, SEARCH_PAGE_SIZE } from "@/db/public/search";
import { createRelease } from "@/db/releases/create";
import { publications } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { normaliseSearchQuery } from "@/lib/public/search-query";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";
import { actOnRelease, takeLive } from "../support/workflow";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});
afterAll(() => database?.drop());

type Content = { headline: string; body: string; language?: string; summary?: string; subtitle?: string };

async function draft(content: Content) {
  const { id } = await createRelease(writer, {
    headline: content.headline,
    language: content.language ?? "en",
    summary: content.summary ?? null,
    subtitle: content.subtitle ?? null,
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: content.body }] }] },
  });
  return id;
}

async function published(content: Content) {
  const id = await draft(content);
  await takeLive(writer, editor, id);
  const [row] = await database.db.select({ slug: publications.slug }).from(publications).where(eq(publications.releaseId, id));
  return row!.slug;
}

const search = (text: string, page = 1) => searchPublications(normaliseSearchQuery(text), page);
const slugsFor = async (text: string) => (await search(text)).hits.map((hit) => hit.slug);

describe("full-text search", () => {
  it("ranks a headline match above a summary match above a body match", async () => {
    const body = await published({
      headline: "Annual report on fisheries",
      summary: "Catches rose in all lakes.",
      body: "The report also covers the glacier monitoring programme.",
    });
    const headline = await published({ headline: "Glacier monitoring expanded", body: "Stations are added in three valleys." });
    const summary = await published({ headline: "Mountain science update", summary: "New glacier stations open.", body: "Details follow." });
    expect(await slugsFor("glacier")).toEqual([headline, summary, body]);
  });

  it("finds a French release by a French stem, and an English one by an English stem", async () => {
    const french = await published({ headline: "Les ministres signent l'accord", language: "fr", body: "Les ministres des finances se sont réunis à Genève." });
    const english = await published({ headline: "Ministers meet in Geneva", body: "The finance ministers agreed on a framework." });
    expect(await slugsFor("ministre")).toContain(french);
    expect(await slugsFor("réunion")).toEqual([]);
    expect(await slugsFor("minister")).toContain(english);
    // "réunis" is stemmed as French in the French release: the English-only form of the word does not find it.
    expect(await slugsFor("réunis")).toEqual([french]);
  });

  it("honours quoted phrases, OR and -word", async () => {
    const ordered = await published({ headline: "Water policy", body: "A clean water act was passed by parliament today." });
    const scrambled = await published({ headline: "Water act review", body: "The act on clean rivers and water was reviewed." });
    expect(await slugsFor('"clean water act"')).toEqual([ordered]);
    expect((await slugsFor("clean water act")).sort()).toEqual([ordered, scrambled].sort());
    expect(await slugsFor("water act -parliament")).toEqual([scrambled]);
    const either = await slugsFor("parliament or rivers");
    expect(either.sort()).toEqual([ordered, scrambled].sort());
  });

  it("escapes the text of snippets and headlines; only <mark> gets through, even with forged mark characters", async () => {
    await published({
      headline: "<b>Bold</b> claim about zeppelins & \"quotes\"",
      body: "Before <script>alert('x')</script> the zeppelins \uE000landed\uE001 at <img src=x onerror=alert(1)> dawn.",
    });
    const { hits } = await search("zeppelins");
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit!.headlineHtml).toContain("&lt;b&gt;Bold&lt;/b&gt;");
    expect(hit!.headlineHtml).toContain("<mark>zeppelins</mark>");
    expect(hit!.headlineHtml).toContain("&amp; &quot;quotes&quot;");
    expect(hit!.snippetHtml).toContain("<mark>zeppelins</mark>");
    // ts_headline drops what its parser reads as a tag; whatever text remains arrives escaped.
    expect(hit!.snippetHtml).not.toContain("<script");
    expect(hit!.snippetHtml).toContain("alert(&#39;x&#39;)");
    expect(hit!.snippetHtml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.headlineHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippetHtml).not.toContain("<mark>landed</mark>");
    expect(hit!.snippetHtml.match(/<mark>/g)?.length).toBe(hit!.snippetHtml.match(/<\/mark>/g)?.length);
    // The summary was taken from the body's first paragraph: the passage is shown once, not twice.
    expect(hit!.snippetHtml.match(/<mark>zeppelins<\/mark>/g)).toHaveLength(1);
  });

  it("answers odd input with no results and no error", async () => {
    const odd = ["", "   ", "&|!:*()", '"', '"unbalanced quote', "a".repeat(500), "!!!", ":*", "((((", "-", "OR", "\u0000zeppelins", "\\", "'; drop table publications; --", "ø".repeat(300), "\ud800"];
    for (const input of odd) {
      const result = await search(input);
      expect(Array.isArray(result.hits), input).toBe(true);
      expect(result.total).toBe(result.hits.length > 0 ? result.total : 0);
    }
    expect((await search("&|!:*()")).hits).toEqual([]);
    expect((await search("the")).hits).toEqual([]);
    expect((await search("\u0000zeppelins")).hits).toHaveLength(1);
    expect((await search('"zeppelins')).hits).toHaveLength(1);
    expect(await database.db.select().from(publications)).not.toHaveLength(0);
  });

  it("paginates results without overlap and says how many there are", async () => {
    const slugs: string[] = [];
    for (let n = 0; n < SEARCH_PAGE_SIZE + 5; n += 1) slugs.push(await published({ headline: `Quokka census ${n}`, body: "Counting quokkas." }));
    const first = await search("quokka");
    const second = await search("quokka", 2);
    expect(first.total).toBe(25);
    expect(first.pageCount).toBe(2);
    expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect(second.hits).toHaveLength(5);
    expect([...first.hits, ...second.hits].map((hit) => hit.slug).sort()).toEqual(slugs.sort());
    const beyond = await search("quokka", 7);
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(25);
    expect((await search("quokka", -3)).page).toBe(1);
  });

  it("never finds drafts, unpublished approvals or retracted releases", async () => {
    const draftId = await draft({ headline: "Secret narwhal plan", body: "Narwhal draft." });
    const approvedId = await draft({ headline: "Approved narwhal plan", body: "Narwhal approved." });
    await actOnRelease(writer, approvedId, "submit");
    await actOnRelease(editor, approvedId, "approve");
    const retracted = await published({ headline: "Retracted narwhal plan", body: "Narwhal retracted." });
    const [row] = await database.db.select({ id: publications.releaseId }).from(publications).where(eq(publications.slug, retracted));
    expect(await slugsFor("narwhal")).toEqual([retracted]);
    await actOnRelease(editor, row!.id, "retract", "Wrong plan.");
    expect(await slugsFor("narwhal")).toEqual([]);
    expect(draftId).not.toBe(approvedId);
  });
});

describeOnServer("search on the Postgres server", () => {
  it("answers from the GIN index once there are thousands of releases", async () => {
    // 3,000 plain publications written straight into the tables (the workflow would take minutes), in
    // four languages, then statistics, as a newsroom with some years of history would have them.
    await database.db.execute(sql`
      with made as (
        insert into releases (slug, status, created_by)
        select 'bulk-' || n, 'published', ${writer.id}::uuid from generate_series(1, 3000) as n
        returning id, slug
      )
      insert into publications (release_id, revision_id, content_hash, slug, language, headline, summary, html, plain_text, published_at, updated_at, time_zone)
      select id, gen_random_uuid(), 'bulk', slug, (array['en', 'fr', 'de', 'es'])[1 + (random() * 3)::int],
        'Bulk release ' || slug, 'Routine business number ' || slug, '<p>text</p>',
        repeat('Routine meeting of the committee on budgets and procedures. ', 20), now() - (random() * interval '3000 days'), now(), 'UTC'
      from made`);
    await database.db.execute(sql`analyze publications`);
    const plan = JSON.stringify(await database.db.execute(sql`explain ${searchStatement("quokka census", 1)}`));
    expect(plan).toContain("publications_search_idx");
    expect(plan).not.toContain("Seq Scan on publications");
    expect((await search("quokka census")).total).toBe(25);
  });

  it("ranks only the most recent matches when a word is everywhere, and says there are more", async () => {
    // Bulk rows straight into the tables: a thousand releases through the workflow would take minutes.
    await database.db.execute(sql`
      with made as (
        insert into releases (slug, status, created_by)
        select 'numbat-' || i, 'published', ${writer.id}::uuid from generate_series(1, ${SEARCH_CANDIDATES + 5}) as i
        returning id, slug
      )
      insert into publications (release_id, revision_id, content_hash, slug, language, headline, html, plain_text, published_at, updated_at, time_zone)
      select id, gen_random_uuid(), 'bulk', slug, 'en', 'Numbat survey ' || slug, '<p>Numbats.</p>', 'Numbats.', now(), now(), 'UTC' from made`);
    const first = await search("numbat");
    expect(first.total).toBe(SEARCH_CANDIDATES);
    expect(first.more).toBe(true);
    expect(first.pageCount).toBe(SEARCH_CANDIDATES / SEARCH_PAGE_SIZE);
    const last = await search("numbat", SEARCH_CANDIDATES / SEARCH_PAGE_SIZE);
    expect(last.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect((await search("quokka")).more).toBe(false);
  });
});
