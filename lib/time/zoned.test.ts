import { describe, expect, it } from "vitest";
import { formatInZone, resolveLocalTime, toLocalInput } from "./zoned";

describe("resolveLocalTime", () => {
  it("resolves an ordinary local time to its UTC instant", () => {
    const result = resolveLocalTime("2026-03-03T09:00", "Europe/Zurich");
    expect(result).toMatchObject({ ok: true, offset: "+01:00" });
    expect(result.ok && result.instant.toISOString()).toBe("2026-03-03T08:00:00.000Z");
    const summer = resolveLocalTime("2026-07-01T09:00", "America/New_York");
    expect(summer.ok && summer.instant.toISOString()).toBe("2026-07-01T13:00:00.000Z");
  });

  it("refuses a time the clocks skip (spring forward)", () => {
    const result = resolveLocalTime("2026-03-29T02:30", "Europe/Zurich");
    expect(result).toMatchObject({ ok: false, code: "nonexistent" });
    expect(!result.ok && result.message).toContain("does not exist in Europe/Zurich");
    expect(resolveLocalTime("2026-03-08T02:15", "America/New_York")).toMatchObject({ ok: false, code: "nonexistent" });
  });

  it("asks which one is meant when a time happens twice (fall back), and accepts the choice", () => {
    const result = resolveLocalTime("2026-10-25T02:30", "Europe/Zurich");
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== "ambiguous") throw new Error("expected ambiguous");
    expect(result.choices.map((choice) => [choice.offset, choice.instant.toISOString()])).toEqual([
      ["+02:00", "2026-10-25T00:30:00.000Z"],
      ["+01:00", "2026-10-25T01:30:00.000Z"],
    ]);
    expect(result.choices[0]!.label).toContain("UTC+02:00");
    const chosen = resolveLocalTime("2026-10-25T02:30", "Europe/Zurich", "+01:00");
    expect(chosen.ok && chosen.instant.toISOString()).toBe("2026-10-25T01:30:00.000Z");
    const nyChoices = resolveLocalTime("2026-11-01T01:30", "America/New_York");
    expect(nyChoices).toMatchObject({ ok: false, code: "ambiguous" });
  });

  it("refuses malformed input", () => {
    expect(resolveLocalTime("tomorrow at nine", "Europe/Zurich")).toMatchObject({ ok: false, code: "invalid" });
    expect(resolveLocalTime("2026-02-30T09:00", "Europe/Zurich")).toMatchObject({ ok: false, code: "invalid" });
  });
});

describe("formatting in the zone", () => {
  it("names the zone", () => {
    expect(formatInZone("2019-02-26T14:00:00Z", "America/New_York")).toBe("26 February 2019, 09:00 EST");
    expect(toLocalInput("2019-02-26T14:00:00Z", "America/New_York")).toBe("2019-02-26T09:00");
  });
});
