import type { FeedDocument, FeedEntry } from "./model";
import { escapeHtml } from "@/lib/html/escape";
import { offsetText } from "@/lib/time/release-date";
import { cdata, escapeXml } from "./xml";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * RFC 822 date, as RSS 2.0 wants it: "Tue, 03 Mar 2026 09:00:00 GMT" in UTC, or written in another
 * offset (minutes east of UTC): "Tue, 26 Feb 2019 00:00:00 -0500". Throws on an invalid date.
 */
export function rfc822(instant: Date, offsetMinutes = 0): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("RSS dates must be valid dates");
  const date = new Date(instant.getTime() + offsetMinutes * 60_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  const year = date.getUTCFullYear();
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${year} ${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} ${offsetMinutes === 0 ? "GMT" : offsetText(offsetMinutes, "")}`;
}

function element(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>`;
}

/**
 * RSS readers take title and description as HTML (the format never said which), so plain text is
 * escaped for HTML first and then for XML: a summary "<a href=…>" reads as those characters, never as
 * a link.
 */
function textElement(name: string, text: string, indent: string): string {
  return element(name, escapeHtml(text), indent);
}

function buildItem(entry: FeedEntry): string {
  const indent = "      ";
  const lines = [
    "    <item>",
    textElement("title", entry.title, indent),
    element("link", entry.url, indent),
    // The id is a URN, not an address: readers must not treat it as a link.
    `${indent}<guid isPermaLink="false">${escapeXml(entry.id)}</guid>`,
    element("pubDate", rfc822(entry.published, entry.publishedOffsetMinutes), indent),
    textElement("description", entry.summary, indent),
    `${indent}<content:encoded>${cdata(entry.contentHtml)}</content:encoded>`,
    ...entry.categories.map((category) => element("category", category.label, indent)),
    ...(entry.image
      ? [`${indent}<enclosure url="${escapeXml(entry.image.url)}" length="${entry.image.length}" type="${escapeXml(entry.image.type)}"/>`]
      : []),
    "    </item>",
  ];
  return lines.join("\n");
}

/**
 * An RSS 2.0 document: content:encoded full text, an enclosure for the lead image, atom:link to itself
 * and to the WebSub hub when there is one. Pure: same input, same bytes.
 */
export function buildRss(feed: FeedDocument): string {
  const indent = "    ";
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    textElement("title", feed.title, indent),
    element("link", feed.homeUrl, indent),
    textElement("description", feed.description, indent),
    element("language", feed.language, indent),
    `${indent}<atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(feed.hubUrl ? [`${indent}<atom:link href="${escapeXml(feed.hubUrl)}" rel="hub"/>`] : []),
    element("lastBuildDate", rfc822(feed.updated), indent),
    ...feed.entries.map(buildItem),
    "  </channel>",
    "</rss>",
  ];
  return `${lines.join("\n")}\n`;
}
