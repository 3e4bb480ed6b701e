import type { FeedDocument, FeedEntry } from "./model";
import { rfc3339 } from "./atom";
import { cleanXmlText } from "./xml";

/**
 * JSON can carry any character escaped, but a lone surrogate is not Unicode (strict decoders reject the
 * feed) and a bidi override reorders a title in a reader just as it would in XML: the same cleaning.
 */
const clean = cleanXmlText;

function buildItem(entry: FeedEntry) {
  return {
    id: clean(entry.id),
    url: clean(entry.url),
    title: clean(entry.title),
    ...(entry.summary ? { summary: clean(entry.summary) } : {}),
    content_html: clean(entry.contentHtml),
    ...(entry.image ? { image: clean(entry.image.url) } : {}),
    date_published: rfc3339(entry.published, entry.publishedOffsetMinutes),
    date_modified: rfc3339(entry.updated),
    ...(entry.categories.length > 0 ? { tags: entry.categories.map((category) => clean(category.label)) } : {}),
    language: clean(entry.language),
    ...(entry.image
      ? { attachments: [{ url: clean(entry.image.url), mime_type: clean(entry.image.type), size_in_bytes: entry.image.length }] }
      : {}),
  };
}

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). Pure: same input, same bytes. */
export function buildJsonFeed(feed: FeedDocument): string {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: clean(feed.title),
    home_page_url: clean(feed.homeUrl),
    feed_url: clean(feed.selfUrl),
    description: clean(feed.description),
    language: clean(feed.language),
    authors: [{ name: clean(feed.author) }],
    ...(feed.hubUrl ? { hubs: [{ type: "WebSub", url: clean(feed.hubUrl) }] } : {}),
    items: feed.entries.map(buildItem),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
