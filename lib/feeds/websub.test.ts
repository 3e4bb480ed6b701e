import { describe, expect, it } from "vitest";
import { feedScopesFor, feedUrlsOf, hubPublishBody } from "./websub";

const siteUrl = "https://press.example";

describe("feedScopesFor", () => {
  it("lists the site-wide feed, every topic, the type and the language", () => {
    expect(feedScopesFor({ topics: ["health", "trade"], typeSlug: "statement", language: "fr" })).toEqual([
      { kind: "all" },
      { kind: "topic", slug: "health" },
      { kind: "topic", slug: "trade" },
      { kind: "type", slug: "statement" },
      { kind: "language", code: "fr" },
    ]);
    expect(feedScopesFor({ topics: [], typeSlug: null, language: "en" })).toEqual([{ kind: "all" }, { kind: "language", code: "en" }]);
  });
});

describe("feedUrlsOf", () => {
  it("lists all three formats of every feed a publication is in, absolute", () => {
    expect(feedUrlsOf(siteUrl, [{ topics: ["health"], typeSlug: "statement", language: "en" }])).toEqual([
      "https://press.example/feed.xml",
      "https://press.example/atom.xml",
      "https://press.example/feed.json",
      "https://press.example/topics/health/feed.xml",
      "https://press.example/topics/health/atom.xml",
      "https://press.example/topics/health/feed.json",
      "https://press.example/types/statement/feed.xml",
      "https://press.example/types/statement/atom.xml",
      "https://press.example/types/statement/feed.json",
      "https://press.example/languages/en/feed.xml",
      "https://press.example/languages/en/atom.xml",
      "https://press.example/languages/en/feed.json",
    ]);
  });

  it("covers the feeds an update leaves as well as those it joins, once each", () => {
    const before = { topics: ["health"], typeSlug: null, language: "en" };
    const after = { topics: ["trade"], typeSlug: null, language: "en" };
    const urls = feedUrlsOf(siteUrl, [before, after]);
    expect(urls).toContain("https://press.example/topics/health/atom.xml");
    expect(urls).toContain("https://press.example/topics/trade/atom.xml");
    expect(urls.filter((url) => url === "https://press.example/feed.xml")).toHaveLength(1);
    expect(urls).toHaveLength(new Set(urls).size);
    expect(urls).toHaveLength(12);
  });
});

describe("hubPublishBody", () => {
  it("is the form a WebSub hub expects, with the URL encoded", () => {
    expect(hubPublishBody("https://press.example/topics/r-d/feed.xml?a=1&b=2").toString()).toBe(
      "hub.mode=publish&hub.url=https%3A%2F%2Fpress.example%2Ftopics%2Fr-d%2Ffeed.xml%3Fa%3D1%26b%3D2",
    );
  });
});
