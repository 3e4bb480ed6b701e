import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugify, slugSchema } from "./slug";

describe("slugify", () => {
  it.each([
    ["Hello World", "hello-world"],
    ["  Spaces   everywhere  ", "spaces-everywhere"],
    ["Ministry announces €2.5bn plan!", "ministry-announces-2-5bn-plan"],
    ["Café déjà vu à Zürich", "cafe-deja-vu-a-zurich"],
    ["Ærø’s Straße: Łódź, Þórshöfn, Øresund", "aeros-strasse-lodz-thorshofn-oresund"],
    ["ＦＵＬＬ ｗｉｄｔｈ ﬁle ²", "full-width-file-2"],
    ["İstanbul ıslak", "istanbul-islak"],
    ["--- Already-dashed --- text ---", "already-dashed-text"],
    ["a\u0000b\tc\nd", "a-b-c-d"],
    ["Emoji 🎉 party", "emoji-party"],
    ["Minister's statement, the board’s reply", "ministers-statement-the-boards-reply"],
    ["2026/03/03 results", "2026-03-03-results"],
  ])("%s → %s", (headline, slug) => {
    expect(slugify(headline)).toBe(slug);
  });

  it.each(["", "   ", "!!!", "中文标题", "🎉🎉", "\u202e"])("falls back to 'release' for %j", (headline) => {
    expect(slugify(headline)).toBe("release");
  });

  it("keeps the ASCII part of mixed scripts", () => {
    expect(slugify("Пресс-релиз 2026 update")).toBe("2026-update");
  });

  it("cuts long headlines at a dash, at most 80 characters", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const slug = slugify(words);
    expect(slug.length).toBeLessThanOrEqual(80);
    // As many whole words as fit: word0 … word12 is exactly 80 characters.
    expect(slug).toBe(Array.from({ length: 13 }, (_, i) => `word${i}`).join("-"));
    expect(slug).toHaveLength(80);
    expect(slugify(`x${words}`)).toBe(`x${Array.from({ length: 12 }, (_, i) => `word${i}`).join("-")}`);
    // Every word kept is whole.
    for (const part of slug.split("-")) expect(part).toMatch(/^word\d+$/);
  });

  it("keeps exactly 80 characters when the 81st is a dash", () => {
    const headline = `${"a".repeat(80)} tail`;
    expect(slugify(headline)).toBe("a".repeat(80));
    const headline2 = `${"b".repeat(39)} ${"c".repeat(40)} more`;
    expect(slugify(headline2)).toBe(`${"b".repeat(39)}-${"c".repeat(40)}`);
  });

  it("drops a word that would cross the limit", () => {
    const headline = `${"b".repeat(39)} ${"c".repeat(41)}`;
    expect(slugify(headline)).toBe("b".repeat(39));
  });

  it("cuts a single very long word hard", () => {
    expect(slugify("x".repeat(200))).toBe("x".repeat(80));
  });

  it("always produces something slugSchema accepts", () => {
    const samples = ["", "Ünïcödé — test", "x".repeat(500), "a - - b", `${"word ".repeat(50)}`, "Œuvre & Co. (2026)", "\ud800 lone"];
    for (const sample of samples) {
      const slug = slugify(sample);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slugSchema.safeParse(slug).success).toBe(true);
    }
  });
});

describe("slugSchema", () => {
  it.each(["a", "release", "hello-world-2026", "x".repeat(100)])("accepts %s", (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });

  const INVALID = "A web address may only contain lowercase letters, digits and single dashes";
  it.each(["Hello", "hello--world", "-hello", "hello-", "hello world", "héllo", "hello_world", "a/b", "hello-world\n"])(
    "refuses %j with a clear message",
    (slug) => {
      const result = slugSchema.safeParse(slug);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([INVALID]);
    },
  );

  it("says when it is too long", () => {
    const result = slugSchema.safeParse("x".repeat(101));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["The web address is too long (at most 100 characters)"]);
  });

  it("asks for a value when empty", () => {
    const result = slugSchema.safeParse("");
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
  });

  it("refuses non-strings", () => {
    expect(slugSchema.safeParse(42).success).toBe(false);
    expect(slugSchema.safeParse(null).success).toBe(false);
  });
});
