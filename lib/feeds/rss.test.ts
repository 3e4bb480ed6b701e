import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/html/escape";
import { buildRss, rfc822 } from "./rss";
import { ALL_CLEANED, CLEANED, CLEANED_HTML, document, entry, FORBIDDEN, hostileDocument } from "./test-fixtures";
import { cdata, cleanXmlText, escapeXml } from "./xml";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === "item" || name === "category" || name === "atom:link",
});

type Item = {
  title: string;
  link: string;
  guid: { "#text": string; "@_isPermaLink": string };
  pubDate: string;
  description: string;
  "content:encoded": string;
  category?: string[];
  enclosure?: { "@_url": string; "@_length": string; "@_type": string };
};
type Parsed = {
  rss: {
    "@_version": string;
    "@_xmlns:content": string;
    "@_xmlns:atom": string;
    channel: {
      title: string;
      link: string;
      description: string;
      language: string;
      lastBuildDate: string;
      "atom:link": { "@_href": string; "@_rel": string; "@_type"?: string }[];
      item?: Item[];
    };
  };
};

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  const parsed = parser.parse(xml) as Parsed;
  return { ...parsed.rss.channel, root: parsed.rss };
}

describe("rfc822", () => {
  it("writes UTC dates the RSS way", () => {
    expect(rfc822(new Date("2026-03-03T09:00:00Z"))).toBe("Tue, 03 Mar 2026 09:00:00 GMT");
    expect(rfc822(new Date("2025-12-31T23:59:59.999Z"))).toBe("Wed, 31 Dec 2025 23:59:59 GMT");
    // A local offset does not leak in.
    expect(rfc822(new Date("2026-03-03T09:00:00+05:30"))).toBe("Tue, 03 Mar 2026 03:30:00 GMT");
  });

  it("refuses an invalid date", () => {
    expect(() => rfc822(new Date("nope"))).toThrow(RangeError);
  });
});

describe("xml helpers", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("removes what XML cannot carry and bidi controls, keeps the rest", () => {
    expect(cleanXmlText("a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg")).toBe("abcdefg");
    expect(cleanXmlText("tab\tlf\ncr\r")).toBe("tab\tlf\ncr\r");
    expect(cleanXmlText("x\ufffey\uffffz")).toBe("xyz");
    expect(cleanXmlText("lone \ud800 high, lone \udfff low, reversed \udc00\ud800 pair")).toBe("lone  high, lone  low, reversed  pair");
    expect(cleanXmlText("\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i")).toBe("abcdefghi");
    expect(cleanXmlText("emoji 🎉 👩🏽‍💻 and \u00e9 and 中文 and \u200f mark")).toBe("emoji 🎉 👩🏽‍💻 and \u00e9 and 中文 and \u200f mark");
    expect(escapeXml("a\u0001<b")).toBe("a&lt;b");
  });

  it("splits ]]> inside CDATA", () => {
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
    expect(cdata("]]>]]>")).toBe("<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>");
    expect(cdata("x\u0001\u202ey")).toBe("<![CDATA[xy]]>");
  });
});

describe("buildRss", () => {
  it("writes an RSS 2.0 channel with content and atom namespaces, a self link and the build date", () => {
    const xml = buildRss(document());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss')).toBe(true);
    const channel = parse(xml);
    expect(channel.root["@_version"]).toBe("2.0");
    expect(channel.root["@_xmlns:content"]).toBe("http://purl.org/rss/1.0/modules/content/");
    expect(channel.root["@_xmlns:atom"]).toBe("http://www.w3.org/2005/Atom");
    expect(channel.title).toBe("Example Press Office: press releases");
    expect(channel.link).toBe("https://press.example/");
    expect(channel.description).toBe("Press releases from Example");
    expect(channel.language).toBe("en");
    expect(channel.lastBuildDate).toBe("Thu, 05 Mar 2026 08:00:00 GMT");
    expect(channel["atom:link"]).toEqual([{ "@_href": "https://press.example/feed.xml", "@_rel": "self", "@_type": "application/rss+xml" }]);
  });

  it("announces the WebSub hub next to the self link only when there is one", () => {
    const channel = parse(buildRss(document({ hubUrl: "https://hub.example/" })));
    expect(channel["atom:link"]).toEqual([
      { "@_href": "https://press.example/feed.xml", "@_rel": "self", "@_type": "application/rss+xml" },
      { "@_href": "https://hub.example/", "@_rel": "hub" },
    ]);
    expect(parse(buildRss(document()))["atom:link"].map((link) => link["@_rel"])).toEqual(["self"]);
  });

  it("writes each item with a stable non-permalink guid, RFC 822 date, summary, full content, categories and enclosure", () => {
    const xml = buildRss(
      document({
        entries: [
          entry({
            categories: [
              { term: "health", label: "Health" },
              { term: "budget", label: "Budget" },
            ],
            image: { url: "https://press.example/media/abc123.jpg", type: "image/jpeg", length: 2048 },
          }),
          entry({ id: "urn:uuid:second", title: "Second", url: "https://press.example/releases/second", categories: [] }),
        ],
      }),
    );
    const channel = parse(xml);
    const [first, second] = channel.item ?? [];
    expect(channel.item).toHaveLength(2);
    expect(first).toMatchObject({
      title: "Ministry announces plan",
      link: "https://press.example/releases/ministry-announces-plan",
      guid: { "#text": "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01", "@_isPermaLink": "false" },
      pubDate: "Tue, 03 Mar 2026 09:00:00 GMT",
      description: "A short summary.",
      "content:encoded": "<p>Full text.</p>",
      category: ["Health", "Budget"],
      enclosure: { "@_url": "https://press.example/media/abc123.jpg", "@_length": "2048", "@_type": "image/jpeg" },
    });
    expect(second?.title).toBe("Second");
    expect(second?.category).toBeUndefined();
    expect(second?.enclosure).toBeUndefined();
    expect(xml).toContain("<content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded>");
  });

  it("writes an empty feed", () => {
    const channel = parse(buildRss(document({ entries: [] })));
    expect(channel.item).toBeUndefined();
    expect(channel.lastBuildDate).toBe("Thu, 05 Mar 2026 08:00:00 GMT");
  });

  it("survives hostile content and reads back what a person meant (fast-xml-parser)", () => {
    const xml = buildRss(hostileDocument('https://press.example/feed.xml?x="1"&y=<2>'));
    const channel = parse(xml);
    const [only] = channel.item ?? [];
    // Title and description are HTML to RSS readers: the text arrives escaped for HTML.
    expect(channel.title).toBe(escapeHtml(ALL_CLEANED));
    expect(channel.description).toBe(escapeHtml(ALL_CLEANED));
    expect(channel.link).toBe("https://press.example/?a=1&b=2");
    expect(channel["atom:link"][0]?.["@_href"]).toBe('https://press.example/feed.xml?x="1"&y=<2>');
    expect(channel["atom:link"][1]?.["@_href"]).toBe("https://hub.example/?x=1&y=2");
    expect(only?.title).toBe(escapeHtml(ALL_CLEANED));
    expect(only?.link).toBe("https://press.example/releases/x?utm=a&b=c");
    expect(only?.description).toBe(escapeHtml(`${ALL_CLEANED}\nsecond line`));
    expect(only?.category).toEqual(["R&D", "<Health>", CLEANED.rtl, CLEANED.lone]);
    expect(only?.enclosure?.["@_url"]).toBe("https://press.example/media/abc123.jpg?a=1&b=2");
    expect(only?.["content:encoded"]).toBe(CLEANED_HTML);
    expect(xml).toContain("👩🏽‍💻");
    expect(xml).not.toMatch(/a\]\]>b/);
  });

  it("survives hostile content (@rowanmanning/feed-parser)", () => {
    const feed = parseFeed(buildRss(hostileDocument("https://press.example/feed.xml")));
    expect(feed.meta.type).toBe("rss");
    expect(feed.title).toBe(ALL_CLEANED);
    expect(feed.self).toBe("https://press.example/feed.xml");
    expect(feed.items).toHaveLength(2);
    const [first] = feed.items;
    expect(first?.title).toBe(ALL_CLEANED);
    expect(first?.id).toBe("urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01");
    expect(first?.url).toBe("https://press.example/releases/x?utm=a&b=c");
    // This parser decodes entities even inside CDATA ("&amp;" reads "&"), so compare what survives that.
    expect(first?.content).toBe(CLEANED_HTML.replace("&amp;", "&").replace("&lt;", "<"));
    expect(first?.published?.toISOString()).toBe("2026-03-03T09:00:00.000Z");
    expect(first?.categories.map((category) => category.label)).toEqual(["R&D", "<Health>", CLEANED.rtl, CLEANED.lone]);
    expect(first?.media).toEqual([expect.objectContaining({ url: "https://press.example/media/abc123.jpg?a=1&b=2", length: 12345, mimeType: "image/jpeg" })]);
  });

  it("is deterministic", () => {
    expect(buildRss(hostileDocument("https://press.example/feed.xml"))).toBe(buildRss(hostileDocument("https://press.example/feed.xml")));
  });

  it("refuses an item with an invalid date rather than writing a broken feed", () => {
    expect(() => buildRss(document({ entries: [entry({ published: new Date(Number.NaN) })] }))).toThrow(RangeError);
  });
});
