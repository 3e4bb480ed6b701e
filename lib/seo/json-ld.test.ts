import { describe, expect, it } from "vitest";
import { jsonLdScript, newsArticleJsonLd, type NewsArticleInput } from "./json-ld";

const input: NewsArticleInput = {
  url: "https://news.example.org/releases/new-plant",
  headline: "Acme opens a new plant",
  description: "Acme opened a plant in Geneva.",
  datePublished: "2026-03-03T09:00:00.000Z",
  dateModified: "2026-03-04T10:30:00.000Z",
  language: "en",
  image: "https://news.example.org/releases/new-plant/share-image.png?v=abc",
  section: "Press release",
  keywords: ["Industry", "Geneva"],
  publisher: { name: "Acme", url: "https://news.example.org" },
};

describe("newsArticleJsonLd", () => {
  it("describes a NewsArticle with dates, language, image and the organisation as publisher", () => {
    expect(newsArticleJsonLd(input)).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      mainEntityOfPage: { "@type": "WebPage", "@id": input.url },
      url: input.url,
      headline: "Acme opens a new plant",
      description: "Acme opened a plant in Geneva.",
      datePublished: "2026-03-03T09:00:00.000Z",
      dateModified: "2026-03-04T10:30:00.000Z",
      inLanguage: "en",
      image: [input.image],
      articleSection: "Press release",
      keywords: "Industry, Geneva",
      author: { "@type": "Organization", name: "Acme", url: "https://news.example.org" },
      publisher: { "@type": "Organization", name: "Acme", url: "https://news.example.org" },
    });
  });

  it("names the logo when there is one, and leaves out empty fields", () => {
    const data = newsArticleJsonLd({ ...input, description: "", image: null, section: null, keywords: [], publisher: { ...input.publisher, logo: "https://news.example.org/logo.png" } });
    expect(data.publisher).toEqual({ "@type": "Organization", name: "Acme", url: "https://news.example.org", logo: { "@type": "ImageObject", url: "https://news.example.org/logo.png" } });
    for (const key of ["description", "image", "articleSection", "keywords"]) expect(data).not.toHaveProperty(key);
  });
});

describe("jsonLdScript", () => {
  it("cannot end the script element early, and still parses to the same value", () => {
    const hostile = { headline: "</script><script>alert(1)</script><!-- & \u2028 \u2029 -->" };
    const text = jsonLdScript(hostile);
    expect(text).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(text.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
