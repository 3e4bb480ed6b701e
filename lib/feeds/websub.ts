import { feedPath, FEED_FILES, type FeedFormat, type FeedScope } from "./discovery";

/** The fields of a publication that decide which feeds list it. */
export type FeedMembership = { topics: readonly string[]; typeSlug: string | null; language: string };

/** Every feed scope a publication appears in: the site-wide one, each topic, its type and its language. */
export function feedScopesFor(publication: FeedMembership): FeedScope[] {
  return [
    { kind: "all" },
    ...publication.topics.map((slug): FeedScope => ({ kind: "topic", slug })),
    ...(publication.typeSlug ? [{ kind: "type", slug: publication.typeSlug } as const] : []),
    { kind: "language", code: publication.language },
  ];
}

/**
 * Absolute URLs of every feed (all formats) that changes when any of these publications changes. Pass
 * the publication before and after an update: a topic it left loses the entry too. No duplicates.
 */
export function feedUrlsOf(siteUrl: string, publications: readonly FeedMembership[]): string[] {
  const urls = new Set<string>();
  for (const publication of publications) {
    for (const scope of feedScopesFor(publication)) {
      for (const format of Object.keys(FEED_FILES) as FeedFormat[]) urls.add(`${siteUrl}${feedPath(scope, format)}`);
    }
  }
  return [...urls];
}

/** The form body of a WebSub publish notification for one topic URL (a hub reads one hub.url per ping). */
export function hubPublishBody(feedUrl: string): URLSearchParams {
  return new URLSearchParams({ "hub.mode": "publish", "hub.url": feedUrl });
}
