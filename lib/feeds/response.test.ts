import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { strongEtag } from "./conditional";
import { FEED_FILES, type FeedFormat, type FeedScope } from "./discovery";
import { languageName } from "@/lib/i18n/languages";
import { feedDocument, scopePagePath } from "./document";
import type { FeedSource, FeedSourceItem } from "./model";
import { feedResponse, renderFeed } from "./response";
import { ALL_CLEANED, ALL_HOSTILE, FORBIDDEN, HOSTILE_HTML } from "./test-fixtures";
import { hasXmllint, pythonWithFeedparser } from "@/tests/support/feed-validators";

const siteUrl = "https://press.example";
const options = { siteUrl, hubUrl: "https://hub.example/publish" };
const FORMATS = Object.keys(FEED_FILES) as FeedFormat[];
const SCOPES: FeedScope[] = [
  { kind: "all" },
  { kind: "topic", slug: "health" },
  { kind: "type", slug: "statement" },
  { kind: "language", code: "fr" },
];

function item(overrides: Partial<FeedSourceItem> = {}): FeedSourceItem {
  return {
    releaseId: "6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
    slug: "hostile-release",
    headline: ALL_HOSTILE,
    summary: ALL_HOSTILE,
    html: `${HOSTILE_HTML}<figure><img src="/media/0123456789ab.png" alt="A chart"></figure>`,
    language: "fr",
    topics: [{ slug: "health", name: `Health ${ALL_HOSTILE}` }],
    relatedDocuments: [{ title: ALL_HOSTILE, url: null, mediaKey: "programme-2026.pdf", note: ALL_HOSTILE }],
    corrections: [{ kind: "correction", text: ALL_HOSTILE, at: "2026-03-04T10:00:00.000Z" }],
    publishedAt: "2026-03-03T09:00:00.000Z",
    updatedAt: "2026-03-04T10:00:00.000Z",
    leadImage: { key: "0123456789ab.png", mimeType: "image/png", bytes: 31337 },
    ...overrides,
  };
}

const source: FeedSource = {
  scopeName: `Name ${ALL_HOSTILE}`,
  organisationName: `Office ${ALL_HOSTILE}`,
  defaultLanguage: "en",
  timeZone: "Europe/Zurich",
  lastModified: "2026-03-05T08:00:00.000Z",
  items: [item(), item({ releaseId: "6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a02", slug: "plain", headline: "Plain", summary: "", leadImage: null, corrections: [], relatedDocuments: [], topics: [] })],
};

describe("feedDocument", () => {
  it("addresses each scope's feed and page, and names entries by release id", () => {
    expect(SCOPES.map(scopePagePath)).toEqual(["/", "/topics/health", "/types/statement", "/languages/fr"]);
    const document = feedDocument({ kind: "topic", slug: "health" }, "atom", { ...source, scopeName: "Health", organisationName: "Office" }, options);
    expect(document.title).toBe("Office: Health");
    expect(document.selfUrl).toBe("https://press.example/topics/health/atom.xml");
    expect(document.homeUrl).toBe("https://press.example/topics/health");
    expect(document.hubUrl).toBe("https://hub.example/publish");
    expect(document.language).toBe("en");
    expect(document.updated.toISOString()).toBe("2026-03-05T08:00:00.000Z");
    expect(document.entries[0]).toMatchObject({
      id: "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
      url: "https://press.example/releases/hostile-release",
      image: { url: "https://press.example/media/0123456789ab.png", type: "image/png", length: 31337 },
    });
    expect(document.entries[1]?.image).toBeUndefined();
    expect(feedDocument({ kind: "language", code: "fr" }, "rss", { ...source, scopeName: languageName("fr"), organisationName: "Office" }, options)).toMatchObject({
      title: "Office: releases in French",
      language: "fr",
    });
    expect(feedDocument({ kind: "all" }, "json", source, { siteUrl }).hubUrl).toBeUndefined();
  });
});

describe("feedResponse", () => {
  it("answers 404 for a scope that does not exist", async () => {
    const response = feedResponse(new Request("https://press.example/topics/nope/feed.xml"), { kind: "topic", slug: "nope" }, "rss", null, options);
    expect(response.status).toBe(404);
    expect(response.headers.get("ETag")).toBeNull();
    expect(await response.text()).toBe("No such feed.\n");
  });

  for (const scope of SCOPES) {
    for (const format of FORMATS) {
      it(`serves the ${scope.kind} ${format} feed with hostile content intact, then 304 for its ETag`, async () => {
        const url = `${siteUrl}${scope.kind === "all" ? "" : scopePagePath(scope)}/${FEED_FILES[format].file}`;
        const response = feedResponse(new Request(url), scope, format, source, options);
        expect(response.status).toBe(200);
        expect(response.headers.get("Content-Type")).toBe(`${FEED_FILES[format].mediaType}; charset=utf-8`);
        expect(response.headers.get("Last-Modified")).toBe("Thu, 05 Mar 2026 08:00:00 GMT");
        const body = await response.text();
        expect(response.headers.get("ETag")).toBe(strongEtag(body));
        expect(body).not.toMatch(FORBIDDEN);

        if (format === "json") {
          const feed = JSON.parse(body) as { feed_url: string; hubs: { url: string }[]; items: { title: string; content_html: string; date_modified: string }[] };
          expect(feed.feed_url).toBe(url);
          expect(feed.hubs[0]?.url).toBe(options.hubUrl);
          expect(feed.items.map((entry) => entry.title)).toEqual([ALL_CLEANED, "Plain"]);
          expect(feed.items[0]?.content_html).toContain("Corrected on 4 March 2026:");
          expect(feed.items[0]?.date_modified).toBe("2026-03-04T10:00:00.000Z");
        } else {
          expect(XMLValidator.validate(body)).toBe(true);
          const feed = parseFeed(body);
          expect(feed.meta.type).toBe(format);
          expect(feed.self).toBe(url);
          expect(feed.items.map((entry) => entry.title)).toEqual([ALL_CLEANED, "Plain"]);
          expect(feed.items[0]?.id).toBe("urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01");
          expect(feed.items[0]?.content).toContain('src="https://press.example/media/0123456789ab.png"');
          expect(feed.items[0]?.content).toContain("https://press.example/media/programme-2026.pdf");
          expect(body).toContain('rel="hub"');
        }

        const again = feedResponse(new Request(url, { headers: { "If-None-Match": response.headers.get("ETag")! } }), scope, format, source, options);
        expect(again.status).toBe(304);
        expect(again.headers.get("ETag")).toBe(response.headers.get("ETag"));
        expect(await again.text()).toBe("");
      });
    }
  }

  it("gives each format and scope its own ETag, and a new one when an entry is corrected", () => {
    const etags = SCOPES.flatMap((scope) => FORMATS.map((format) => strongEtag(renderFeed(scope, format, source, options))));
    expect(new Set(etags).size).toBe(etags.length);
    const corrected: FeedSource = { ...source, items: [item({ updatedAt: "2026-03-06T10:00:00.000Z" }), ...source.items.slice(1)] };
    expect(strongEtag(renderFeed({ kind: "all" }, "atom", corrected, options))).not.toBe(strongEtag(renderFeed({ kind: "all" }, "atom", source, options)));
  });
});

const python = pythonWithFeedparser();
const xmllint = hasXmllint();
const folder = mkdtempSync(path.join(tmpdir(), "pressroom-feeds-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const strictTools = python && xmllint ? it : it.skip;
strictTools(
  `xmllint --noout and Python feedparser (bozo 0) accept every XML feed${python && xmllint ? "" : " (skipped: needs xmllint and python3 with feedparser)"}`,
  () => {
    for (const scope of SCOPES) {
      for (const format of ["rss", "atom"] as const) {
        const file = path.join(folder, `${scope.kind}-${FEED_FILES[format].file}`);
        writeFileSync(file, renderFeed(scope, format, source, options));
        expect(spawnSync("xmllint", ["--noout", file], { encoding: "utf8" }).stderr).toBe("");
        const report = execFileSync(
          python!,
          ["-c", "import feedparser, html, json, sys; d = feedparser.parse(sys.argv[1]); t = d.entries[0].title_detail; print(json.dumps([int(d.bozo), str(d.get('bozo_exception', '')), d.version, len(d.entries), html.unescape(t.value) if t.type == 'text/html' else t.value]))", file],
          { encoding: "utf8" },
        );
        const [bozo, problem, version, count, title] = JSON.parse(report) as [number, string, string, number, string];
        expect({ bozo, problem, file }).toEqual({ bozo: 0, problem: "", file });
        expect(version).toBe(format === "rss" ? "rss20" : "atom10");
        expect(count).toBe(2);
        expect(title).toBe(ALL_CLEANED);
      }
    }
  },
);
