import { describe, expect, it } from "vitest";
import { fixture, outline } from "@/tests/fixtures/import/helpers";
import { validateBody } from "../validate";
import { importPlainText } from "./text";

function expectValid(body: unknown) {
  const result = validateBody(body);
  expect(result.ok).toBe(true);
  // Already in the stored form: validating again changes nothing.
  if (result.ok) expect(result.doc).toEqual(body);
}

describe("importPlainText on the press-release fixture", () => {
  const result = importPlainText(fixture("press-release.txt").toString("utf8"));

  it("recognises type, date, dateline, reference and headline", () => {
    expect(result.content).toMatchObject({
      headline: "Ministry launches a fund for coastal examples",
      type: "press-release",
      releaseDate: "2019-03-03",
      dateline: "Geneva",
      reference: "2019/12",
      language: "en",
    });
    expect(result.content.subtitle).toBeUndefined();
  });

  it("leaves the letterhead out of the body and says so", () => {
    expect(result.warnings).toEqual([
      "Letterhead lines were left out: Ministry of Examples / Press Office / 12 Avenue of the Example, 1200 Geneva, Switzerland / Tel. +41 22 000 00 00 | press@example.org",
    ]);
  });

  it("joins hard-wrapped lines, builds lists, links bare addresses, keeps short lines together", () => {
    expectValid(result.content.body);
    expect(outline(result.content.body)).toEqual([
      "The Ministry of Examples today launched a fund of 12 million francs to support coastal communities that document their examples. The fund is open to applications until 30 June 2019.",
      '"Examples are the memory of our coasts," said the Minister. "This fund helps the people who keep them safe for the next generation."',
      "The fund supports:",
      "- field surveys of coastal examples;",
      "- digitisation of local archives, including photographs and handwritten registers;",
      "- training for volunteers.",
      "Applications are assessed in three steps:",
      "1. eligibility check by the secretariat;",
      "1. review by an independent panel;",
      "1. decision by the Minister.",
      "Full guidelines are available at [www.example.org/fund/guidelines](https://www.example.org/fund/guidelines) and ([https://example.org/fund/faq](https://example.org/fund/faq)). Questions can be sent to [fund@example.org](mailto:fund@example.org).",
      "Media contact:\\nJane Doe, spokesperson\\n+41 22 000 00 01",
      "###",
    ]);
  });
});

describe("importPlainText: variants", () => {
  it("reads the type line in any case and with a reference after it", () => {
    const { content } = importPlainText("Statement No. 7/2019\n\n3 March 2019\n\nThe Minister on the coast\n\nText.");
    expect(content).toMatchObject({ type: "statement", reference: "7/2019", releaseDate: "2019-03-03", headline: "The Minister on the coast" });
    expect(content.dateline).toBeUndefined();
  });

  it.each([
    ["Press release", "press-release"],
    ["PRESS RELEASE", "press-release"],
    ["Statement", "statement"],
    ["Media advisory", "media-advisory"],
    ["Letter", "letter"],
    ["Speech", "speech"],
    ["Fact sheet", "fact-sheet"],
    ["Communiqué de presse", "press-release"],
  ])("type line %s → %s", (line, slug) => {
    const { content } = importPlainText(`${line}\n\nA headline\n\nA paragraph.`);
    expect(content.type).toBe(slug);
    expect(content.headline).toBe("A headline");
  });

  it("reads the date formats and the place before them", () => {
    const cases: [string, string, string | undefined][] = [
      ["Geneva, 3 March 2019", "2019-03-03", "Geneva"],
      ["3 March 2019", "2019-03-03", undefined],
      ["March 3, 2019", "2019-03-03", undefined],
      ["New York, March 3, 2019", "2019-03-03", "New York"],
      ["03.03.2019", "2019-03-03", undefined],
      ["Tuesday, 12 November 2019", "2019-11-12", undefined],
      ["GENEVA – 3rd March 2019", "2019-03-03", "GENEVA"],
      ["Genève, le 3 mars 2019", "2019-03-03", "Genève"],
    ];
    for (const [line, date, place] of cases) {
      const { content } = importPlainText(`PRESS RELEASE\n${line}\n\nHeadline here\n\nBody.`);
      expect({ line, date: content.releaseDate, place: content.dateline }).toEqual({ line, date, place });
    }
  });

  it("takes the headline before the date line when there is no type line", () => {
    const { content, warnings } = importPlainText("New fund for examples\n\nGeneva, 3 March 2019\n\nThe Ministry today launched a fund.");
    expect(content).toMatchObject({ headline: "New fund for examples", releaseDate: "2019-03-03", dateline: "Geneva" });
    expect(outline(content.body)).toEqual(["The Ministry today launched a fund."]);
    expect(warnings).toEqual([]);
  });

  it("reads a news-agency dateline at the start of the first paragraph", () => {
    const { content } = importPlainText("New fund for examples\n\nGENEVA, 3 March 2019 – The Ministry today launched a fund.");
    expect(content).toMatchObject({ headline: "New fund for examples", releaseDate: "2019-03-03", dateline: "GENEVA" });
    expect(outline(content.body)).toEqual(["The Ministry today launched a fund."]);
  });

  it("keeps one paragraph per line when the text is not hard-wrapped (Word's plain-text export)", () => {
    const long = "This paragraph is long enough that nobody would mistake it for an address line in a letterhead.";
    const { content } = importPlainText(`Headline of the day\r\n${long}\r\n${long} Again.\r\n- one\r\n- two\r\n`);
    expect(content.headline).toBe("Headline of the day");
    expect(outline(content.body)).toEqual([long, `${long} Again.`, "- one", "- two"]);
  });

  it("nests indented items and continues items on indented lines", () => {
    const { content } = importPlainText("Headline\n\n- first\n  - inner one\n    more of inner one\n  - inner two\n- second\n3. third\n4. fourth");
    expect(outline(content.body)).toEqual(["- first", "  - inner one more of inner one", "  - inner two", "- second", "3. third", "3. fourth"]);
    expectValid(content.body);
  });

  it("does not link what is not an address, nor refused schemes", () => {
    const { content } = importPlainText("Headline\n\nSee javascript:alert(1) and ftp://example.org, e.g. the report, or user@host.");
    expect(outline(content.body)).toEqual(["See javascript:alert(1) and ftp://example.org, e.g. the report, or user@host."]);
  });

  it("warns when no headline is recognised, and an empty text gives an empty valid body", () => {
    const long = "word ".repeat(80).trim();
    const withoutHeadline = importPlainText(long);
    expect(withoutHeadline.content.headline).toBe("");
    expect(withoutHeadline.warnings).toContain("No headline was recognised; write one before you create the draft.");
    const empty = importPlainText("  \n\n ");
    expect(empty.content).toEqual({ headline: "", body: { type: "doc", content: [{ type: "paragraph" }] } });
    expectValid(empty.content.body);
  });

  it("cuts a text longer than a release can be after the last paragraph that fits, and says so", () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, index) => `Paragraph ${index + 1} of a very long report that goes on and on.`);
    const { content, warnings } = importPlainText(`Headline\n\n${paragraphs.join("\n\n")}`);
    expectValid(content.body);
    const kept = content.body.content?.length ?? 0;
    expect(kept).toBeGreaterThan(5000);
    expect(kept).toBeLessThan(20_000);
    expect(outline(content.body).at(-1)).toBe(paragraphs[kept - 1]);
    expect(warnings).toEqual([
      "The document is longer than one release can be, so only its beginning was imported. Split it into several releases, or shorten it.",
    ]);
  }, 60_000);

  it("cuts one paragraph that alone is too long at a space, and bounds the work on huge input", () => {
    const { content, warnings } = importPlainText(`Headline\n\n${"word ".repeat(300_000)}`);
    expectValid(content.body);
    const text = outline(content.body)[0] ?? "";
    expect(text.length).toBeGreaterThan(500_000);
    expect(text.endsWith("word …")).toBe(true);
    expect(warnings).toEqual(["The document is longer than one release can be, so only its beginning was imported. Split it into several releases, or shorten it."]);

    const started = performance.now();
    const lines = importPlainText(`Headline\n\n${"a\n".repeat(2_000_000)}`);
    expectValid(lines.content.body);
    expect(lines.warnings).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("drops control characters and keeps the body valid", () => {
    const { content } = importPlainText("Headline\u0007\n\nText\u0000 with\u001b controls\uFFFF.");
    expectValid(content.body);
    expect(outline(content.body)).toEqual(["Text with controls."]);
  });
});
