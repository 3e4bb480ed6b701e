import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import type { PublicSettings } from "@/db/public/settings";
import { toReleaseView } from "@/lib/content/release-view";
import { describeInProcessZones } from "@/tests/support/process-zone";
import { ReleaseDocument } from "./release-document";

const ZONES = ["America/New_York", "Europe/Zurich", "Asia/Tokyo", "Pacific/Kiritimati"];

const settings = (timeZone: string): PublicSettings => ({
  organisationName: "Example Office",
  letterhead: { address: [], phones: [], fax: null, email: null, website: null },
  accentColor: "#1d3f6e",
  timeZone,
  defaultLanguage: "en",
  boilerplate: "",
  logoKey: null,
});

/** The public page, preview, share page and print all render this component from a ReleaseView. */
function dateLine(timeZone: string, releaseDate: string | null, fallbackInstant: string) {
  const view = toReleaseView({
    typeName: null,
    releaseDate,
    fallbackInstant,
    timeZone,
    reference: null,
    headline: "Headline",
    subtitle: null,
    dateline: null,
    html: "<p>Text.</p>",
    relatedDocuments: [],
    contacts: [],
    boilerplate: null,
    defaultBoilerplate: "",
    topics: [],
    topicNames: {},
    language: "en",
  });
  const html = renderToStaticMarkup(createElement(ReleaseDocument, { release: view, settings: settings(timeZone) }));
  return /<time dateTime="([^"]*)">([^<]*)<\/time>/.exec(html)?.slice(1, 3);
}

describeInProcessZones("the date on a release", () => {
  it("is the release date as written, in every organisation zone", () => {
    for (const zone of ZONES) {
      expect(dateLine(zone, "2019-02-26", "2026-03-03T09:00:00.000Z"), zone).toEqual(["2019-02-26", "26 February 2019"]);
    }
  });

  it("is the publication instant's day in the organisation's zone when the release has none", () => {
    // 03:30 UTC on 26 February is still the evening of the 25th in New York.
    expect(ZONES.map((zone) => dateLine(zone, null, "2019-02-26T03:30:00.000Z"))).toEqual([
      ["2019-02-25", "25 February 2019"],
      ["2019-02-26", "26 February 2019"],
      ["2019-02-26", "26 February 2019"],
      ["2019-02-26", "26 February 2019"],
    ]);
  });
});
