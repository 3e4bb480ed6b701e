import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor";
import { keepKnown, listHref, parseListParams } from "./filters";
import { feedScopeFor } from "./list-scope";
import { searchConfigCaseSql, searchConfigFor } from "./search-config";

const ID = "0b9c7a9e-3f1d-4c55-9e0b-6f1b2a3c4d5e";

describe("list filters", () => {
  it("reads plausible values, drops the rest, and takes the first of repeated parameters", () => {
    expect(parseListParams({ type: "statement", topic: ["health", "trade"], language: "pt-BR", year: "2024" })).toEqual({
      filters: { type: "statement", topic: "health", language: "pt-BR", year: 2024 },
      cursor: null,
    });
    expect(parseListParams({ type: "<script>", topic: "", language: "french!", year: "abc" })).toEqual({ filters: {}, cursor: null });
    expect(parseListParams({ cursor: "garbage" }).cursor).toBeNull();
  });

  it("keeps only values something published uses", () => {
    const known = { types: ["statement"], topics: ["health"], languages: ["en"], years: [2024] };
    expect(keepKnown({ type: "statement", topic: "unknown", language: "fr", year: 2024 }, known)).toEqual({ type: "statement", year: 2024 });
  });

  it("builds addresses that keep the filters across pages", () => {
    const cursor = { direction: "older" as const, date: "2025-01-01", at: "2025-01-01T00:00:00Z", id: ID };
    expect(listHref("/", {})).toBe("/");
    expect(listHref("/", { year: 2024, type: "statement" }, cursor)).toBe(`/?type=statement&year=2024&cursor=${encodeCursor(cursor)}`);
    expect(parseListParams(Object.fromEntries(new URL(`https://x${listHref("/", { language: "fr", topic: "health" }, cursor)}`).searchParams))).toEqual({
      filters: { language: "fr", topic: "health" },
      cursor,
    });
  });

  it("announce the feed that matches the filter", () => {
    expect(feedScopeFor({})).toEqual({ kind: "all" });
    expect(feedScopeFor({ type: "statement", language: "fr" })).toEqual({ kind: "type", slug: "statement" });
    expect(feedScopeFor({ language: "fr", year: 2024 })).toEqual({ kind: "language", code: "fr" });
  });
});

describe("search configurations", () => {
  it("map language codes to Postgres configurations, anything else to simple", () => {
    expect(searchConfigFor("fr")).toBe("french");
    expect(searchConfigFor("pt-BR")).toBe("portuguese");
    expect(searchConfigFor("EN")).toBe("english");
    expect(searchConfigFor("nb")).toBe("norwegian");
    expect(searchConfigFor("ja")).toBe("simple");
    expect(searchConfigFor("constructor")).toBe("simple");
    expect(searchConfigFor("")).toBe("simple");
  });

  it("emit only constant regconfig branches for the generated column", () => {
    const sql = searchConfigCaseSql(`"language"`);
    expect(sql).toContain("when 'fr' then 'french'::regconfig");
    expect(sql).toMatch(/else 'simple'::regconfig end\)$/);
  });
});
