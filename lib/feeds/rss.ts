import { cdata, escapeXml } from "./xml";

export type RssItem = {
  title: string;
  /** Absolute URL of the release page. */
  link: string;
  /** The permanent URL of the release; written with isPermaLink="true". */
  guid: string;
  pubDate: Date;
  /** Plain text. */
  summary: string;
  /** The full release as HTML; goes into content:encoded. */
  contentHtml: string;
  categories: string[];
};

export type RssFeed = {
  title: string;
  /** The site's URL. */
  link: string;
  description: string;
  /** The URL this feed is served from (atom:link rel="self"). */
  selfUrl: string;
  /** e.g. "en" or "en-GB". */
  language: string;
  /** Defaults to the newest item's pubDate; left out for an empty feed without one. */
  lastBuildDate?: Date;
  items: RssItem[];
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** RFC 822 date in UTC, as RSS 2.0 wants it: "Tue, 03 Mar 2026 09:00:00 GMT". Throws on an invalid date. */
export function rfc822(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("RSS dates must be valid dates");
  const pad = (value: number) => String(value).padStart(2, "0");
  const year = date.getUTCFullYear();
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${year} ${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} GMT`;
}

function element(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>`;
}

function buildItem(item: RssItem): string {
  const indent = "      ";
  const lines = [
    "    <item>",
    element("title", item.title, indent),
    element("link", item.link, indent),
    `${indent}<guid isPermaLink="true">${escapeXml(item.guid)}</guid>`,
    element("pubDate", rfc822(item.pubDate), indent),
    element("description", item.summary, indent),
    `${indent}<content:encoded>${cdata(item.contentHtml)}</content:encoded>`,
    ...item.categories.map((category) => element("category", category, indent)),
    "    </item>",
  ];
  return lines.join("\n");
}

function newestPubDate(items: RssItem[]): Date | undefined {
  let newest: Date | undefined;
  for (const item of items) if (!newest || item.pubDate.getTime() > newest.getTime()) newest = item.pubDate;
  return newest;
}

/** An RSS 2.0 document with content:encoded full text and an atom:link to itself. Pure: same input, same bytes. */
export function buildRss(feed: RssFeed): string {
  const lastBuildDate = feed.lastBuildDate ?? newestPubDate(feed.items);
  const indent = "    ";
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    element("title", feed.title, indent),
    element("link", feed.link, indent),
    element("description", feed.description, indent),
    element("language", feed.language, indent),
    `${indent}<atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(lastBuildDate ? [element("lastBuildDate", rfc822(lastBuildDate), indent)] : []),
    ...feed.items.map(buildItem),
    "  </channel>",
    "</rss>",
  ];
  return `${lines.join("\n")}\n`;
}
