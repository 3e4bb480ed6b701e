import "server-only";
import { cache } from "react";
import { and, eq, getTableColumns, inArray, isNull, ne } from "drizzle-orm";
import { db } from "../client";
import { publications, releases, releaseSlugs } from "../schema";

/**
 * Cache tag of the public side's data in Next's data cache, expired by every change notice
 * (db/publishing/invalidate.ts): on every list, sitemap and search, which any publication change moves.
 * A release's own page and the feeds read uncached (below, and db/public/feed-items.ts).
 */
export const PUBLIC_TAGS = {
  all: "publications",
} as const;

/** Every column but the search vector, which only the database's search reads. */
const { searchVector: _searchVector, ...publicColumns } = getTableColumns(publications);

type Row = Omit<typeof publications.$inferSelect, "searchVector">;
/** Instants as ISO strings, as the page, its metadata and the feeds format them. */
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

/*
 * What a release's page reads. Not in Next's data cache: the page is rendered only when the server's
 * copy of it is missing or stale (scripts/public-responses.mjs), and then it must read what the notice
 * that made it stale announced — a cached read would answer the old row until this instance's own
 * revalidation call had run, a round trip behind every request already queued. React's `cache` shares
 * each read between the page and its metadata within one render.
 */

/** One publication by slug, retracted ones included (their page says so). */
export const getPublicationBySlug = cache(async (slug: string): Promise<PublicRelease | null> => {
  const [row] = await (await db()).select(publicColumns).from(publications).where(eq(publications.slug, slug)).limit(1);
  return row ? serialise(row) : null;
});

/** The current address of a release that used to answer at `slug`, when that release is live. */
export const findMovedSlug = cache(async (slug: string): Promise<string | null> => {
  const [row] = await (await db())
    .select({ slug: publications.slug })
    .from(releaseSlugs)
    .innerJoin(publications, eq(publications.releaseId, releaseSlugs.releaseId))
    .where(and(eq(releaseSlugs.slug, slug), isNull(publications.retractedAt)))
    .limit(1);
  return row && row.slug !== slug ? row.slug : null;
});

/**
 * Live versions of the same release in other languages. Joins releases only for the translation group
 * id; what it returns comes from publications, so nothing unpublished can appear.
 */
export const listLiveTranslations = cache(async (slug: string): Promise<{ slug: string; language: string; headline: string }[]> => {
  const database = await db();
  const ownGroup = database
    .select({ group: releases.translationGroup })
    .from(publications)
    .innerJoin(releases, eq(releases.id, publications.releaseId))
    .where(eq(publications.slug, slug));
  return database
    .select({ slug: publications.slug, language: publications.language, headline: publications.headline })
    .from(publications)
    .innerJoin(releases, eq(releases.id, publications.releaseId))
    .where(and(inArray(releases.translationGroup, ownGroup), isNull(publications.retractedAt), ne(publications.slug, slug)));
});
