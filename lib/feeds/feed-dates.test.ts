import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, it } from "vitest";
import { describeInProcessZones } from "@/tests/support/process-zone";
import type { FeedSource, FeedSourceItem } from "./model";
import { renderFeed } from "./response";
import { rfc822 } from "./rss";

const scope = { kind: "all" } as const;
const siteUrl = "https://press.example";

function item(overrides: Partial<FeedSourceItem>): FeedSourceItem {
  return {
    releaseId: "6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
    slug: "back-filled",
    headline: "Back-filled",
    summary: "From the 2019 archive.",
    html: "<p>Text.</p>",
    language: "en",
    topics: [],
    relatedDocuments: [],
    corrections: [],
    releaseDate: "2019-02-26",
    publishedAt: "2026-03-03T09:00:00.000Z",
    updatedAt: "2026-03-04T10:15:30.000Z",
    leadImage: null,
    ...overrides,
  };
}

function source(timeZone: string, items: FeedSourceItem[]): FeedSource {
  return { scopeName: null, organisationName: "Office", defaultLanguage: "en", timeZone, lastModified: "2026-03-05T08:00:00.000Z", items };
}

/** Each format's entry dates as written, and as a real parser reads them. */
function datesIn(timeZone: string, entry: Partial<FeedSourceItem>) {
  const feed = source(timeZone, [item(entry)]);
  const rss = renderFeed(scope, "rss", feed, { siteUrl });
  const atom = renderFeed(scope, "atom", feed, { siteUrl });
  const json = JSON.parse(renderFeed(scope, "json", feed, { siteUrl })) as { items: { date_published: string; date_modified: string }[] };
  return {
    pubDate: /<pubDate>([^<]+)<\/pubDate>/.exec(rss)?.[1],
    published: /<published>([^<]+)<\/published>/.exec(atom)?.[1],
    updated: /<entry>[\s\S]*<updated>([^<]+)<\/updated>/.exec(atom)?.[1],
    datePublished: json.items[0]?.date_published,
    dateModified: json.items[0]?.date_modified,
    parsed: [rss, atom].map((body) => parseFeed(body).items[0]?.published?.toISOString()),
  };
}

describeInProcessZones("feed entry dates", () => {
  it("a back-filled release is dated midnight of its own date in the organisation's zone, in every format", () => {
    expect(datesIn("America/New_York", {})).toEqual({
      pubDate: "Tue, 26 Feb 2019 00:00:00 -0500",
      published: "2019-02-26T00:00:00.000-05:00",
      updated: "2026-03-04T10:15:30.000Z",
      datePublished: "2019-02-26T00:00:00.000-05:00",
      dateModified: "2026-03-04T10:15:30.000Z",
      parsed: ["2019-02-26T05:00:00.000Z", "2019-02-26T05:00:00.000Z"],
    });
    expect(datesIn("Pacific/Kiritimati", {})).toMatchObject({
      pubDate: "Tue, 26 Feb 2019 00:00:00 +1400",
      published: "2019-02-26T00:00:00.000+14:00",
      datePublished: "2019-02-26T00:00:00.000+14:00",
      parsed: ["2019-02-25T10:00:00.000Z", "2019-02-25T10:00:00.000Z"],
    });
  });

  it("a release published on its date keeps its publication instant, written in the zone's offset", () => {
    expect(datesIn("Asia/Tokyo", { publishedAt: "2019-02-26T03:30:00.000Z" })).toMatchObject({
      pubDate: "Tue, 26 Feb 2019 12:30:00 +0900",
      published: "2019-02-26T12:30:00.000+09:00",
      datePublished: "2019-02-26T12:30:00.000+09:00",
      parsed: ["2019-02-26T03:30:00.000Z", "2019-02-26T03:30:00.000Z"],
    });
    expect(datesIn("Europe/Zurich", { releaseDate: null, publishedAt: "2019-07-01T22:30:00.000Z" })).toMatchObject({
      pubDate: "Tue, 02 Jul 2019 00:30:00 +0200",
      published: "2019-07-02T00:30:00.000+02:00",
    });
  });

  it("RSS dates in UTC stay GMT", () => {
    expect(rfc822(new Date("2026-03-03T09:00:00Z"))).toBe("Tue, 03 Mar 2026 09:00:00 GMT");
    expect(rfc822(new Date("2026-03-03T09:00:00Z"), -330)).toBe("Tue, 03 Mar 2026 03:30:00 -0530");
    expect(datesIn("UTC", {}).pubDate).toBe("Tue, 26 Feb 2019 00:00:00 GMT");
  });
});
