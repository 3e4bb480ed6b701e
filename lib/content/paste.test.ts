import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixture, outline } from "@/tests/fixtures/import/helpers";
import { renderBodyHtml } from "./render";
import { readPaste } from "./paste";
import { draftChange } from "./paste-details";
import { validateBody } from "./validate";

const wordFixture = readFileSync(fileURLToPath(new URL("../../e2e/fixtures/word-paste.html", import.meta.url)), "utf8");

function paste(clipboard: { html?: string; text?: string }) {
  const result = readPaste(clipboard);
  if (!result) throw new Error("nothing pasted");
  const valid = validateBody(result.body);
  expect(valid.ok).toBe(true);
  return result;
}

describe("readPaste: a Word / Google Docs clipboard", () => {
  const { body, release } = paste({ html: wordFixture, text: "plain fallback" });
  const lines = outline(body);

  it("reads the HTML, not the plain-text fallback, and offers nothing for a text without a type or date line", () => {
    expect(lines.join("\n")).not.toContain("plain fallback");
    expect(release).toBeNull();
  });

  it("keeps headings (h1 becomes a subheading: the title is the page's only h1), bold, italic and allowed links", () => {
    expect(lines).toContain("## Ministry opens new visitor centre");
    expect(lines).toContain("### What visitors will find");
    expect(lines).toContain(
      "The Ministry **today opened** a new visitor centre in _Geneva_. Read the [full programme](https://example.org/centre) or this bad link.",
    );
  });

  it("turns Word's list paragraphs into bulleted and numbered lists without their markers", () => {
    expect(lines).toEqual(expect.arrayContaining(["- An exhibition on public health", "- Guided tours every Friday", "1. Book online", "1. Bring an ID"]));
    expect(lines.join("\n")).not.toContain("·");
  });

  it("reads Google Docs' wrapper and styled spans correctly", () => {
    expect(lines).toContain("**Google bold** and _Google italic_");
  });

  it("drops styles, classes, fonts, scripts, Office XML, images and bad links", () => {
    const json = JSON.stringify(body);
    for (const gone of ["style", "Mso", "font-family", "alert(", "WordDocument", "file:///", "javascript:", "Press release", "supportLists", "docs-internal-guid"]) {
      expect(json).not.toContain(gone);
    }
  });
});

describe("readPaste: web pages and edge cases", () => {
  const lines = (html: string) => outline(paste({ html }).body);

  it("removes event handlers and dangerous elements with their content", () => {
    expect(lines('<p onclick="x()">a<iframe src="https://evil.example">b</iframe><svg><script>c</script></svg>d</p>')).toEqual(["ad"]);
    expect(lines("<img src=x onerror=alert(1)><p>t</p>")).toEqual(["t"]);
    expect(renderBodyHtml(paste({ html: "<p onmouseover=alert(1)>x<script>alert(2)</script></p>" }).body)).toBe("<p>x</p>");
  });

  it("keeps only allowed link addresses, decoding entities before checking", () => {
    expect(lines('<p><a href="&#106;avascript:alert(1)">x</a></p>')).toEqual(["x"]);
    expect(lines('<p><a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="opener">x</a></p>')).toEqual(["[x](https://example.org/?a=1&b=2)"]);
    expect(lines('<p><a href="/relative">x</a> <a name="_Toc1">y</a></p>')).toEqual(["x y"]);
  });

  it("maps headings to the two allowed levels and keeps quotations and line breaks", () => {
    expect(lines("<h2>a</h2><h4>b</h4><h6>c</h6><blockquote>d<br/>e</blockquote>")).toEqual(["## a", "### b", "### c", "> d\\ne"]);
  });

  it("closes what was left open and ignores stray closing tags", () => {
    expect(lines("<p><b>bold")).toEqual(["**bold**"]);
    expect(lines("</i>text</p>")).toEqual(["text"]);
  });

  it("recognises typed lists and bare addresses in HTML too", () => {
    expect(lines("<p>- one</p><p>- two</p><p>See https://example.org/a.</p>")).toEqual(["- one", "- two", "See [https://example.org/a](https://example.org/a)."]);
  });

  it("returns null for an empty clipboard and an empty body for images alone", () => {
    expect(readPaste({ html: "", text: "  \n" })).toBeNull();
    expect(outline(paste({ html: "<img src=https://example.org/a.png>" }).body)).toEqual([""]);
  });
});

describe("readPaste: plain text", () => {
  it("recognises lists, links and headings (levels shift down one when the text has a level-1 heading, as in import)", () => {
    const { body, release } = paste({
      text: "## Key points\n\n- first point\n* second point\n\n1. step one\n2. step two\n\nDetails at https://example.org/details and www.example.org/more.\n\n# Contact",
    });
    expect(outline(body)).toEqual([
      "### Key points",
      "- first point",
      "- second point",
      "1. step one",
      "1. step two",
      "Details at [https://example.org/details](https://example.org/details) and [www.example.org/more](https://www.example.org/more).",
      "## Contact",
    ]);
    expect(release).toBeNull();
  });

  it("does not link what the allow-list refuses", () => {
    expect(outline(paste({ text: "Not javascript:alert(1) nor ftp://example.org/x" }).body)).toEqual(["Not javascript:alert(1) nor ftp://example.org/x"]);
  });

  it("keeps a whole release in the text as pasted, and offers its details with the letterhead set aside", () => {
    const { body, release } = paste({ text: fixture("press-release.txt").toString("utf8") });
    const all = outline(body);
    expect(all.slice(0, 4)).toEqual([
      "Ministry of Examples\\nPress Office\\n12 Avenue of the Example, 1200 Geneva, Switzerland\\nTel. +41 22 000 00 00 | [press@example.org](mailto:press@example.org)",
      "PRESS RELEASE",
      "Geneva, 3 March 2019\\nNo. 2019/12",
      "Ministry launches a fund for coastal examples",
    ]);

    expect(release?.details).toEqual({
      headline: "Ministry launches a fund for coastal examples",
      type: "press-release",
      language: "en",
      releaseDate: "2019-03-03",
      dateline: "Geneva",
      reference: "2019/12",
    });
    expect(release?.setAside).toEqual(["Ministry of Examples", "Press Office", "12 Avenue of the Example, 1200 Geneva, Switzerland", "Tel. +41 22 000 00 00 | press@example.org"]);
    const text = outline(release!.body);
    expect(text[0]).toMatch(/^The Ministry of Examples today launched a fund/);
    expect(text).toContain("- field surveys of coastal examples;");
    expect(text.join("\n")).not.toMatch(/PRESS RELEASE|Press Office|3 March 2019|No\. 2019\/12/);
    expect(validateBody(release!.body).ok).toBe(true);
  });

  it("recognises a whole release in HTML, and sets aside 'For immediate release'", () => {
    const { release } = paste({
      html: "<p><b>Ministry of Examples</b></p><p>Rue 1, 1200 Geneva</p><p>PRESS RELEASE</p><p>For immediate release</p><p>3 March 2019</p><h1>Fund launched</h1><p>Text.</p>",
    });
    expect(release?.details).toMatchObject({ headline: "Fund launched", type: "press-release", releaseDate: "2019-03-03" });
    expect(release?.setAside).toEqual(["Ministry of Examples", "Rue 1, 1200 Geneva", "For immediate release"]);
    expect(outline(release!.body)).toEqual(["Text."]);
  });

  it("offers nothing for ordinary paragraphs that mention a date", () => {
    expect(paste({ text: "The fund opened on 3 March 2019.\n\nApplications close on 30 June 2019." }).release).toBeNull();
    expect(paste({ text: "Geneva, 3 March 2019" }).release).toBeNull();
  });
});

describe("draftChange", () => {
  it("changes only the recognised fields, and the type only when the organisation has it", () => {
    const details = { headline: "H", type: "press-release", releaseDate: "2019-03-03", reference: "2019/12" };
    expect(draftChange(details, ["press-release", "statement"])).toEqual({ headline: "H", type: "press-release", releaseDate: "2019-03-03", reference: "2019/12" });
    expect(draftChange(details, ["statement"])).toEqual({ headline: "H", releaseDate: "2019-03-03", reference: "2019/12" });
  });
});
