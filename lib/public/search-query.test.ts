import { describe, expect, it } from "vitest";
import { MAX_SEARCH_CHARS, normaliseSearchQuery } from "./search-query";

describe("normaliseSearchQuery", () => {
  it("keeps the reader's syntax (quotes, or, -word) and collapses whitespace", () => {
    expect(normaliseSearchQuery('  "clean  water"   or rivers\t-draft ')).toEqual({ kind: "words", text: '"clean water" or rivers -draft' });
    expect(normaliseSearchQuery(["ministres", "ignored"])).toEqual({ kind: "words", text: "ministres" });
    expect(normaliseSearchQuery("Zürich 2026")).toEqual({ kind: "words", text: "Zürich 2026" });
  });

  it("tells empty input from input without a word", () => {
    for (const empty of [undefined, null, "", "   ", "\u0000\u0001", [], 5]) expect(normaliseSearchQuery(empty)).toEqual({ kind: "empty" });
    for (const odd of ["&|!:*()", '"', "!!!", "-", "((((", "—…"]) expect(normaliseSearchQuery(odd).kind).toBe("no-words");
  });

  it("removes characters Postgres cannot take and cuts long input at a word", () => {
    expect(normaliseSearchQuery("zep\u0000pelin\u001b")).toEqual({ kind: "words", text: "zep pelin" });
    expect(normaliseSearchQuery("a\ud800b")).toEqual({ kind: "words", text: "a b" });
    expect(normaliseSearchQuery("😀 smile")).toEqual({ kind: "words", text: "😀 smile" });
    const long = normaliseSearchQuery("word ".repeat(200));
    expect(long.kind).toBe("words");
    expect(long.kind !== "empty" && long.text.length).toBeLessThanOrEqual(MAX_SEARCH_CHARS);
    expect(long.kind !== "empty" && long.text.endsWith("word")).toBe(true);
    const unbroken = normaliseSearchQuery("a".repeat(500));
    expect(unbroken.kind !== "empty" && unbroken.text).toBe("a".repeat(MAX_SEARCH_CHARS));
  });
});
