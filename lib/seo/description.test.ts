import { describe, expect, it } from "vitest";
import { descriptionFrom, DESCRIPTION_LENGTH, trimDescription } from "./description";

describe("trimDescription", () => {
  it("keeps short text whole, with white space collapsed", () => {
    expect(trimDescription("  The Office\n\nannounced\ttoday.  ")).toBe("The Office announced today.");
  });

  it("cuts long text on a word boundary, within the limit, with an ellipsis", () => {
    const text = `${"word ".repeat(40)}end`;
    const trimmed = trimDescription(text);
    expect(Array.from(trimmed).length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(trimmed.endsWith("word…")).toBe(true);
    expect(trimmed).not.toMatch(/\s…$/);
    // Every word before the ellipsis is whole.
    for (const piece of trimmed.slice(0, -1).split(" ")) expect(piece).toBe("word");
  });

  it("never splits a word that ends exactly at the limit, nor one that crosses it", () => {
    expect(trimDescription("alpha beta gamma", 11)).toBe("alpha beta…");
    expect(trimDescription("alpha beta gamma", 12)).toBe("alpha beta…");
    expect(trimDescription("alpha betagamma delta", 20)).toBe("alpha betagamma…");
  });

  it("cuts a single word longer than half the room where the room ends", () => {
    expect(trimDescription("Supercalifragilisticexpialidocious is a word", 10)).toBe("Supercali…");
  });

  it("drops punctuation left dangling before the ellipsis", () => {
    expect(trimDescription("Geneva, Zurich, Basel and Bern", 16)).toBe("Geneva, Zurich…");
  });

  it("cuts text without spaces where the room ends, never inside an emoji", () => {
    const chinese = "外交部宣布新的公共简报计划".repeat(20);
    const trimmed = trimDescription(chinese, 20);
    expect(Array.from(trimmed)).toHaveLength(20);
    expect(trimmed.endsWith("…")).toBe(true);
    const emoji = "🎉".repeat(30);
    const cut = trimDescription(emoji, 10);
    expect(cut).toBe(`${"🎉".repeat(9)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("descriptionFrom", () => {
  it("takes the first candidate with text", () => {
    expect(descriptionFrom("", "  ", null, "The subtitle.", "The body.")).toBe("The subtitle.");
    expect(descriptionFrom(null, undefined)).toBe("");
  });
});
