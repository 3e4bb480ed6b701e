import type { FeedDocument, FeedEntry } from "./model";
import { isoWithOffset } from "@/lib/time/release-date";
import { escapeXml } from "./xml";

/**
 * RFC 3339 as Atom wants it, in UTC or in another offset (minutes east of UTC). Throws on an invalid
 * date rather than writing a broken feed.
 */
export function rfc3339(date: Date, offsetMinutes = 0): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Atom dates must be valid dates");
  return isoWithOffset(date, offsetMinutes);
}

const attribute = (value: string | number) => `"${escapeXml(String(value))}"`;

function buildEntry(entry: FeedEntry, feedLanguage: string): string {
  const indent = "    ";
  const language = entry.language && entry.language !== feedLanguage ? ` xml:lang=${attribute(entry.language)}` : "";
  const lines = [
    `  <entry${language}>`,
    `${indent}<id>${escapeXml(entry.id)}</id>`,
    `${indent}<title type="text">${escapeXml(entry.title)}</title>`,
    `${indent}<link rel="alternate" type="text/html" href=${attribute(entry.url)}/>`,
    ...(entry.image
      ? [`${indent}<link rel="enclosure" type=${attribute(entry.image.type)} length=${attribute(entry.image.length)} href=${attribute(entry.image.url)}/>`]
      : []),
    `${indent}<published>${rfc3339(entry.published, entry.publishedOffsetMinutes)}</published>`,
    `${indent}<updated>${rfc3339(entry.updated)}</updated>`,
    ...(entry.summary ? [`${indent}<summary type="text">${escapeXml(entry.summary)}</summary>`] : []),
    // Escaped rather than CDATA: no section terminator can ever appear in it.
    `${indent}<content type="html">${escapeXml(entry.contentHtml)}</content>`,
    ...entry.categories.map((category) => `${indent}<category term=${attribute(category.term)} label=${attribute(category.label)}/>`),
    "  </entry>",
  ];
  return lines.join("\n");
}

/**
 * An Atom 1.0 document. Each entry's <updated> is the publication's last change (an update, a
 * correction), so readers that track it show the corrected text. Pure: same input, same bytes.
 */
export function buildAtom(feed: FeedDocument): string {
  const indent = "  ";
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang=${attribute(feed.language)}>`,
    `${indent}<id>${escapeXml(feed.selfUrl)}</id>`,
    `${indent}<title type="text">${escapeXml(feed.title)}</title>`,
    `${indent}<subtitle type="text">${escapeXml(feed.description)}</subtitle>`,
    `${indent}<updated>${rfc3339(feed.updated)}</updated>`,
    `${indent}<link rel="self" type="application/atom+xml" href=${attribute(feed.selfUrl)}/>`,
    `${indent}<link rel="alternate" type="text/html" href=${attribute(feed.homeUrl)}/>`,
    ...(feed.hubUrl ? [`${indent}<link rel="hub" href=${attribute(feed.hubUrl)}/>`] : []),
    `${indent}<author>`,
    `${indent}  <name>${escapeXml(feed.author)}</name>`,
    `${indent}</author>`,
    ...feed.entries.map((entry) => buildEntry(entry, feed.language)),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}
