import "server-only";
import { and, asc, eq, inArray, isNull, max, sql, type SQL } from "drizzle-orm";
import { LANGUAGE_PATTERN } from "@/lib/content/release";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "@/lib/slug";
import type { FeedScope } from "@/lib/feeds/discovery";
import { languageName } from "@/lib/i18n/languages";
import type { FeedSource, FeedSourceItem } from "@/lib/feeds/model";
import { db } from "../client";
import type { Database } from "../connect";
import { DEFAULT_SETTINGS } from "../seed/defaults";
import { media, publications, releaseTypes, settings, topics } from "../schema";
import { safeTimeZone } from "@/lib/public/date-range";
import { newestFirst } from "./listing";

/** Entries per feed: readers poll often, so a feed needs only what is new since their last visit. */
export const FEED_ITEM_LIMIT = 50;

function scopeFilter(scope: FeedScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "topic":
      return sql`${publications.topics} @> ${JSON.stringify([scope.slug])}::jsonb`;
    case "type":
      return eq(publications.typeSlug, scope.slug);
    case "language":
      return eq(publications.language, scope.code);
  }
}

/** Addresses no topic, type or language can have are refused before any query or cache entry. */
function wellFormed(scope: FeedScope): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "topic":
    case "type":
      return scope.slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(scope.slug);
    case "language":
      return LANGUAGE_PATTERN.test(scope.code);
  }
}

/** The topic, type or language name, or null when the scope does not exist (the feed answers 404). */
async function scopeName(database: Database, scope: FeedScope, defaultLanguage: string): Promise<string | null> {
  switch (scope.kind) {
    case "all":
      return "";
    case "topic": {
      const [row] = await database.select({ name: topics.name }).from(topics).where(eq(topics.slug, scope.slug)).limit(1);
      return row?.name ?? null;
    }
    case "type": {
      const [row] = await database.select({ name: releaseTypes.name }).from(releaseTypes).where(eq(releaseTypes.slug, scope.slug)).limit(1);
      return row?.name ?? null;
    }
    case "language": {
      // A language exists for the public side once something was published in it (retracted releases
      // count: the feed does not turn into a 404 when its last release is withdrawn).
      const known =
        scope.code === defaultLanguage ||
        (await database.select({ one: sql`1` }).from(publications).where(eq(publications.language, scope.code)).limit(1)).length > 0;
      return known ? languageName(scope.code) : null;
    }
  }
}

/**
 * One feed's data, read without a cache (integration tests call it directly). Reads live publications
 * only (retracted_at is null): drafts, pending, scheduled and embargoed releases have no publications
 * row at all, and trashing needs the release not to be live. Besides publications it reads the
 * organisation's settings, topic and type names, and the size and type of each entry's lead image
 * (`publications.lead_image`, written with the publication) from the media table.
 *
 * `lastModified` is the newest change to any publication (retractions included) or to the settings,
 * not only to the items listed: a retraction, or an update that removes a topic, takes an entry out of
 * a feed without leaving a trace among what remains, and a Last-Modified that went backwards would
 * answer 304 to a reader holding the old list.
 */
export async function queryFeedSource(database: Database, scope: FeedScope, limit = FEED_ITEM_LIMIT): Promise<FeedSource | null> {
  if (!wellFormed(scope)) return null;
  const [settingsRow] = await database
    .select({
      organisationName: settings.organisationName,
      defaultLanguage: settings.defaultLanguage,
      timeZone: settings.timeZone,
      updatedAt: settings.updatedAt,
    })
    .from(settings)
    .where(eq(settings.id, 1))
    .limit(1);
  const organisationName = settingsRow?.organisationName ?? DEFAULT_SETTINGS.organisationName;
  const defaultLanguage = settingsRow?.defaultLanguage ?? "en";
  const timeZone = safeTimeZone(settingsRow?.timeZone ?? "UTC");

  const name = await scopeName(database, scope, defaultLanguage);
  if (name === null) return null;

  const rows = await database
    .select()
    .from(publications)
    .where(and(isNull(publications.retractedAt), scopeFilter(scope)))
    // As the lists: by the release's own date first, so a back-filled 2019 release is not "new".
    .orderBy(...newestFirst)
    .limit(limit);

  const topicNames = new Map(
    (await database.select({ slug: topics.slug, name: topics.name }).from(topics).orderBy(asc(topics.slug))).map((topic) => [topic.slug, topic.name]),
  );

  const imageKeys = [...new Set(rows.flatMap((row) => (row.leadImage ? [row.leadImage.key] : [])))];
  const images = new Map(
    imageKeys.length === 0
      ? []
      : (
          await database
            .select({ key: media.key, mimeType: media.mimeType, bytes: media.bytes })
            .from(media)
            .where(and(inArray(media.key, imageKeys), eq(media.kind, "image")))
        ).map((image) => [image.key, image]),
  );

  const [newest] = await database.select({ at: max(publications.updatedAt) }).from(publications);
  const changes = [newest?.at, settingsRow?.updatedAt].filter((value): value is Date => value instanceof Date);
  const lastModified = new Date(Math.max(0, ...changes.map((value) => value.getTime())));

  const items: FeedSourceItem[] = rows.map((row) => {
    const image = row.leadImage ? images.get(row.leadImage.key) : undefined;
    return {
      releaseId: row.releaseId,
      slug: row.slug,
      headline: row.headline,
      summary: row.summary,
      html: row.html,
      language: row.language,
      topics: row.topics.map((slug) => ({ slug, name: topicNames.get(slug) ?? slug })),
      relatedDocuments: row.relatedDocuments,
      corrections: row.corrections,
      releaseDate: row.releaseDate,
      publishedAt: row.publishedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      leadImage: image ? { key: image.key, mimeType: image.mimeType, bytes: image.bytes } : null,
    };
  });

  return { scopeName: name || null, organisationName, defaultLanguage, timeZone, lastModified: lastModified.toISOString(), items };
}

/**
 * One feed's data, read when the server's copy of the feed is missing or stale. Not in Next's data
 * cache: after a change notice marks the copy stale, the next request must read what it announced,
 * not a cached answer waiting for this instance's own revalidation call (db/public/publications.ts says
 * the same of a release's page).
 */
export async function getFeedSource(scope: FeedScope): Promise<FeedSource | null> {
  if (!wellFormed(scope)) return null;
  return queryFeedSource(await db(), scope);
}
