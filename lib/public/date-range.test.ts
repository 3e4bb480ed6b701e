import { describe, expect, it } from "vitest";
import { monthName, monthRange, parseMonth, parseYear, safeTimeZone, yearRange } from "./date-range";

describe("archive ranges", () => {
  it("are calendar dates: a year or a month, end exclusive, in no zone", () => {
    expect(yearRange(2025)).toEqual({ from: "2025-01-01", to: "2026-01-01" });
    expect(monthRange(2025, 3)).toEqual({ from: "2025-03-01", to: "2025-04-01" });
    expect(monthRange(2025, 12)).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(yearRange(1900).from).toBe("1900-01-01");
  });

  it("fall back to UTC for a zone nobody knows", () => {
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone("Pacific/Kiritimati")).toBe("Pacific/Kiritimati");
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
