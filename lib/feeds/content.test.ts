import { describe, expect, it } from "vitest";
import { absoluteUrls, entryContentHtml } from "./content";
import type { FeedSourceItem } from "./model";

const siteUrl = "https://press.example";

function item(overrides: Partial<FeedSourceItem> = {}): FeedSourceItem {
  return {
    releaseId: "6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
    slug: "plan",
    headline: "Plan",
    summary: "Summary.",
    html: '<p>Text with <a href="https://example.org/x" rel="noopener noreferrer">a link</a>.</p><figure><img src="/media/0123456789ab.png" alt="Chart" loading="lazy"><figcaption>Q1</figcaption></figure>',
    language: "en",
    topics: [],
    relatedDocuments: [],
    corrections: [],
    publishedAt: "2026-03-03T09:00:00.000Z",
    updatedAt: "2026-03-03T09:00:00.000Z",
    leadImage: null,
    ...overrides,
  };
}

describe("absoluteUrls", () => {
  it("makes our site-relative src and href absolute and leaves everything else alone", () => {
    expect(absoluteUrls('<img src="/media/a.png"><a href="/media/b.pdf">b</a>', siteUrl)).toBe(
      '<img src="https://press.example/media/a.png"><a href="https://press.example/media/b.pdf">b</a>',
    );
    const untouched = '<a href="https://example.org/">x</a><a href="//evil.example/">y</a><p>src="/media/in-text"</p><p>a src=&quot;/x&quot;</p>';
    expect(absoluteUrls(untouched, siteUrl)).toBe(untouched.replace(' src="/media/in-text"', ' src="https://press.example/media/in-text"'));
  });
});

describe("entryContentHtml", () => {
  it("is the body with absolute media addresses when there is nothing else", () => {
    expect(entryContentHtml(item(), { siteUrl, timeZone: "UTC" })).toBe(absoluteUrls(item().html, siteUrl));
    expect(entryContentHtml(item(), { siteUrl, timeZone: "UTC" })).toContain('src="https://press.example/media/0123456789ab.png"');
  });

  it("puts correction and update notes first, dated in the organisation's time zone, escaped", () => {
    const html = entryContentHtml(
      item({
        corrections: [
          { kind: "correction", text: "The figure was 5 <not 50> & rising.", at: "2026-03-04T23:30:00.000Z" },
          { kind: "update", text: "Added a chart.", at: "2026-03-06T08:00:00.000Z" },
        ],
      }),
      { siteUrl, timeZone: "Europe/Zurich" },
    );
    expect(html.startsWith("<p><strong>Corrected on 5 March 2026:</strong> The figure was 5 &lt;not 50&gt; &amp; rising.</p><p><strong>Updated on 6 March 2026:</strong> Added a chart.</p><p>Text")).toBe(true);
  });

  it("ends with the related documents as links with their notes", () => {
    const html = entryContentHtml(
      item({
        relatedDocuments: [
          { title: "Programme (PDF)", url: null, mediaKey: "programme-2026.pdf", note: "12 pages" },
          { title: 'Speech "full" <text>', url: "https://example.org/speech?a=1&b=2", mediaKey: null, note: null },
          { title: "Nothing to link", url: null, mediaKey: null, note: "dropped" },
        ],
      }),
      { siteUrl, timeZone: "UTC" },
    );
    expect(html.endsWith(
      '<h2>Related documents</h2><ul><li><a href="https://press.example/media/programme-2026.pdf">Programme (PDF)</a> — 12 pages</li>' +
        '<li><a href="https://example.org/speech?a=1&amp;b=2">Speech &quot;full&quot; &lt;text&gt;</a></li></ul>',
    )).toBe(true);
    expect(html).not.toContain("Nothing to link");
  });
});
