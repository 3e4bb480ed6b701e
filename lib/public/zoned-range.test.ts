import { describe, expect, it } from "vitest";
import { monthName, monthRange, parseMonth, parseYear, safeTimeZone, yearRange } from "./zoned-range";

describe("zoned ranges", () => {
  it("start periods at local midnight in the organisation's zone", () => {
    expect(yearRange(2025, "America/New_York")).toEqual({ from: "2025-01-01T05:00:00.000Z", to: "2026-01-01T05:00:00.000Z" });
    expect(monthRange(2025, 3, "Europe/Zurich")).toEqual({ from: "2025-02-28T23:00:00.000Z", to: "2025-03-31T22:00:00.000Z" });
    expect(monthRange(2025, 12, "UTC")).toEqual({ from: "2025-12-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" });
  });

  it("fall back to UTC for a zone nobody knows", () => {
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(yearRange(2025, "Mars/Olympus").from).toBe("2025-01-01T00:00:00.000Z");
  });

  it("parse years and months from addresses, refusing everything else", () => {
    expect(parseYear("2025")).toBe(2025);
    for (const bad of ["abc", "25", "20255", "0000", "9999", " 2025", "2025.0", undefined, 2025]) expect(parseYear(bad)).toBeNull();
    expect(parseMonth("03")).toBe(3);
    expect(parseMonth("12")).toBe(12);
    for (const bad of ["0", "13", "00", "003", "march", "", undefined]) expect(parseMonth(bad)).toBeNull();
    expect(monthName(2)).toBe("February");
  });
});
