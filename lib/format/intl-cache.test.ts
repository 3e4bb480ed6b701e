import { describe, expect, it } from "vitest";
import { dateTimeFormat, languageDisplayNames } from "./intl-cache";

describe("Intl formatters made once", () => {
  it("gives the same formatter for the same locale and options, another for other options", () => {
    const options = { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Tokyo" } as const;
    expect(dateTimeFormat("en-GB", { ...options })).toBe(dateTimeFormat("en-GB", { ...options }));
    expect(dateTimeFormat("en-GB", { ...options, timeZone: "America/New_York" })).not.toBe(dateTimeFormat("en-GB", options));
    expect(dateTimeFormat("fr", options)).not.toBe(dateTimeFormat("en-GB", options));
    expect(dateTimeFormat("en-GB", options).format(new Date("2026-03-02T20:00:00Z"))).toBe("3 March 2026");
    expect(languageDisplayNames("fr")).toBe(languageDisplayNames("fr"));
    expect(languageDisplayNames("fr").of("ar")).toBe("arabe");
  });

  it("still refuses a zone that does not exist, every time", () => {
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
