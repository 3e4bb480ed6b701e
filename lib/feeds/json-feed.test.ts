import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildJsonFeed } from "./json-feed";
import { ALL_CLEANED, CLEANED, CLEANED_HTML, document, entry, FORBIDDEN, hostileDocument } from "./test-fixtures";

/** The parts of JSON Feed 1.1 we write, strictly: an unexpected or misspelled key fails the test. */
const item = z.strictObject({
  id: z.string().min(1),
  url: z.url(),
  title: z.string(),
  summary: z.string().optional(),
  content_html: z.string(),
  image: z.url().optional(),
  date_published: z.iso.datetime(),
  date_modified: z.iso.datetime(),
  tags: z.array(z.string()).optional(),
  language: z.string(),
  attachments: z.array(z.strictObject({ url: z.url(), mime_type: z.string(), size_in_bytes: z.number().int() })).optional(),
});
const jsonFeed = z.strictObject({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string(),
  home_page_url: z.url(),
  feed_url: z.url(),
  description: z.string(),
  language: z.string(),
  authors: z.array(z.strictObject({ name: z.string() })).min(1),
  hubs: z.array(z.strictObject({ type: z.string(), url: z.url() })).optional(),
  items: z.array(item),
});

function parse(text: string) {
  expect(text).not.toMatch(FORBIDDEN);
  return jsonFeed.parse(JSON.parse(text));
}

describe("buildJsonFeed", () => {
  it("writes a JSON Feed 1.1 document", () => {
    const feed = parse(buildJsonFeed(document()));
    expect(feed).toMatchObject({
      title: "Example Press Office: press releases",
      home_page_url: "https://press.example/",
      feed_url: "https://press.example/feed.xml",
      language: "en",
      authors: [{ name: "Example Press Office" }],
    });
    expect(feed.hubs).toBeUndefined();
    expect(feed.items).toEqual([
      {
        id: "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
        url: "https://press.example/releases/ministry-announces-plan",
        title: "Ministry announces plan",
        summary: "A short summary.",
        content_html: "<p>Full text.</p>",
        date_published: "2026-03-03T09:00:00.000Z",
        date_modified: "2026-03-04T10:15:30.000Z",
        tags: ["Health"],
        language: "en",
      },
    ]);
  });

  it("names the WebSub hub and the lead image as image and attachment", () => {
    const feed = parse(
      buildJsonFeed(
        document({
          hubUrl: "https://hub.example/",
          entries: [entry({ image: { url: "https://press.example/media/abc123.jpg", type: "image/jpeg", length: 4096 }, categories: [] })],
        }),
      ),
    );
    expect(feed.hubs).toEqual([{ type: "WebSub", url: "https://hub.example/" }]);
    expect(feed.items[0]?.image).toBe("https://press.example/media/abc123.jpg");
    expect(feed.items[0]?.attachments).toEqual([{ url: "https://press.example/media/abc123.jpg", mime_type: "image/jpeg", size_in_bytes: 4096 }]);
    expect(feed.items[0]?.tags).toBeUndefined();
  });

  it("survives hostile content: valid JSON, well-formed Unicode, no bidi overrides", () => {
    const text = buildJsonFeed(hostileDocument('https://press.example/feed.json?x="1"&y=<2>'));
    // Neither a raw lone surrogate nor JSON.stringify's escape of one (it writes valid pairs raw).
    expect(text).not.toMatch(/\\ud[89a-f]/i);
    expect(text).not.toMatch(/[\uD800-\uDFFF]/u);
    const feed = parse(text);
    expect(feed.title).toBe(ALL_CLEANED);
    expect(feed.feed_url).toBe('https://press.example/feed.json?x="1"&y=<2>');
    const [first] = feed.items;
    expect(first?.title).toBe(ALL_CLEANED);
    expect(first?.content_html).toBe(CLEANED_HTML);
    expect(first?.tags).toEqual(["R&D", "<Health>", CLEANED.rtl, CLEANED.lone]);
    expect(feed.items[1]?.summary).toBeUndefined();
  });
});
