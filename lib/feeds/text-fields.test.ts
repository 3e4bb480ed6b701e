import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterAll, describe, expect, it } from "vitest";
import { pythonWithFeedparser } from "@/tests/support/feed-validators";
import type { FeedFormat } from "./discovery";
import type { FeedSource, FeedSourceItem } from "./model";
import { renderFeed } from "./response";

/** Text a writer may type (or an attacker may try) in a headline or summary: it must stay text. */
const TEXTS = [
  `R&D <b>x</b> "q"`,
  "<a href=javascript:alert(1)>x</a>",
  `<a href="javascript&#58;alert(1)">y</a>`,
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "<svg onload=alert(1)><circle/></svg>",
  `<iframe src="data:text/html,<script>alert(1)</script>"></iframe>`,
  "&lt;b&gt; already escaped &amp;amp; &#60;i&#62;",
  "]]><script>alert(1)</script><![CDATA[",
  "<p style=\"x\">Tom & Jerry's 'quote'</p>",
];

function item(index: number, text: string): FeedSourceItem {
  return {
    releaseId: `6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a${String(index).padStart(2, "0")}`,
    slug: `release-${index}`,
    headline: text,
    summary: `${text} — summary`,
    html: "<p>Body.</p>",
    language: "en",
    topics: [],
    relatedDocuments: [],
    corrections: [],
    publishedAt: "2026-03-03T09:00:00.000Z",
    updatedAt: "2026-03-03T09:00:00.000Z",
    leadImage: null,
  };
}

const source: FeedSource = {
  scopeName: null,
  organisationName: `R&D <b>Office</b> "q"`,
  defaultLanguage: "en",
  timeZone: "UTC",
  lastModified: "2026-03-05T08:00:00.000Z",
  items: TEXTS.map((text, index) => item(index, text)),
};
const render = (format: FeedFormat) => renderFeed({ kind: "all" }, format, source, { siteUrl: "https://press.example" });

type Field = { type: string; value: string };
type PythonReport = { version: string; bozo: number; feedTitle: Field; entries: { title: Field; summary: Field; links: string[] }[] };

const python = pythonWithFeedparser();
const folder = mkdtempSync(path.join(tmpdir(), "pressroom-text-fields-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const READ_WITH_FEEDPARSER = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
f = lambda detail: {"type": detail.type, "value": detail.value}
print(json.dumps({
  "version": d.version, "bozo": int(d.bozo), "feedTitle": f(d.feed.title_detail),
  "entries": [{"title": f(e.title_detail), "summary": f(e.summary_detail),
               "links": [l.get("href", "") for l in e.get("links", [])]} for e in d.entries],
}))
`;

function decodeEntities(html: string): string {
  return html.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, name: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
}

/** What a reader shows for a feedparser field: HTML is read as a document, text as it stands. */
function asReaderSees(field: Field): string {
  if (field.type !== "text/html") return field.value;
  // No element may survive: an HTML value with text only has no "<" at all (it would be escaped).
  expect(field.value).not.toContain("<");
  return decodeEntities(field.value);
}

describe.each(["rss", "atom"] as const)("%s titles and summaries stay text", (format) => {
  (python ? it : it.skip)(`in Python feedparser${python ? "" : " (skipped: needs python3 with feedparser)"}`, () => {
    const file = path.join(folder, `feed.${format}`);
    writeFileSync(file, render(format));
    const report = JSON.parse(execFileSync(python!, ["-c", READ_WITH_FEEDPARSER, file], { encoding: "utf8" })) as PythonReport;
    expect(report.bozo).toBe(0);
    expect(report.entries).toHaveLength(TEXTS.length);
    expect(asReaderSees(report.feedTitle)).toBe(`R&D <b>Office</b> "q": press releases`);
    report.entries.forEach((entry, index) => {
      expect(asReaderSees(entry.title)).toBe(TEXTS[index]);
      expect(asReaderSees(entry.summary)).toBe(`${TEXTS[index]} — summary`);
      for (const href of entry.links) expect(href).toMatch(/^https:\/\/press\.example\//);
    });
  });

  it("in the npm feed parser", () => {
    const feed = parseFeed(render(format));
    // That parser decodes entities once more than Atom's type="text" allows, so text that itself spells
    // an entity ("&lt;") comes back decoded from Atom; everything else reads back as typed.
    const expected = (text: string) => (format === "atom" ? decodeEntities(text) : text);
    expect(feed.title).toBe(`R&D <b>Office</b> "q": press releases`);
    expect(feed.items.map((entry) => entry.title)).toEqual(TEXTS.map(expected));
    expect(feed.items.map((entry) => entry.description)).toEqual(TEXTS.map((text) => expected(`${text} — summary`)));
  });
});

it("JSON Feed titles and summaries are the plain strings", () => {
  const feed = JSON.parse(render("json")) as { title: string; items: { title: string; summary: string }[] };
  expect(feed.title).toBe(`R&D <b>Office</b> "q": press releases`);
  expect(feed.items.map((entry) => entry.title)).toEqual(TEXTS);
  expect(feed.items.map((entry) => entry.summary)).toEqual(TEXTS.map((text) => `${text} — summary`));
});
