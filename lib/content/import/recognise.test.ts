import { describe, expect, it } from "vitest";
import { type Block, run } from "./blocks";
import { looksLikeWholeRelease, recogniseRelease, recogniseStructure } from "./recognise";
import { textToBlocks } from "./text";

const paragraph = (text: string): Block => ({ kind: "paragraph", inlines: [run(text)] });

describe("recogniseStructure", () => {
  it("groups typed items into lists, links bare addresses and drops empty blocks", () => {
    const blocks = recogniseStructure([paragraph("  - one"), paragraph("- two"), paragraph(""), paragraph("2. next"), paragraph("Mail press@example.org")]);
    expect(blocks).toEqual([
      { kind: "list", ordered: false, start: 1, items: [[paragraph("one")], [paragraph("two")]] },
      { kind: "list", ordered: true, start: 2, items: [[paragraph("next")]] },
      { kind: "paragraph", inlines: [run("Mail "), { ...run("press@example.org"), href: "mailto:press@example.org" }] },
    ]);
  });

  it("keeps front matter in the text", () => {
    expect(recogniseStructure([paragraph("PRESS RELEASE"), paragraph("3 March 2019"), paragraph("Headline")])).toHaveLength(3);
  });
});

describe("recogniseRelease and looksLikeWholeRelease", () => {
  it("takes the front matter off the top and reports what it set aside", () => {
    const release = recogniseRelease([paragraph("Ministry of Examples"), paragraph("PRESS RELEASE"), paragraph("3 March 2019"), paragraph("Fund launched"), paragraph("- a point")], {
      formatted: false,
    });
    expect(release.meta).toMatchObject({ headline: "Fund launched", type: "press-release", releaseDate: "2019-03-03" });
    expect(release.setAside).toEqual(["Ministry of Examples"]);
    expect(release.blocks).toEqual([{ kind: "list", ordered: false, start: 1, items: [[paragraph("a point")]] }]);
    expect(looksLikeWholeRelease(release.meta)).toBe(true);
  });

  it("needs a headline and a type or date line", () => {
    expect(looksLikeWholeRelease({ headline: "Only a headline" })).toBe(false);
    expect(looksLikeWholeRelease({ headline: "", type: "statement" })).toBe(false);
    expect(looksLikeWholeRelease({ headline: "Dated", releaseDate: "2019-03-03" })).toBe(true);
  });
});

describe("textToBlocks headings", () => {
  it("reads '#' lines as headings, with optional closing hashes, but not hashtags or '#1'", () => {
    expect(textToBlocks("# Title\n## Part two ##\n#hashtag\n#1 priority").blocks).toEqual([
      { kind: "heading", level: 1, inlines: [run("Title")] },
      { kind: "heading", level: 2, inlines: [run("Part two")] },
      { kind: "paragraph", inlines: [run("#hashtag"), { kind: "break" }, run("#1 priority")] },
    ]);
  });
});
