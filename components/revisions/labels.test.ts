import { describe, expect, it } from "vitest";
import { blockChangeLabel, blockLabel } from "./labels";

describe("revision diff labels", () => {
  it("names blocks as press officers do", () => {
    expect(blockLabel({ kind: "heading", level: 2 })).toBe("Subheading");
    expect(blockLabel({ kind: "heading", level: 3 })).toBe("Minor heading");
    expect(blockLabel({ kind: "listItem", list: "ordered" })).toBe("Numbered list item");
    expect(blockLabel({ kind: "quote" })).toBe("Quotation");
  });

  it("says what changed in words, not only colour", () => {
    expect(blockChangeLabel({ change: "added", kind: "paragraph", segments: [] })).toBe("Added: paragraph");
    expect(
      blockChangeLabel({ change: "changed", kind: "heading", level: 2, previous: { kind: "paragraph" }, formattingChanged: true, segments: [] }),
    ).toBe("Changed: subheading (was: paragraph; formatting or links changed)");
    expect(blockChangeLabel({ change: "changed", kind: "figure", formattingChanged: true, segments: [] })).toBe("Changed: image (image file changed)");
  });
});
