/**
 * Where the feeds live: one address scheme for the site-wide feeds and those per topic, type and
 * language, used by the feed routes, the autodiscovery links on pages and the sitemap.
 */
export type FeedScope =
  | { kind: "all" }
  | { kind: "topic"; slug: string }
  | { kind: "type"; slug: string }
  | { kind: "language"; code: string };

export type FeedFormat = "rss" | "atom" | "json";

export const FEED_FILES: Record<FeedFormat, { file: string; mediaType: string; label: string }> = {
  rss: { file: "feed.xml", mediaType: "application/rss+xml", label: "RSS" },
  atom: { file: "atom.xml", mediaType: "application/atom+xml", label: "Atom" },
  json: { file: "feed.json", mediaType: "application/feed+json", label: "JSON Feed" },
};

/** The path of a feed, e.g. /topics/health/atom.xml; site-wide feeds sit at the root. */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const file = FEED_FILES[format].file;
  switch (scope.kind) {
    case "all":
      return `/${file}`;
    case "topic":
      return `/topics/${encodeURIComponent(scope.slug)}/${file}`;
    case "type":
      return `/types/${encodeURIComponent(scope.slug)}/${file}`;
    case "language":
      return `/languages/${encodeURIComponent(scope.code)}/${file}`;
  }
}

/**
 * Autodiscovery links for Next's Metadata (`alternates.types`): one per format, titled so a feed reader
 * can tell them apart. Next's type allows one URL per media type, which is what we have.
 */
export function feedAlternates(scope: FeedScope, title: string): Record<string, { url: string; title: string }[]> {
  const types: Record<string, { url: string; title: string }[]> = {};
  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
    const { mediaType, label } = FEED_FILES[format];
    types[mediaType] = [{ url: feedPath(scope, format), title: `${title} (${label})` }];
  }
  return types;
}
