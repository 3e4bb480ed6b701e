import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseContentJson } from "./content-json";

describe("parseContentJson", () => {
  it("reads JSON text", () => {
    expect(parseContentJson('{"headline":"A"}')).toEqual({ headline: "A" });
  });

  it("cleans the text it reads: NUL removed, a lone surrogate replaced (as JSON escapes or raw)", () => {
    expect(parseContentJson('{"headline":"A\\u0000B","body":{"text":"x\\ud800y"}}')).toEqual({ headline: "AB", body: { text: "x\ufffdy" } });
    expect(parseContentJson(JSON.stringify({ headline: "A\u0000B" }))).toEqual({ headline: "AB" });
  });

  it("refuses a 5 MB paste with a message that says why and what to do", () => {
    const huge = JSON.stringify({ headline: "A", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x".repeat(5_000_000) }] }] } });
    expect(() => parseContentJson(huge)).toThrow(AppError);
    expect(() => parseContentJson(huge)).toThrow(/too long to save \(5\.0 MB; the limit is 4 MB\)/);
  });

  it("refuses what is not JSON text", () => {
    expect(() => parseContentJson("{not json")).toThrow(/could not be read/);
    expect(() => parseContentJson({ headline: "A" })).toThrow(/missing/);
  });
});
