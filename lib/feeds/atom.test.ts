import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildAtom, rfc3339 } from "./atom";
import { ALL_CLEANED, CLEANED, CLEANED_HTML, document, entry, FORBIDDEN, hostileDocument } from "./test-fixtures";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === "entry" || name === "category" || name === "link",
});

type Link = { "@_rel": string; "@_href": string; "@_type"?: string; "@_length"?: string };
type Text = { "#text"?: string; "@_type": string };
type Entry = {
  "@_xml:lang"?: string;
  id: string;
  title: Text;
  link: Link[];
  published: string;
  updated: string;
  summary?: Text;
  content: Text;
  category?: { "@_term": string; "@_label": string }[];
};
type Parsed = {
  feed: {
    "@_xmlns": string;
    "@_xml:lang": string;
    id: string;
    title: Text;
    subtitle: Text;
    updated: string;
    link: Link[];
    author: { name: string };
    entry?: Entry[];
  };
};

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  return (parser.parse(xml) as Parsed).feed;
}

describe("buildAtom", () => {
  it("writes an Atom 1.0 feed with id, title, updated, self and alternate links and an author", () => {
    const feed = parse(buildAtom(document()));
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@_xml:lang"]).toBe("en");
    expect(feed.id).toBe("https://press.example/feed.xml");
    expect(feed.title).toEqual({ "#text": "Example Press Office: press releases", "@_type": "text" });
    expect(feed.subtitle["#text"]).toBe("Press releases from Example");
    expect(feed.updated).toBe("2026-03-05T08:00:00.000Z");
    expect(feed.link).toEqual([
      { "@_rel": "self", "@_type": "application/atom+xml", "@_href": "https://press.example/feed.xml" },
      { "@_rel": "alternate", "@_type": "text/html", "@_href": "https://press.example/" },
    ]);
    expect(feed.author.name).toBe("Example Press Office");
  });

  it("adds the WebSub hub link when there is one", () => {
    const feed = parse(buildAtom(document({ hubUrl: "https://hub.example/" })));
    expect(feed.link.map((link) => [link["@_rel"], link["@_href"]])).toEqual([
      ["self", "https://press.example/feed.xml"],
      ["alternate", "https://press.example/"],
      ["hub", "https://hub.example/"],
    ]);
  });

  it("writes entries whose <updated> is the last change (a correction) and <published> the first publication", () => {
    const feed = parse(
      buildAtom(
        document({
          entries: [
            entry({ image: { url: "https://press.example/media/abc123.png", type: "image/png", length: 99 } }),
            entry({ id: "urn:uuid:fr", language: "fr", summary: "", categories: [] }),
          ],
        }),
      ),
    );
    const [first, second] = feed.entry ?? [];
    expect(first).toMatchObject({
      id: "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
      title: { "#text": "Ministry announces plan", "@_type": "text" },
      published: "2026-03-03T09:00:00.000Z",
      updated: "2026-03-04T10:15:30.000Z",
      summary: { "#text": "A short summary.", "@_type": "text" },
      content: { "#text": "<p>Full text.</p>", "@_type": "html" },
      category: [{ "@_term": "health", "@_label": "Health" }],
    });
    expect(first?.["@_xml:lang"]).toBeUndefined();
    expect(first?.link).toEqual([
      { "@_rel": "alternate", "@_type": "text/html", "@_href": "https://press.example/releases/ministry-announces-plan" },
      { "@_rel": "enclosure", "@_type": "image/png", "@_length": "99", "@_href": "https://press.example/media/abc123.png" },
    ]);
    // An entry in another language says so; an empty summary is left out rather than written empty.
    expect(second?.["@_xml:lang"]).toBe("fr");
    expect(second?.summary).toBeUndefined();
    expect(second?.category).toBeUndefined();
  });

  it("survives hostile content and reads back what a person meant (fast-xml-parser)", () => {
    const xml = buildAtom(hostileDocument('https://press.example/atom.xml?x="1"&y=<2>'));
    const feed = parse(xml);
    expect(feed.title["#text"]).toBe(ALL_CLEANED);
    expect(feed.author.name).toBe(ALL_CLEANED);
    expect(feed.id).toBe('https://press.example/atom.xml?x="1"&y=<2>');
    const [first] = feed.entry ?? [];
    expect(first?.title["#text"]).toBe(ALL_CLEANED);
    expect(first?.summary?.["#text"]).toBe(`${ALL_CLEANED}\nsecond line`);
    expect(first?.content["#text"]).toBe(CLEANED_HTML);
    expect(first?.category?.map((category) => category["@_label"])).toEqual(["R&D", "<Health>", CLEANED.rtl, CLEANED.lone]);
    expect(first?.link[0]?.["@_href"]).toBe("https://press.example/releases/x?utm=a&b=c");
    expect(xml).not.toContain("]]>b");
    expect(xml).not.toContain("CDATA");
  });

  it("survives hostile content (@rowanmanning/feed-parser)", () => {
    const feed = parseFeed(buildAtom(hostileDocument("https://press.example/atom.xml")));
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe(ALL_CLEANED);
    expect(feed.self).toBe("https://press.example/atom.xml");
    expect(feed.url).toBe("https://press.example/?a=1&b=2");
    expect(feed.updated?.toISOString()).toBe("2026-03-05T08:00:00.000Z");
    expect(feed.items).toHaveLength(2);
    const [first] = feed.items;
    expect(first?.id).toBe("urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01");
    expect(first?.title).toBe(ALL_CLEANED);
    expect(first?.url).toBe("https://press.example/releases/x?utm=a&b=c");
    expect(first?.content).toContain("<script>x = a]]>b && c < d</script>");
    expect(first?.content).toContain(CLEANED.emoji);
    expect(first?.content).not.toMatch(FORBIDDEN);
    expect(first?.updated?.toISOString()).toBe("2026-03-04T10:15:30.000Z");
    expect(first?.published?.toISOString()).toBe("2026-03-03T09:00:00.000Z");
  });

  it("is deterministic and refuses invalid dates", () => {
    expect(buildAtom(hostileDocument("https://x.example/a"))).toBe(buildAtom(hostileDocument("https://x.example/a")));
    expect(() => rfc3339(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => buildAtom(document({ entries: [entry({ updated: new Date("nope") })] }))).toThrow(RangeError);
  });
});
