import { expect, it } from "vitest";
import { describeInProcessZones } from "@/tests/support/process-zone";
import { effectiveDate, isoWithOffset, publicationMoment } from "./release-date";

const ZONES = ["America/New_York", "Europe/Zurich", "Asia/Tokyo", "Pacific/Kiritimati"] as const;

const written = (release: { releaseDate: string | null; publishedAt: string }, zone: string) => {
  const moment = publicationMoment(release, zone);
  return isoWithOffset(moment.instant, moment.offsetMinutes);
};
const inEveryZone = (release: { releaseDate: string | null; publishedAt: string }) => ZONES.map((zone) => written(release, zone));

describeInProcessZones("a release's effective date", () => {
  it("is its own release date in every zone", () => {
    for (const zone of ZONES) {
      expect(effectiveDate({ releaseDate: "2019-02-26", publishedAt: "2026-03-03T09:00:00Z" }, zone)).toBe("2019-02-26");
      expect(effectiveDate({ releaseDate: "2019-02-26", publishedAt: "2019-02-26T03:30:00Z" }, zone)).toBe("2019-02-26");
    }
  });

  it("is the publication instant's day in the organisation's zone when the release has no date", () => {
    const undated = { releaseDate: null, publishedAt: "2019-02-26T03:30:00Z" };
    expect(ZONES.map((zone) => effectiveDate(undated, zone))).toEqual(["2019-02-25", "2019-02-26", "2019-02-26", "2019-02-26"]);
    expect(ZONES.map((zone) => effectiveDate({ releaseDate: null, publishedAt: "2019-02-26T11:30:00Z" }, zone))).toEqual([
      "2019-02-26",
      "2019-02-26",
      "2019-02-26",
      "2019-02-27",
    ]);
  });
});

describeInProcessZones("a feed item's date", () => {
  it("is midnight of the release date in the organisation's zone, with its offset, for a back-filled release", () => {
    expect(inEveryZone({ releaseDate: "2019-02-26", publishedAt: "2026-03-03T09:00:00Z" })).toEqual([
      "2019-02-26T00:00:00.000-05:00",
      "2019-02-26T00:00:00.000+01:00",
      "2019-02-26T00:00:00.000+09:00",
      "2019-02-26T00:00:00.000+14:00",
    ]);
  });

  it("is the publication instant when that falls on the release date in the zone, and midnight where it does not", () => {
    // 03:30 UTC on the 26th is the evening of the 25th in New York only.
    expect(inEveryZone({ releaseDate: "2019-02-26", publishedAt: "2019-02-26T03:30:00Z" })).toEqual([
      "2019-02-26T00:00:00.000-05:00",
      "2019-02-26T04:30:00.000+01:00",
      "2019-02-26T12:30:00.000+09:00",
      "2019-02-26T17:30:00.000+14:00",
    ]);
    // 11:30 UTC on the 26th is already the 27th in Kiritimati.
    expect(inEveryZone({ releaseDate: "2019-02-26", publishedAt: "2019-02-26T11:30:00Z" })).toEqual([
      "2019-02-26T06:30:00.000-05:00",
      "2019-02-26T12:30:00.000+01:00",
      "2019-02-26T20:30:00.000+09:00",
      "2019-02-26T00:00:00.000+14:00",
    ]);
    // Published the day before its date (an embargo lifted early in the zone's evening).
    expect(written({ releaseDate: "2019-02-26", publishedAt: "2019-02-25T20:00:00Z" }, "Europe/Zurich")).toBe("2019-02-26T00:00:00.000+01:00");
  });

  it("is the publication instant, in the zone's offset, for a release without a date", () => {
    expect(inEveryZone({ releaseDate: null, publishedAt: "2019-02-26T03:30:00Z" })).toEqual([
      "2019-02-25T22:30:00.000-05:00",
      "2019-02-26T04:30:00.000+01:00",
      "2019-02-26T12:30:00.000+09:00",
      "2019-02-26T17:30:00.000+14:00",
    ]);
  });

  it("takes the offset of the release date itself across daylight saving time", () => {
    const later = "2026-03-03T09:00:00Z";
    expect(written({ releaseDate: "2019-03-10", publishedAt: later }, "America/New_York")).toBe("2019-03-10T00:00:00.000-05:00");
    expect(written({ releaseDate: "2019-03-11", publishedAt: later }, "America/New_York")).toBe("2019-03-11T00:00:00.000-04:00");
    expect(written({ releaseDate: "2019-07-01", publishedAt: later }, "Europe/Zurich")).toBe("2019-07-01T00:00:00.000+02:00");
    // Chile skipped midnight on 8 September 2019: the day began at 01:00.
    expect(written({ releaseDate: "2019-09-08", publishedAt: later }, "America/Santiago")).toBe("2019-09-08T01:00:00.000-03:00");
  });

  it("writes UTC as Z, and always names the same instant", () => {
    expect(written({ releaseDate: "2019-02-26", publishedAt: "2026-03-03T09:00:00Z" }, "UTC")).toBe("2019-02-26T00:00:00.000Z");
    for (const zone of ZONES) {
      const moment = publicationMoment({ releaseDate: "2019-02-26", publishedAt: "2019-02-26T03:30:00Z" }, zone);
      expect(new Date(isoWithOffset(moment.instant, moment.offsetMinutes)).getTime()).toBe(moment.instant.getTime());
    }
    expect(isoWithOffset(new Date("2019-02-26T05:00:00Z"), -330)).toBe("2019-02-25T23:30:00.000-05:30");
  });
});
