import "server-only";
import { sql } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import type { DateRange } from "@/lib/public/date-range";
import { database } from "../client";
import { PUBLIC_TAGS } from "./publications";
import { SETTINGS_TAG } from "./settings";

/**
 * What the live releases offer to filter by, with counts: types, languages, topics and years (of each
 * release's effective date: its own date, or its publication day in the organisation's zone). Feeds
 * the filter form, the archive and the topic index.
 */
export type PublicFacets = {
  types: { slug: string; name: string; count: number }[];
  languages: { code: string; count: number }[];
  topics: { slug: string; count: number }[];
  years: { year: number; count: number }[];
};

export async function queryPublicFacets(): Promise<PublicFacets> {
  const handle = await database();
  const [types, languages, topics, years] = await Promise.all([
    handle.rows<{ slug: string; name: string | null; count: number }>(sql`
      select type_slug as slug, max(type_name) as name, count(*)::int as count
      from publications where retracted_at is null and type_slug is not null
      group by type_slug order by max(type_name), type_slug`),
    handle.rows<{ code: string; count: number }>(sql`
      select language as code, count(*)::int as count
      from publications where retracted_at is null
      group by language order by count(*) desc, language`),
    handle.rows<{ slug: string; count: number }>(sql`
      select topic as slug, count(*)::int as count
      from publications, jsonb_array_elements_text(topics) as topic
      where retracted_at is null
      group by topic order by topic`),
    handle.rows<{ year: number; count: number }>(sql`
      select extract(year from effective_date)::int as year, count(*)::int as count
      from publications where retracted_at is null
      group by 1 order by 1 desc`),
  ]);
  return {
    types: types.map((row) => ({ slug: row.slug, name: row.name ?? row.slug, count: Number(row.count) })),
    languages: languages.map((row) => ({ code: row.code, count: Number(row.count) })),
    topics: topics.map((row) => ({ slug: row.slug, count: Number(row.count) })),
    years: years.map((row) => ({ year: Number(row.year), count: Number(row.count) })),
  };
}

// A change of the organisation's zone rewrites undated releases' effective dates (db/settings/update.ts)
// and expires these with every public page.
export const getPublicFacets = (): Promise<PublicFacets> =>
  unstable_cache(() => queryPublicFacets(), ["publications:facets"], { tags: [PUBLIC_TAGS.all, SETTINGS_TAG] })();

/** Live releases per month (1–12) of their effective date, within the range (a year). */
export async function queryMonthCounts(range: DateRange): Promise<{ month: number; count: number }[]> {
  const handle = await database();
  const rows = await handle.rows<{ month: number; count: number }>(sql`
    select extract(month from effective_date)::int as month, count(*)::int as count
    from publications
    where retracted_at is null and effective_date >= ${range.from}::date and effective_date < ${range.to}::date
    group by 1 order by 1`);
  return rows.map((row) => ({ month: Number(row.month), count: Number(row.count) }));
}

export const getMonthCounts = (range: DateRange) =>
  unstable_cache(() => queryMonthCounts(range), ["publications:months", range.from, range.to], {
    tags: [PUBLIC_TAGS.all, SETTINGS_TAG],
  })();
