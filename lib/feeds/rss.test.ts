import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildRss, rfc822, type RssFeed, type RssItem } from "./rss";
import { cdata, cleanXmlText, escapeXml } from "./xml";

/** Characters XML 1.0 cannot carry, plus the bidi controls we strip. Unpaired surrogates only (u flag). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === "item" || name === "category",
});

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
      lastBuildDate?: string;
      "atom:link": { "@_href": string; "@_rel": string; "@_type": string };
      item?: {
        title: string;
        link: string;
        guid: { "#text": string; "@_isPermaLink": string };
        pubDate: string;
        description: string;
        "content:encoded": string;
        category?: string[];
      }[];
    };
  };
};

function parse(xml: string): Parsed["rss"]["channel"] & { root: Parsed["rss"] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  const parsed = parser.parse(xml) as Parsed;
  return { ...parsed.rss.channel, root: parsed.rss };
}

function item(overrides: Partial<RssItem> = {}): RssItem {
  return {
    title: "Ministry announces plan",
    link: "https://press.example/releases/ministry-announces-plan",
    guid: "https://press.example/releases/ministry-announces-plan",
    pubDate: new Date("2026-03-03T09:00:00Z"),
    summary: "A short summary.",
    contentHtml: "<p>Full text.</p>",
    categories: ["Health"],
    ...overrides,
  };
}

function feed(overrides: Partial<RssFeed> = {}): RssFeed {
  return {
    title: "Example Press Office",
    link: "https://press.example/",
    description: "Press releases from Example",
    selfUrl: "https://press.example/feed.xml",
    language: "en",
    items: [item()],
    ...overrides,
  };
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
  it("writes an RSS 2.0 channel with content and atom namespaces and a self link", () => {
    const xml = buildRss(feed({ lastBuildDate: new Date("2026-03-04T10:15:30Z") }));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss')).toBe(true);
    const channel = parse(xml);
    expect(channel.root["@_version"]).toBe("2.0");
    expect(channel.root["@_xmlns:content"]).toBe("http://purl.org/rss/1.0/modules/content/");
    expect(channel.root["@_xmlns:atom"]).toBe("http://www.w3.org/2005/Atom");
    expect(channel.title).toBe("Example Press Office");
    expect(channel.link).toBe("https://press.example/");
    expect(channel.description).toBe("Press releases from Example");
    expect(channel.language).toBe("en");
    expect(channel.lastBuildDate).toBe("Wed, 04 Mar 2026 10:15:30 GMT");
    expect(channel["atom:link"]).toEqual({
      "@_href": "https://press.example/feed.xml",
      "@_rel": "self",
      "@_type": "application/rss+xml",
    });
  });

  it("writes each item with permalink guid, RFC 822 date, summary, full content and categories", () => {
    const xml = buildRss(
      feed({
        items: [
          item({ categories: ["Health", "Budget"] }),
          item({ title: "Second", guid: "https://press.example/releases/second", link: "https://press.example/releases/second", categories: [] }),
        ],
      }),
    );
    const channel = parse(xml);
    const [first, second] = channel.item ?? [];
    expect(channel.item).toHaveLength(2);
    expect(first).toMatchObject({
      title: "Ministry announces plan",
      link: "https://press.example/releases/ministry-announces-plan",
      guid: { "#text": "https://press.example/releases/ministry-announces-plan", "@_isPermaLink": "true" },
      pubDate: "Tue, 03 Mar 2026 09:00:00 GMT",
      description: "A short summary.",
      "content:encoded": "<p>Full text.</p>",
      category: ["Health", "Budget"],
    });
    expect(second?.title).toBe("Second");
    expect(second?.category).toBeUndefined();
    expect(xml).toContain("<content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded>");
  });

  it("defaults lastBuildDate to the newest item and leaves it out of an empty feed", () => {
    const newest = new Date("2026-05-01T12:00:00Z");
    const channel = parse(buildRss(feed({ items: [item(), item({ pubDate: newest }), item({ pubDate: new Date("2026-01-01T00:00:00Z") })] })));
    expect(channel.lastBuildDate).toBe("Fri, 01 May 2026 12:00:00 GMT");
    const empty = parse(buildRss(feed({ items: [] })));
    expect(empty.lastBuildDate).toBeUndefined();
    expect(empty.item).toBeUndefined();
  });

  it("survives hostile content and reads back what a person meant", () => {
    const hostile = "Fish & Chips <script>alert(1)</script> \"quoted\" 'single' ]]> end";
    const controls = "ctrl\u0001one\u000btwo";
    const lone = "lone\ud800surrogate";
    const rtl = "invoice\u202efdp.exe";
    const emoji = "Launch 🎉 👩🏽‍💻 ✓ café 中文";
    const html = `<p>${emoji}</p><p>A &amp; B &lt; C</p><script>x = a]]>b && c < d</script><p>${controls} ${lone} ${rtl}</p>]]>`;

    const xml = buildRss(
      feed({
        title: `${hostile} ${emoji}`,
        description: `${controls} ${rtl}`,
        link: "https://press.example/?a=1&b=2",
        selfUrl: 'https://press.example/feed.xml?x="1"&y=<2>',
        items: [
          item({
            title: `${hostile} ${controls} ${lone} ${rtl} ${emoji}`,
            link: "https://press.example/releases/x?utm=a&b=c",
            guid: "https://press.example/releases/x?utm=a&b=c",
            summary: `${hostile}\n${emoji}`,
            contentHtml: html,
            categories: ["R&D", "<Health>", `${rtl}`, emoji, lone],
          }),
        ],
      }),
    );

    const channel = parse(xml);
    const [only] = channel.item ?? [];
    expect(channel.title).toBe(`${hostile} ${emoji}`);
    expect(channel.description).toBe("ctrlonetwo invoicefdp.exe");
    expect(channel.link).toBe("https://press.example/?a=1&b=2");
    expect(channel["atom:link"]["@_href"]).toBe('https://press.example/feed.xml?x="1"&y=<2>');
    expect(only?.title).toBe(`${hostile} ctrlonetwo lonesurrogate invoicefdp.exe ${emoji}`);
    expect(only?.link).toBe("https://press.example/releases/x?utm=a&b=c");
    expect(only?.guid["#text"]).toBe("https://press.example/releases/x?utm=a&b=c");
    expect(only?.description).toBe(`${hostile}\n${emoji}`);
    expect(only?.category).toEqual(["R&D", "<Health>", "invoicefdp.exe", emoji, "lonesurrogate"]);
    expect(only?.["content:encoded"]).toBe(
      `<p>${emoji}</p><p>A &amp; B &lt; C</p><script>x = a]]>b && c < d</script><p>ctrlonetwo lonesurrogate invoicefdp.exe</p>]]>`,
    );
    // The raw document carries the emoji as characters, not mangled.
    expect(xml).toContain("👩🏽‍💻");
    expect(xml).not.toMatch(/[\uD800-\uDFFF]/u);
    // No stray CDATA terminator survives unsplit.
    expect(xml).not.toMatch(/a\]\]>b/);
  });

  it("is deterministic", () => {
    expect(buildRss(feed())).toBe(buildRss(feed()));
  });

  it("refuses an item with an invalid date rather than writing a broken feed", () => {
    expect(() => buildRss(feed({ items: [item({ pubDate: new Date(Number.NaN) })] }))).toThrow(RangeError);
  });
});
