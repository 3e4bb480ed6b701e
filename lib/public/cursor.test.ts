import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type Cursor } from "./cursor";

const ID = "0b9c7a9e-3f1d-4c55-9e0b-6f1b2a3c4d5e";

describe("cursor", () => {
  it("round-trips both directions, microseconds included, as URL-safe text", () => {
    const cursors: Cursor[] = [
      { direction: "older", date: "2025-03-03", at: "2025-03-03T10:00:00.123456Z", id: ID },
      { direction: "newer", date: "2025-03-03", at: "2025-03-03T10:00:00Z", id: ID },
      { direction: "older", date: "2024-02-29", at: "2024-02-29T23:59:59.5Z", id: ID },
      { direction: "older", date: "0099-12-31", at: "0099-12-31T00:00:00Z", id: ID },
      // A back-filled release: dated 2019, published years later.
      { direction: "older", date: "2019-02-26", at: "2026-03-03T09:00:00Z", id: ID },
    ];
    for (const cursor of cursors) {
      const text = encodeCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text)).toEqual(cursor);
    }
    expect(decodeCursor(encodeCursor({ direction: "older", date: "2025-03-03", at: "2025-03-03T10:00:00Z", id: ID.toUpperCase() }))?.id).toBe(ID);
  });

  it("reads anything else as no cursor", () => {
    const encode = (text: string) => Buffer.from(text).toString("base64url");
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      ["a"],
      "",
      "!!!",
      "a b",
      "%00",
      "x".repeat(201),
      encode("o|2025-03-03|2025-03-03T10:00:00Z"),
      encode(`x|2025-03-03|2025-03-03T10:00:00Z|${ID}`),
      encode(`o|2025-03-03|2025-13-45T10:00:00Z|${ID}`),
      encode(`o|2025-03-03|yesterday|${ID}`),
      encode(`o|2025-03-03|2025-02-30T10:00:00Z|${ID}`),
      encode(`o|2025-03-03|0000-01-01T00:00:00Z|${ID}`),
      encode(`o|2025-03-03|2025-03-03T24:00:00Z|${ID}`),
      encode(`o|2025-03-03|2025-03-03T10:60:00Z|${ID}`),
      encode("o|2025-03-03|2025-03-03T10:00:00Z|not-a-uuid"),
      encode(`o|2025-03-03|2025-03-03T10:00:00Z|${ID}|extra`),
      encode(`o|2025-03-03|2025-03-03T10:00:00.1234567Z|${ID}`),
      encode(`o|2025-03-03|2025-03-03T10:00:00Z|${ID}'; drop table publications; --`),
      // Without the date, as cursors were before lists ordered by it.
      encode(`o|2025-03-03T10:00:00Z|${ID}`),
      // Dates that are not calendar dates.
      encode(`o|2025-02-30|2025-03-03T10:00:00Z|${ID}`),
      encode(`o|0000-01-01|2025-03-03T10:00:00Z|${ID}`),
      encode(`o|2025-3-3|2025-03-03T10:00:00Z|${ID}`),
      encode(`o|2025-03-03T00:00:00Z|2025-03-03T10:00:00Z|${ID}`),
      Buffer.from([0xff, 0xfe, 0x00]).toString("base64url"),
    ];
    for (const value of garbage) expect(decodeCursor(value), String(value)).toBeNull();
  });
});
