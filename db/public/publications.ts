import "server-only";
import { and, eq, getTableColumns, isNull, ne } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { db } from "../client";
import { publications, releases, releaseSlugs } from "../schema";

/**
 * Cache tags of the public side, expired by what a change notice names (db/publishing/invalidate.ts):
 * `all` on every list, feed, sitemap and search, which any publication change moves; `release(slug)` on
 * what one release's page reads, so a change expires only the pages it touches; `releases` on every
 * release page's data, for a change that touches everything.
 */
export const PUBLIC_TAGS = {
  all: "publications",
  releases: "publications:releases",
  release: (slug: string) => `publication:${slug}`,
} as const;

/** Every column but the search vector, which only the database's search reads. */
const { searchVector: _searchVector, ...publicColumns } = getTableColumns(publications);

type Row = Omit<typeof publications.$inferSelect, "searchVector">;
/** As stored in Next's data cache: JSON, so instants travel as ISO strings. */
export type PublicRelease = Omit<Row, "publishedAt" | "updatedAt" | "retractedAt"> & {
  publishedAt: string;
  updatedAt: string;
  retractedAt: string | null;
};

function serialise(row: Row): PublicRelease {
  return {
    ...row,
    publishedAt: row.publishedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    retractedAt: row.retractedAt?.toISOString() ?? null,
  };
}

/** One publication by slug, retracted ones included (their page says so). */
export const getPublicationBySlug = (slug: string): Promise<PublicRelease | null> =>
  unstable_cache(
    async () => {
      const [row] = await (await db()).select(publicColumns).from(publications).where(eq(publications.slug, slug)).limit(1);
      return row ? serialise(row) : null;
    },
    ["publications:by-slug", slug],
    { tags: [PUBLIC_TAGS.releases, PUBLIC_TAGS.release(slug)] },
  )();

/** The current address of a release that used to answer at `slug`, when that release is live. */
export const findMovedSlug = (slug: string): Promise<string | null> =>
  unstable_cache(
    async () => {
      const database = await db();
      const [row] = await database
        .select({ slug: publications.slug })
        .from(releaseSlugs)
        .innerJoin(publications, eq(publications.releaseId, releaseSlugs.releaseId))
        .where(and(eq(releaseSlugs.slug, slug), isNull(publications.retractedAt)))
        .limit(1);
      return row && row.slug !== slug ? row.slug : null;
    },
    ["publications:moved", slug],
    { tags: [PUBLIC_TAGS.releases, PUBLIC_TAGS.release(slug)] },
  )();

/**
 * Live versions of the same release in other languages. Joins releases only for the translation group
 * id; what it returns comes from publications, so nothing unpublished can appear.
 */
export const listLiveTranslations = (slug: string): Promise<{ slug: string; language: string; headline: string }[]> =>
  unstable_cache(
    async () => {
      const database = await db();
      const [own] = await database
        .select({ group: releases.translationGroup })
        .from(publications)
        .innerJoin(releases, eq(releases.id, publications.releaseId))
        .where(eq(publications.slug, slug));
      if (!own) return [];
      return database
        .select({ slug: publications.slug, language: publications.language, headline: publications.headline })
        .from(publications)
        .innerJoin(releases, eq(releases.id, publications.releaseId))
        .where(and(eq(releases.translationGroup, own.group), isNull(publications.retractedAt), ne(publications.slug, slug)));
    },
    ["publications:translations", slug],
    { tags: [PUBLIC_TAGS.releases, PUBLIC_TAGS.release(slug)] },
  )();
