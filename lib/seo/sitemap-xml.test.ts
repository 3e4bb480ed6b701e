import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildNewsSitemap, buildSitemap, NEWS_SITEMAP_MAX_URLS, NEWS_WINDOW_MS, withinNewsWindow } from "./sitemap-xml";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" });
const HOSTILE = 'Fish & chips <b>"quoted"</b> \u0001\uFFFE ]]> end';

describe("buildSitemap", () => {
  it("lists each address with its last change, as valid sitemaps.org XML", () => {
    const xml = buildSitemap([
      { url: "https://news.example.org/", lastModified: "2026-03-04T10:00:00.000Z" },
      { url: "https://news.example.org/releases/a?x=1&y=2" },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml);
    expect(parsed.urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(parsed.urlset.url).toEqual([
      { loc: "https://news.example.org/", lastmod: "2026-03-04T10:00:00.000Z" },
      { loc: "https://news.example.org/releases/a?x=1&y=2" },
    ]);
  });

  it("is valid with nothing in it", () => {
    const xml = buildSitemap([]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<urlset");
  });
});

describe("buildNewsSitemap", () => {
  it("carries publication name and language, date and title, escaping hostile text", () => {
    const xml = buildNewsSitemap(`Office <of> "Tests" & Co`, [
      { url: "https://news.example.org/releases/x", title: HOSTILE, language: "zh-TW", publishedAt: "2026-03-04T10:00:00.000Z" },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml);
    expect(parsed.urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    const [url] = parsed.urlset.url;
    expect(url.loc).toBe("https://news.example.org/releases/x");
    expect(url["news:news"]["news:publication"]).toEqual({ "news:name": 'Office <of> "Tests" & Co', "news:language": "zh-tw" });
    expect(url["news:news"]["news:publication_date"]).toBe("2026-03-04T10:00:00.000Z");
    expect(url["news:news"]["news:title"]).toBe('Fish & chips <b>"quoted"</b>  ]]> end');
  });

  it("lists at most the 1,000 entries Google reads", () => {
    const entries = Array.from({ length: NEWS_SITEMAP_MAX_URLS + 5 }, (_, n) => ({
      url: `https://news.example.org/releases/${n}`,
      title: `Release ${n}`,
      language: "en",
      publishedAt: "2026-03-04T10:00:00.000Z",
    }));
    expect(parser.parse(buildNewsSitemap("Office", entries)).urlset.url).toHaveLength(NEWS_SITEMAP_MAX_URLS);
  });
});

describe("withinNewsWindow", () => {
  it("keeps what was published in the last 48 hours", () => {
    const now = new Date("2026-03-05T12:00:00.000Z");
    const at = (ms: number) => ({ publishedAt: new Date(now.getTime() - ms).toISOString() });
    const fresh = at(NEWS_WINDOW_MS - 1000);
    const edge = at(NEWS_WINDOW_MS);
    const old = at(NEWS_WINDOW_MS + 1000);
    const justNow = at(0);
    expect(withinNewsWindow([justNow, fresh, edge, old], now)).toEqual([justNow, fresh]);
  });
});
