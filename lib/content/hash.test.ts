import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHash } from "./hash";

describe("contentHash", () => {
  const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hello" }] }] };

  it("is the sha256 hex of the canonical JSON", () => {
    const expected = createHash("sha256").update('{"a":1,"b":{"c":2,"d":[3,{"e":4,"f":5}]}}').digest("hex");
    expect(contentHash({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 })).toBe(expected);
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on key order at any depth", () => {
    const a = contentHash({ title: "Launch", body, summary: "S" });
    const b = contentHash({ summary: "S", body: { content: body.content, type: "doc" }, title: "Launch" });
    expect(a).toBe(b);
  });

  it("ignores undefined fields, like the canonical JSON does", () => {
    expect(contentHash({ title: "Launch", subtitle: undefined })).toBe(contentHash({ title: "Launch" }));
  });

  it("changes when any content changes", () => {
    const base = contentHash({ title: "Launch", body });
    expect(contentHash({ title: "Launch!", body })).not.toBe(base);
    const edited = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hello." }] }] };
    expect(contentHash({ title: "Launch", body: edited })).not.toBe(base);
    expect(contentHash({ title: "Launch", body, embargo: null })).not.toBe(base);
    // Array order is content, not formatting.
    expect(contentHash({ tags: ["a", "b"] })).not.toBe(contentHash({ tags: ["b", "a"] }));
  });
});
