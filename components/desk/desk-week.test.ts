import { describe, expect, it } from "vitest";
import { deskWeek, timeInZone } from "./desk-week";

describe("deskWeek", () => {
  it("is Monday to Sunday of the current week in the organisation's zone", () => {
    // Sunday 23:30 UTC is already Monday in Tokyo: a new week there.
    const now = new Date("2026-03-01T23:30:00Z");
    expect(deskWeek(undefined, "UTC", now).monday).toBe("2026-02-23");
    const tokyo = deskWeek(undefined, "Asia/Tokyo", now);
    expect(tokyo.monday).toBe("2026-03-02");
    expect(tokyo.days.map((day) => day.date)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"]);
    expect(tokyo.days[0]!.isToday).toBe(true);
    expect(tokyo.start.toISOString()).toBe("2026-03-01T15:00:00.000Z");
    expect(tokyo.end.toISOString()).toBe("2026-03-08T15:00:00.000Z");
    expect(tokyo.days[0]!.label).toBe("Monday 2 March");
  });

  it("goes to the week of any requested day, with links to the weeks around it", () => {
    const week = deskWeek("2026-03-26", "Europe/Brussels", new Date("2026-01-01T12:00:00Z"));
    expect(week.monday).toBe("2026-03-23");
    expect(week.previous).toBe("2026-03-16");
    expect(week.next).toBe("2026-03-30");
    expect(week.label).toBe("23 March – 29 March 2026");
    expect(week.days.some((day) => day.isToday)).toBe(false);
    // 29 March 2026: clocks go forward in Brussels, so that Sunday is 23 hours long.
    const sunday = week.days[6]!;
    expect(sunday.end.getTime() - sunday.start.getTime()).toBe(23 * 3_600_000);
  });

  it("ignores a malformed or impossible week and shows the current one", () => {
    const now = new Date("2026-03-04T12:00:00Z");
    expect(deskWeek("2026-02-30", "UTC", now).monday).toBe("2026-03-02");
    expect(deskWeek("next week", "UTC", now).monday).toBe("2026-03-02");
  });

  it("names the zone with each time", () => {
    expect(timeInZone(new Date("2026-03-04T08:30:00Z"), "Europe/Brussels")).toBe("09:30 GMT+1");
    expect(timeInZone(new Date("2026-03-04T08:30:00Z"), "UTC")).toBe("08:30 UTC");
  });
});
