import { buildAtom } from "./atom";
import { conditionalResponse } from "./conditional";
import { FEED_FILES, type FeedFormat, type FeedScope } from "./discovery";
import { feedDocument } from "./document";
import { buildJsonFeed } from "./json-feed";
import type { FeedDocument, FeedSource } from "./model";
import { buildRss } from "./rss";

const BUILDERS: Record<FeedFormat, (feed: FeedDocument) => string> = { rss: buildRss, atom: buildAtom, json: buildJsonFeed };

/** The body of one feed in one format. */
export function renderFeed(scope: FeedScope, format: FeedFormat, source: FeedSource, options: { siteUrl: string; hubUrl?: string | undefined }): string {
  return BUILDERS[format](feedDocument(scope, format, source, options));
}

/**
 * What a feed route answers: 404 for a topic, type or language that does not exist (`source` null),
 * otherwise the feed with ETag and Last-Modified, or 304 when the reader's copy is current.
 */
export function feedResponse(
  request: { method: string; headers: Headers },
  scope: FeedScope,
  format: FeedFormat,
  source: FeedSource | null,
  options: { siteUrl: string; hubUrl?: string | undefined },
): Response {
  if (!source) {
    return new Response("No such feed.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" },
    });
  }
  return conditionalResponse(request, {
    body: renderFeed(scope, format, source, options),
    contentType: `${FEED_FILES[format].mediaType}; charset=utf-8`,
    lastModified: new Date(source.lastModified),
  });
}
