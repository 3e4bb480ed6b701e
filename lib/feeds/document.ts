import { entryContentHtml } from "./content";
import { feedPath, FEED_FILES, type FeedFormat, type FeedScope } from "./discovery";
import { publicationMoment } from "@/lib/time/release-date";
import type { FeedDocument, FeedEntry, FeedSource, FeedSourceItem } from "./model";

/** The public page a scoped feed mirrors: the feed's folder (/topics/health for /topics/health/feed.xml). */
export function scopePagePath(scope: FeedScope): string {
  const path = feedPath(scope, "rss");
  return scope.kind === "all" ? "/" : path.slice(0, -`/${FEED_FILES.rss.file}`.length);
}

function titles(scope: FeedScope, source: FeedSource): { title: string; description: string } {
  const organisation = source.organisationName;
  const name = source.scopeName ?? "";
  switch (scope.kind) {
    case "all":
      return { title: `${organisation}: press releases`, description: `Press releases, statements and media advisories from ${organisation}.` };
    case "topic":
      return { title: `${organisation}: ${name}`, description: `Releases about ${name} from ${organisation}.` };
    case "type":
      return { title: `${organisation}: ${name}`, description: `Releases of the type “${name}” from ${organisation}.` };
    case "language":
      return { title: `${organisation}: releases in ${name}`, description: `Releases in ${name} from ${organisation}.` };
  }
}

function published(item: FeedSourceItem, timeZone: string): Pick<FeedEntry, "published" | "publishedOffsetMinutes"> {
  const moment = publicationMoment({ releaseDate: item.releaseDate ?? null, publishedAt: item.publishedAt }, timeZone);
  return { published: moment.instant, publishedOffsetMinutes: moment.offsetMinutes };
}

/** The format-neutral document for one feed: what the three builders write. */
export function feedDocument(
  scope: FeedScope,
  format: FeedFormat,
  source: FeedSource,
  options: { siteUrl: string; hubUrl?: string | undefined },
): FeedDocument {
  const { siteUrl } = options;
  const entries: FeedEntry[] = source.items.map((item) => ({
    id: `urn:uuid:${item.releaseId}`,
    url: `${siteUrl}/releases/${encodeURIComponent(item.slug)}`,
    title: item.headline,
    summary: item.summary,
    contentHtml: entryContentHtml(item, { siteUrl, timeZone: source.timeZone }),
    ...published(item, source.timeZone),
    updated: new Date(item.updatedAt),
    categories: item.topics.map((topic) => ({ term: topic.slug, label: topic.name })),
    ...(item.leadImage
      ? { image: { url: `${siteUrl}/media/${encodeURIComponent(item.leadImage.key)}`, type: item.leadImage.mimeType, length: item.leadImage.bytes } }
      : {}),
    language: item.language,
  }));
  return {
    ...titles(scope, source),
    homeUrl: `${siteUrl}${scopePagePath(scope)}`,
    selfUrl: `${siteUrl}${feedPath(scope, format)}`,
    language: scope.kind === "language" ? scope.code : source.defaultLanguage,
    author: source.organisationName,
    updated: new Date(source.lastModified),
    ...(options.hubUrl ? { hubUrl: options.hubUrl } : {}),
    entries,
  };
}
