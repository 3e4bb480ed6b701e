import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";
import { takeTokens } from "./rate-limit";
import { errorText } from "./error-text";

describe("retryDelayMs", () => {
  const policy = { baseMs: 1_000, capMs: 10_000 };
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
  it("takes off at most a fifth at random, never adds", () => {
    expect(retryDelayMs(2, policy, () => 1)).toBe(1_600);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(1_800);
    expect(retryDelayMs(40, policy, () => 0.999)).toBeGreaterThanOrEqual(8_000);
  });
});

describe("takeTokens", () => {
  const limit = { perSecond: 10, burst: 5 };
  const at = (ms: number) => new Date(1_000_000 + ms);
  it("grants up to what the bucket holds and keeps the rest", () => {
    expect(takeTokens({ tokens: 5, refilledAt: at(0) }, limit, 3, at(0))).toEqual({ granted: 3, tokens: 2 });
    expect(takeTokens({ tokens: 2, refilledAt: at(0) }, limit, 8, at(0))).toEqual({ granted: 2, tokens: 0 });
  });
  it("refills with time, never past the burst", () => {
    expect(takeTokens({ tokens: 0, refilledAt: at(0) }, limit, 8, at(250))).toEqual({ granted: 2, tokens: 0.5 });
    expect(takeTokens({ tokens: 0, refilledAt: at(0) }, limit, 8, at(60_000))).toEqual({ granted: 5, tokens: 0 });
  });
  it("grants nothing from an empty bucket, and a clock that went back adds nothing", () => {
    expect(takeTokens({ tokens: 0.4, refilledAt: at(500) }, limit, 1, at(0))).toEqual({ granted: 0, tokens: 0.4 });
  });
});

describe("errorText", () => {
  it("names the error, drops control characters and keeps it short", () => {
    expect(errorText(new TypeError("bad\u0000thing"))).toBe("TypeError: bad thing");
    expect(errorText(new Error("plain"))).toBe("plain");
    expect(errorText("x".repeat(2_000))).toHaveLength(1_000);
    expect(errorText(undefined)).toBe("undefined");
  });
});
