import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { bodyToPlainText, emptyBody, renderBodyHtml, summaryFrom } from "./render";
import { validateBody } from "./validate";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const link = (href: unknown, extra: Record<string, unknown> = {}) => [{ type: "link", attrs: { href, ...extra } }];

const fullDoc = (): JSONContent =>
  doc(
    { type: "heading", attrs: { level: 2 }, content: [text("Results <2025>")] },
    { type: "heading", attrs: { level: 3 }, content: [text("Minor heading")] },
    p(
      text("Plain & "),
      text("bold", [{ type: "bold" }]),
      text(", "),
      text("italic", [{ type: "italic" }]),
      text(" both", [{ type: "bold" }, { type: "italic" }]),
      { type: "hardBreak" },
      text("a link", link("https://example.org/news?a=1&b=2")),
      text("."),
    ),
    { type: "bulletList", content: [{ type: "listItem", content: [p(text("First point"))] }, { type: "listItem", content: [p(text("Second point"))] }] },
    { type: "orderedList", attrs: { start: 3, type: null }, content: [{ type: "listItem", content: [p(text("Step three"))] }] },
    { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [p(text("Step one"))] }] },
    { type: "blockquote", content: [p(text("“We are delighted.”"))] },
  );

describe("renderBodyHtml", () => {
  it("renders every allowed element to the expected HTML", () => {
    expect(renderBodyHtml(fullDoc())).toBe(
      "<h2>Results &lt;2025&gt;</h2>" +
        "<h3>Minor heading</h3>" +
        '<p>Plain &amp; <strong>bold</strong>, <em>italic</em><em><strong> both</strong></em><br/><a href="https://example.org/news?a=1&amp;b=2" rel="noopener noreferrer">a link</a>.</p>' +
        "<ul><li><p>First point</p></li><li><p>Second point</p></li></ul>" +
        '<ol start="3"><li><p>Step three</p></li></ol>' +
        "<ol><li><p>Step one</p></li></ol>" +
        "<blockquote><p>“We are delighted.”</p></blockquote>",
    );
  });

  it("renders the validated document exactly like the editor's document", () => {
    const result = validateBody(fullDoc());
    expect(result.ok).toBe(true);
    if (result.ok) expect(renderBodyHtml(result.doc)).toBe(renderBodyHtml(fullDoc()));
  });

  it("renders the empty body as one empty paragraph", () => {
    expect(renderBodyHtml(emptyBody())).toBe("<p></p>");
  });

  it("gives links rel and never target, class or title, whatever the JSON says", () => {
    const html = renderBodyHtml(doc(p(text("x", link("https://example.org/", { target: "_blank", rel: "opener", class: "c", title: "t" })))));
    expect(html).toBe('<p><a href="https://example.org/" rel="noopener noreferrer">x</a></p>');
  });

  it("renders mailto: and tel: links", () => {
    expect(renderBodyHtml(doc(p(text("mail", link("mailto:press@example.org")), text(" "), text("call", link("tel:+41441234567")))))).toBe(
      '<p><a href="mailto:press@example.org" rel="noopener noreferrer">mail</a> <a href="tel:+41441234567" rel="noopener noreferrer">call</a></p>',
    );
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
  ])("drops an unvalidated href %j and renders the text unlinked", (href) => {
    const html = renderBodyHtml(doc(p(text("click", link(href)))));
    expect(html).toBe("<p>click</p>");
    expect(html.toLowerCase()).not.toContain("script:");
    expect(html).not.toContain("data:");
  });

  it("drops an href containing a quote (it could break out of the attribute)", () => {
    expect(renderBodyHtml(doc(p(text("x", link('https://example.org/"onmouseover="alert(1)')))))).toBe("<p>x</p>");
  });

  it("renders unknown node types and marks as their content only (no attributes, no URLs)", () => {
    const html = renderBodyHtml(
      doc(
        { type: "image", attrs: { src: "javascript:alert(1)", onerror: "alert(1)" } },
        { type: "callout", attrs: { class: "x" }, content: [p(text("inside", [{ type: "strike" }]))] },
      ),
    );
    expect(html).toBe("<p>inside</p>");
  });

  it("escapes text", () => {
    expect(renderBodyHtml(doc(p(text('<script>alert("x")</script>'))))).toBe('<p>&lt;script&gt;alert("x")&lt;/script&gt;</p>');
  });
});

describe("bodyToPlainText", () => {
  it("separates paragraphs, headings and list items with a blank line; line breaks stay single", () => {
    expect(bodyToPlainText(fullDoc())).toBe(
      [
        "Results <2025>",
        "Minor heading",
        "Plain & bold, italic both\na link.",
        "First point",
        "Second point",
        "Step three",
        "Step one",
        "“We are delighted.”",
      ].join("\n\n"),
    );
  });

  it("skips empty paragraphs and gives an empty string for the empty body", () => {
    expect(bodyToPlainText(doc(p(), p(text("  Only  ")), { type: "paragraph" }))).toBe("Only");
    expect(bodyToPlainText(emptyBody())).toBe("");
  });
});

describe("summaryFrom", () => {
  it("takes the first paragraph, not the headings", () => {
    expect(summaryFrom(fullDoc())).toBe("Plain & bold, italic both a link.");
  });

  it("returns a short paragraph unchanged, whitespace collapsed", () => {
    expect(summaryFrom(doc(p(text("  Zurich,   1 May  ")), p(text("Second"))))).toBe("Zurich, 1 May");
  });

  it("cuts a long paragraph at a word boundary and adds an ellipsis, within maxChars", () => {
    const long = doc(p(text("The quick brown fox jumps over the lazy dog, again and again.")));
    expect(summaryFrom(long, 20)).toBe("The quick brown fox…");
    expect(summaryFrom(long, 26)).toBe("The quick brown fox jumps…");
    expect(summaryFrom(long, 45)).toBe("The quick brown fox jumps over the lazy dog…");
    for (const max of [10, 20, 26, 45, 50]) expect(summaryFrom(long, max).length).toBeLessThanOrEqual(max);
  });

  it("keeps a word that ends exactly at the limit", () => {
    // "The quick" is 9 characters; with the ellipsis 10.
    expect(summaryFrom(doc(p(text("The quick brown"))), 10)).toBe("The quick…");
  });

  it("cuts inside a single very long word when there is no boundary", () => {
    expect(summaryFrom(doc(p(text("x".repeat(50)))), 10)).toBe("xxxxxxxxx…");
  });

  it("defaults to 280 characters", () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const summary = summaryFrom(doc(p(text(words))));
    expect(summary.length).toBeLessThanOrEqual(280);
    expect(summary.endsWith("…")).toBe(true);
    expect(words.startsWith(summary.slice(0, -1))).toBe(true);
    expect(words.charAt(summary.length - 1)).toBe(" ");
  });

  it("falls back to the first heading, then to an empty string", () => {
    expect(summaryFrom(doc({ type: "heading", attrs: { level: 2 }, content: [text("Only a heading")] }))).toBe("Only a heading");
    expect(summaryFrom(emptyBody())).toBe("");
  });
});

describe("renderBodyHtml: tables and images", () => {
  it("renders a table as plain markup with header cells", () => {
    const html = renderBodyHtml({
      type: "doc",
      content: [
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", attrs: { colspan: 2, colwidth: [200] }, content: [{ type: "paragraph", content: [{ type: "text", text: "Head" }] }] }] },
            { type: "tableRow", content: [{ type: "tableCell", attrs: { align: "center" }, content: [{ type: "paragraph", content: [{ type: "text", text: "A" }] }] }, { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "B" }] }] }] },
          ],
        },
      ],
    });
    expect(html).toBe('<table><tbody><tr><th scope="col" colspan="2"><p>Head</p></th></tr><tr><td><p>A</p></td><td><p>B</p></td></tr></tbody></table>');
  });

  it("renders a figure with escaped alt text and caption", () => {
    const html = renderBodyHtml({
      type: "doc",
      content: [{ type: "figure", attrs: { src: "/media/0123456789ab.png", alt: 'A "quoted" <b>', caption: "Caption & more", width: 640, height: 480 } }],
    });
    expect(html).toContain('<img src="/media/0123456789ab.png" alt="A &quot;quoted&quot; &lt;b&gt;" width="640" height="480" loading="lazy">');
    expect(html).toContain("<figcaption>Caption &amp; more</figcaption>");
    expect(html).not.toContain("<b>");
  });

  it("leaves out a figure whose src is not one of ours", () => {
    for (const src of ["javascript:alert(1)", "https://evil.example/x.png", "data:image/png;base64,AA"]) {
      const html = renderBodyHtml({ type: "doc", content: [{ type: "figure", attrs: { src, alt: "x" } }, { type: "paragraph", content: [{ type: "text", text: "after" }] }] });
      expect(html).toBe("<p>after</p>");
    }
  });

  it("omits the caption when there is none", () => {
    const html = renderBodyHtml({ type: "doc", content: [{ type: "figure", attrs: { src: "/media/0123456789ab.png", alt: "Chart" } }] });
    expect(html).not.toContain("figcaption");
  });
});
