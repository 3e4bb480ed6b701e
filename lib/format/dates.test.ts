import { expect, it } from "vitest";
import { describeInProcessZones } from "@/tests/support/process-zone";
import { calendarDateOf, formatCalendarDate, formatInstantDate } from "./dates";

const ORGANISATION_ZONES = ["America/New_York", "Europe/Zurich", "Asia/Tokyo", "Pacific/Kiritimati"];

describeInProcessZones("calendar dates", () => {
  it("read as the same day whatever zone the organisation or the process is in", () => {
    expect(formatCalendarDate("2019-02-26")).toBe("26 February 2019");
    expect(formatCalendarDate("2019-01-01")).toBe("1 January 2019");
    expect(formatCalendarDate("2019-12-31")).toBe("31 December 2019");
    expect(formatCalendarDate("2024-02-29", "de-CH")).toBe("29. Februar 2024");
    expect(formatCalendarDate("0099-03-01")).toBe("1 March 99");
  });

  it("refuse what is not a calendar date rather than print another day", () => {
    for (const bad of ["2019-02-30", "2019-13-01", "2019-2-26", "2019-02-26T00:00:00Z", "", "yesterday"]) {
      expect(() => formatCalendarDate(bad), bad).toThrow(RangeError);
    }
  });
});

describeInProcessZones("instants", () => {
  it("fall on the day of the organisation's zone", () => {
    // 26 February 2019, 03:30 UTC: still the 25th in New York, the 26th everywhere east of it.
    const instant = "2019-02-26T03:30:00Z";
    const days = ORGANISATION_ZONES.map((zone) => [zone, calendarDateOf(instant, zone), formatInstantDate(instant, zone)]);
    expect(days).toEqual([
      ["America/New_York", "2019-02-25", "25 February 2019"],
      ["Europe/Zurich", "2019-02-26", "26 February 2019"],
      ["Asia/Tokyo", "2019-02-26", "26 February 2019"],
      ["Pacific/Kiritimati", "2019-02-26", "26 February 2019"],
    ]);
    // 26 February, 11:30 UTC is already the 27th in Kiritimati (UTC+14).
    expect(ORGANISATION_ZONES.map((zone) => calendarDateOf(new Date("2019-02-26T11:30:00Z"), zone))).toEqual([
      "2019-02-26",
      "2019-02-26",
      "2019-02-26",
      "2019-02-27",
    ]);
    expect(calendarDateOf("0099-06-01T12:00:00Z", "UTC")).toBe("0099-06-01");
  });

  it("refuse an invalid instant, and a calendar date passed as one", () => {
    expect(() => calendarDateOf("not a date", "UTC")).toThrow(RangeError);
    // A release date passed where an instant belongs is the mistake this module exists to prevent.
    expect(() => formatInstantDate("2019-02-26", "America/New_York")).toThrow(RangeError);
  });
});
