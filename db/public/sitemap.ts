import "server-only";
import { and, asc, desc, isNull, sql } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { NEWS_SITEMAP_MAX_URLS, SITEMAP_MAX_URLS, withinNewsWindow } from "@/lib/seo/sitemap-xml";
import { db } from "../client";
import { publications, topics } from "../schema";
import { PUBLIC_TAGS } from "./publications";
import { TOPICS_TAG } from "./topics";

/**
 * What the sitemaps list. The `query…` functions read the database; the `list…` ones are their cached
 * forms the routes use (Next's data cache, so tests outside Next call the queries).
 */

/** A live release as the sitemaps list it; instants are ISO strings (the data cache stores JSON). */
export type SitemapRelease = { slug: string; headline: string; language: string; releaseDate: string | null; publishedAt: string; updatedAt: string };

export type SitemapTopic = { slug: string; lastModified: string };

const live = isNull(publications.retractedAt);

async function queryLiveReleases(limit: number): Promise<SitemapRelease[]> {
  const rows = await (await db())
    .select({
      slug: publications.slug,
      headline: publications.headline,
      language: publications.language,
      releaseDate: publications.releaseDate,
      publishedAt: publications.publishedAt,
      updatedAt: publications.updatedAt,
    })
    .from(publications)
    .where(live)
    .orderBy(desc(publications.publishedAt), desc(publications.releaseId))
    .limit(limit);
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString(), updatedAt: row.updatedAt.toISOString() }));
}

/** Every live release, newest first (retracted ones have left the public side). */
export function querySitemapReleases(): Promise<SitemapRelease[]> {
  return queryLiveReleases(SITEMAP_MAX_URLS);
}

/** Topics that at least one live release carries, with the last change among those releases. */
export async function querySitemapTopics(): Promise<SitemapTopic[]> {
  const rows = await (await db())
    .select({ slug: topics.slug, lastModified: sql<Date>`max(${publications.updatedAt})`.mapWith(publications.updatedAt) })
    .from(topics)
    .innerJoin(publications, and(live, sql`${publications.topics} @> jsonb_build_array(${topics.slug})`))
    .groupBy(topics.slug)
    .orderBy(asc(topics.slug));
  return rows.map((row) => ({ slug: row.slug, lastModified: new Date(row.lastModified).toISOString() }));
}

/**
 * The newest live releases, as many as a news sitemap may list. Read without a time bound so a cached
 * copy stays right until the next publication change; the 48-hour window is applied per request.
 */
function queryNewestReleases(): Promise<SitemapRelease[]> {
  return queryLiveReleases(NEWS_SITEMAP_MAX_URLS);
}

/** Live releases first published in the 48 hours before `now`, newest first. */
export async function queryNewsSitemapReleases(now: Date = new Date()): Promise<SitemapRelease[]> {
  return withinNewsWindow(await queryNewestReleases(), now);
}

export const listSitemapReleases = (): Promise<SitemapRelease[]> =>
  unstable_cache(querySitemapReleases, ["sitemap:releases"], { tags: [PUBLIC_TAGS.all] })();

export const listSitemapTopics = (): Promise<SitemapTopic[]> =>
  unstable_cache(querySitemapTopics, ["sitemap:topics"], { tags: [PUBLIC_TAGS.all, TOPICS_TAG] })();

export async function listNewsSitemapReleases(now: Date = new Date()): Promise<SitemapRelease[]> {
  const newest = await unstable_cache(queryNewestReleases, ["sitemap:news"], { tags: [PUBLIC_TAGS.all] })();
  return withinNewsWindow(newest, now);
}
