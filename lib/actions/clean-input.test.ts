import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cleanInput, cleanText, MAX_INPUT_DEPTH } from "./clean-input";

describe("cleanText", () => {
  it.each([
    ["a\u0000b", "ab"],
    ["\u0000\u0000", ""],
    ["lone high \ud800 here", "lone high \ufffd here"],
    ["lone low \udc00 here", "lone low \ufffd here"],
    ["at the end \ud83d", "at the end \ufffd"],
    ["reversed pair \ude00\ud83d", "reversed pair \ufffd\ufffd"],
    ["two highs \ud83d\ud83d\ude00", "two highs \ufffd\ud83d\ude00"],
    ["NUL inside a pair \ud83d\u0000\ude00", "NUL inside a pair \ud83d\ude00"],
  ])("cleans %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
    expect(() => encodeURIComponent(cleanText(input))).not.toThrow(); // throws on a lone surrogate
  });

  it("leaves well-formed text alone, other control characters, emoji and right-to-left text included", () => {
    const text = "Tab\there\nline\r\u0007bell 😀 \u202eabc\u202c café 漢字 \ufffd";
    expect(cleanText(text)).toBe(text);
  });
});

describe("cleanInput", () => {
  it("cleans every string of a nested value, keys included, and keeps the rest", () => {
    const input = {
      headline: "Head\u0000line",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x\ud800y", marks: [{ type: "link", attrs: { href: "https://a.example/\u0000" } }] }] }] },
      contacts: [{ name: "N\u0000ame", phone: null }],
      ["k\u0000ey"]: 1,
      flag: true,
    };
    expect(cleanInput(input)).toEqual({
      headline: "Headline",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x\ufffdy", marks: [{ type: "link", attrs: { href: "https://a.example/" } }] }] }] },
      contacts: [{ name: "Name", phone: null }],
      key: 1,
      flag: true,
    });
  });

  it("renames an uploaded file whose name carries a NUL, keeping its bytes and type", async () => {
    const file = new File([new Uint8Array([1, 2, 3])], "logo\u0000.png", { type: "image/png" });
    const cleaned = cleanInput(file);
    expect(cleaned).toBeInstanceOf(File);
    expect(cleaned.name).toBe("logo.png");
    expect(cleaned.type).toBe("image/png");
    expect([...new Uint8Array(await cleaned.arrayBuffer())]).toEqual([1, 2, 3]);
    const clean = new File(["x"], "fine.png");
    expect(cleanInput(clean)).toBe(clean);
  });

  it("leaves objects that are not plain alone", () => {
    const date = new Date(0);
    expect(cleanInput({ at: date }).at).toBe(date);
  });

  it("refuses a value nested deeper than any form or document needs", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < MAX_INPUT_DEPTH + 1; i++) deep = [deep];
    expect(() => cleanInput(deep)).toThrow(AppError);
    let fine: unknown = "a\u0000";
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = [fine];
    expect(JSON.stringify(cleanInput(fine))).not.toContain("\\u0000");
  });
});
