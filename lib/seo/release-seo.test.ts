import { describe, expect, it } from "vitest";
import { releaseJsonLd, releaseMetadata, retractedMetadata, type ReleaseSeoInput } from "./release-seo";
import { generatedShareImage } from "./share-image";

const SITE = "https://news.example.org";

function input(overrides: Partial<ReleaseSeoInput> = {}): ReleaseSeoInput {
  return {
    siteUrl: SITE,
    organisationName: "Office of Tests",
    timeZone: "UTC",
    release: {
      slug: "new-plant",
      headline: "Acme opens a new plant",
      summary: "Acme opened a plant in Geneva today. It employs 200 people.",
      subtitle: "Two hundred jobs",
      plainText: "Body text.",
      language: "en-GB",
      releaseDate: "2026-03-03",
      publishedAt: "2026-03-03T09:00:00.000Z",
      updatedAt: "2026-03-04T10:30:00.000Z",
      typeName: "Statement",
      topicNames: ["Industry"],
    },
    translations: [],
    image: generatedShareImage(SITE, "new-plant", "Acme opens a new plant", "abcdef0123456789"),
    ...overrides,
  };
}

describe("releaseMetadata", () => {
  it("gives title, description, absolute canonical, an OpenGraph article and a large Twitter card", () => {
    const metadata = releaseMetadata(input());
    expect(metadata.title).toBe("Acme opens a new plant");
    expect(metadata.description).toBe("Acme opened a plant in Geneva today. It employs 200 people.");
    expect(metadata.alternates).toEqual({ canonical: `${SITE}/releases/new-plant` });
    expect(metadata.openGraph).toEqual({
      type: "article",
      url: `${SITE}/releases/new-plant`,
      title: "Acme opens a new plant",
      description: "Acme opened a plant in Geneva today. It employs 200 people.",
      siteName: "Office of Tests",
      locale: "en_GB",
      publishedTime: "2026-03-03T09:00:00.000Z",
      modifiedTime: "2026-03-04T10:30:00.000Z",
      section: "Statement",
      tags: ["Industry"],
      images: [{ url: `${SITE}/releases/new-plant/share-image.png?v=abcdef012345`, width: 1200, height: 630, alt: "Acme opens a new plant", type: "image/png" }],
    });
    expect(metadata.twitter).toEqual({
      card: "summary_large_image",
      title: "Acme opens a new plant",
      description: "Acme opened a plant in Geneva today. It employs 200 people.",
      images: [{ url: `${SITE}/releases/new-plant/share-image.png?v=abcdef012345`, alt: "Acme opens a new plant" }],
    });
    expect(metadata.robots).toBeUndefined();
  });

  it("trims a long summary, and falls back to the subtitle, then the body", () => {
    const long = releaseMetadata(input({ release: { ...input().release, summary: "word ".repeat(100) } }));
    expect(Array.from(long.description!).length).toBeLessThanOrEqual(160);
    expect(long.description!.endsWith("word…")).toBe(true);
    expect(releaseMetadata(input({ release: { ...input().release, summary: "" } })).description).toBe("Two hundred jobs");
    expect(releaseMetadata(input({ release: { ...input().release, summary: "", subtitle: null } })).description).toBe("Body text.");
  });

  it("names every language version, this one included, for hreflang", () => {
    const metadata = releaseMetadata(input({ translations: [{ slug: "nouvelle-usine", language: "fr" }, { slug: "neues-werk", language: "de-CH" }] }));
    expect(metadata.alternates).toEqual({
      canonical: `${SITE}/releases/new-plant`,
      languages: { "en-GB": `${SITE}/releases/new-plant`, fr: `${SITE}/releases/nouvelle-usine`, "de-CH": `${SITE}/releases/neues-werk` },
    });
    expect(metadata.openGraph).toMatchObject({ alternateLocale: ["fr", "de_CH"] });
  });
});

describe("releaseJsonLd", () => {
  it("describes the same release as a NewsArticle published by the organisation", () => {
    expect(releaseJsonLd(input())).toMatchObject({
      "@type": "NewsArticle",
      headline: "Acme opens a new plant",
      description: "Acme opened a plant in Geneva today. It employs 200 people.",
      datePublished: "2026-03-03T09:00:00.000Z",
      dateModified: "2026-03-04T10:30:00.000Z",
      inLanguage: "en-GB",
      mainEntityOfPage: { "@id": `${SITE}/releases/new-plant` },
      image: [`${SITE}/releases/new-plant/share-image.png?v=abcdef012345`],
      publisher: { "@type": "Organization", name: "Office of Tests", url: SITE },
    });
  });
});

describe("the publication date search engines and social networks are given", () => {
  const backFilled = (timeZone: string) => input({ timeZone, release: { ...input().release, releaseDate: "2019-02-26" } });

  it("is the release's own date in the organisation's zone for a release back-filled years later", () => {
    expect(releaseJsonLd(backFilled("America/New_York"))).toMatchObject({
      datePublished: "2019-02-26T00:00:00.000-05:00",
      dateModified: "2026-03-04T10:30:00.000Z",
    });
    expect(releaseMetadata(backFilled("Pacific/Kiritimati")).openGraph).toMatchObject({
      publishedTime: "2019-02-26T00:00:00.000+14:00",
      modifiedTime: "2026-03-04T10:30:00.000Z",
    });
  });

  it("is the publication instant, in the zone's offset, when it falls on the release date there or there is none", () => {
    expect(releaseJsonLd(input({ timeZone: "Asia/Tokyo" })).datePublished).toBe("2026-03-03T18:00:00.000+09:00");
    expect(releaseJsonLd(input({ timeZone: "Europe/Zurich", release: { ...input().release, releaseDate: null } })).datePublished).toBe(
      "2026-03-03T10:00:00.000+01:00",
    );
  });
});

describe("retractedMetadata", () => {
  it("keeps the tombstone out of search results and says nothing of the retracted text", () => {
    const metadata = retractedMetadata("Acme opens a new plant");
    expect(metadata.robots).toEqual({ index: false, follow: false });
    expect(metadata.title).toBe("Retracted: Acme opens a new plant");
    expect(metadata.openGraph).toBeUndefined();
    expect(metadata.description).toBe("This release has been retracted.");
  });
});
