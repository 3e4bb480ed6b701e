import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanPastedHtml } from "./paste";

const wordFixture = readFileSync(fileURLToPath(new URL("../../e2e/fixtures/word-paste.html", import.meta.url)), "utf8");

describe("cleanPastedHtml: a Word / Google Docs clipboard", () => {
  const html = cleanPastedHtml(wordFixture);

  it("keeps headings (h1 becomes a subheading), bold, italic and allowed links", () => {
    expect(html).toContain("<h2>Ministry opens new visitor centre</h2>");
    expect(html).toContain("<h2>What visitors will find</h2>");
    expect(html).toContain("<strong>today opened</strong>");
    expect(html).toContain("<em>Geneva</em>");
    expect(html).toContain('<a href="https://example.org/centre">full programme</a>');
    expect(html).not.toContain("<h1");
  });

  it("turns Word's list paragraphs into bulleted and numbered lists without their markers", () => {
    expect(html).toMatch(/<ul><li>An exhibition on public health<\/li>\s*<li>Guided tours every Friday<\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>Book online<\/li>\s*<li>Bring an ID<\/li><\/ol>/);
    expect(html).not.toContain("·");
  });

  it("keeps tables without their attributes", () => {
    expect(html).toContain("<table>");
    expect(html).toContain("<td><p><strong>Day</strong></p></td>");
    expect(html).not.toMatch(/<td [^>]*>/);
  });

  it("drops styles, classes, fonts, scripts, Office XML, images and bad links", () => {
    for (const gone of ["style", "class=", "Mso", "font-family", "<script", "alert(", "<o:p", "<xml", "w:WordDocument", "<img", "file:///", "javascript:", "<span", "<title", "Press release", "supportLists", "docs-internal-guid"]) {
      expect(html).not.toContain(gone);
    }
    expect(html).toContain("this bad link"); // The text of a refused link stays, unlinked.
  });

  it("reads Google Docs' wrapper and styled spans correctly", () => {
    expect(html).toContain("<p><strong>Google bold</strong> and <em>Google italic</em></p>");
  });
});

describe("cleanPastedHtml: web pages and edge cases", () => {
  it("removes event handlers and dangerous elements with their content", () => {
    expect(cleanPastedHtml('<p onclick="x()">a<iframe src="https://evil.example">b</iframe><svg><script>c</script></svg>d</p>')).toBe("<p>ad</p>");
    expect(cleanPastedHtml("<img src=x onerror=alert(1)><p>t</p>")).toBe("<p>t</p>");
  });

  it("keeps only allowed link addresses, decoding entities before checking", () => {
    expect(cleanPastedHtml('<a href="&#106;avascript:alert(1)">x</a>')).toBe("x");
    expect(cleanPastedHtml('<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="opener">x</a>')).toBe('<a href="https://example.org/?a=1&amp;b=2">x</a>');
    expect(cleanPastedHtml('<a href="/relative">x</a>')).toBe("x");
    expect(cleanPastedHtml('<a name="_Toc1">x</a>')).toBe("x");
  });

  it("maps headings to the two allowed levels and keeps quotations and line breaks", () => {
    expect(cleanPastedHtml("<h4>a</h4><h6>b</h6><blockquote>c<br/>d</blockquote>")).toBe("<h3>a</h3><h3>b</h3><blockquote>c<br>d</blockquote>");
  });

  it("closes what was left open and ignores stray closing tags", () => {
    expect(cleanPastedHtml("<p><b>bold")).toBe("<p><strong>bold</strong></p>");
    expect(cleanPastedHtml("</i>text</p>")).toBe("text");
  });

  it("keeps table spans but not widths, and drops column groups", () => {
    expect(cleanPastedHtml('<table><colgroup><col width="100"></colgroup><tr><th colspan="2" width="50" style="color:red">h</th></tr></table>')).toBe(
      '<table><tr><th colspan="2">h</th></tr></table>',
    );
  });

  it("leaves plain text alone", () => {
    expect(cleanPastedHtml("Just text &amp; more")).toBe("Just text &amp; more");
  });
});
