import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { MAX_BODY_BYTES, MAX_BODY_DEPTH, validateBody } from "./validate";
import { emptyBody } from "./render";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const link = (href: unknown, extra: Record<string, unknown> = {}) => [{ type: "link", attrs: { href, ...extra } }];

/** Every element a body may contain, as the editor produces it. */
const fullDoc = (): JSONContent =>
  doc(
    { type: "heading", attrs: { level: 2 }, content: [text("Subheading")] },
    { type: "heading", attrs: { level: 3 }, content: [text("Minor heading")] },
    p(
      text("Plain, "),
      text("bold", [{ type: "bold" }]),
      text(", "),
      text("italic", [{ type: "italic" }]),
      { type: "hardBreak" },
      text("a link", link("https://example.org/news")),
      text(" and "),
      text("mail", link("mailto:press@example.org")),
      text(" or "),
      text("call", link("tel:+41441234567")),
    ),
    { type: "bulletList", content: [{ type: "listItem", content: [p(text("First point"))] }, { type: "listItem", content: [p(text("Second point"))] }] },
    { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [p(text("Step one"))] }] },
    { type: "blockquote", content: [p(text("A quotation."))] },
  );

function refused(json: unknown): string {
  const result = validateBody(json);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.doc)}`);
  return result.error;
}

describe("validateBody: accepted documents", () => {
  it("accepts a document with every allowed element and returns it unchanged in substance", () => {
    const result = validateBody(fullDoc());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc).toEqual(fullDoc());
  });

  it("accepts the empty body", () => {
    expect(validateBody(emptyBody())).toEqual({ ok: true, doc: { type: "doc", content: [{ type: "paragraph" }] } });
  });

  it("keeps only href on links (target, rel, class, title from the JSON are dropped) and trims it", () => {
    const result = validateBody(
      doc(p(text("site", link("  https://example.org/  ", { target: "_blank", rel: "opener", class: "evil", title: "t", onclick: "x" })))),
    );
    expect(result).toEqual({ ok: true, doc: doc(p(text("site", [{ type: "link", attrs: { href: "https://example.org/" } }]))) });
  });

  it("drops unknown keys and unknown attributes, fills in schema defaults", () => {
    const result = validateBody({
      type: "doc",
      extra: "x",
      content: [{ type: "heading", attrs: { level: 2, style: "color:red", onclick: "x" }, id: 5, content: [text("Title")] }],
    });
    expect(result).toEqual({ ok: true, doc: doc({ type: "heading", attrs: { level: 2 }, content: [text("Title")] }) });
  });

  it("removes control characters that break XML feeds, keeps tab and newlines, drops text left empty", () => {
    const result = validateBody(doc(p(text("a\u0000b\u000bc\td\ne\uffff")), p(text("\u0007"))));
    expect(result).toEqual({ ok: true, doc: doc(p(text("abc\td\ne")), { type: "paragraph" }) });
  });

  it("merges the same mark given twice", () => {
    const result = validateBody(doc(p(text("x", [{ type: "bold" }, { type: "bold" }]))));
    expect(result).toEqual({ ok: true, doc: doc(p(text("x", [{ type: "bold" }]))) });
  });
});

describe("validateBody: links (XSS and URL corpus)", () => {
  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\nscript:alert(1)",
    " javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    "/relative/path",
    "page.html",
  ])("refuses a link to %j", (href) => {
    const error = refused(doc(p(text("click here", link(href)))));
    expect(error).toMatch(/^(A link must start with http:\/\/, https:\/\/, mailto: or tel:|A link address cannot contain spaces)/);
    expect(error).toContain("(see the link on “click here”).");
  });

  it("uses the plain sentence for a refused scheme", () => {
    expect(refused(doc(p(text("x", link("javascript:alert(1)")))))).toBe(
      "A link must start with http://, https://, mailto: or tel: (see the link on “x”).",
    );
  });

  it.each(["https://example.org/", "http://example.org/a?b=c#d", "mailto:press@example.org", "tel:+41441234567"])(
    "accepts a link to %j",
    (href) => {
      expect(validateBody(doc(p(text("x", link(href)))))).toEqual({ ok: true, doc: doc(p(text("x", link(href)))) });
    },
  );

  it("refuses a link without an address", () => {
    expect(refused(doc(p(text("x", [{ type: "link" }]))))).toBe("Enter a link address (see the link on “x”).");
    expect(refused(doc(p(text("x", link(42)))))).toBe("Enter a link address (see the link on “x”).");
  });

  it("refuses two different links on the same text", () => {
    expect(refused(doc(p(text("x", [...link("https://a.example/"), ...link("https://b.example/")]))))).toBe(
      "The text “x” has two different links; keep only one.",
    );
  });
});

describe("validateBody: structure", () => {
  it("refuses an unknown node type, naming it", () => {
    expect(refused(doc({ type: "codeBlock", content: [text("x")] }))).toBe("The body contains an element Pressroom does not support: codeBlock");
    expect(refused(doc({ type: "image", attrs: { src: "https://example.org/a.png" } }))).toBe(
      "The body contains an element Pressroom does not support: image",
    );
    expect(refused(doc({ type: "horizontalRule" }))).toBe("The body contains an element Pressroom does not support: horizontalRule");
    expect(refused(doc({ type: "__proto__" }))).toBe("The body contains an element Pressroom does not support: __proto__");
  });

  it("refuses an unknown mark, naming it", () => {
    expect(refused(doc(p(text("x", [{ type: "strike" }]))))).toBe("The body contains formatting Pressroom does not support: strike");
    expect(refused(doc(p(text("x", [{ type: "underline" }]))))).toBe("The body contains formatting Pressroom does not support: underline");
    expect(refused(doc(p(text("x", [{ type: "code" }]))))).toBe("The body contains formatting Pressroom does not support: code");
  });

  it("refuses a paragraph inside a paragraph", () => {
    expect(refused(doc({ type: "paragraph", content: [p(text("inner"))] }))).toBe("A paragraph cannot contain a paragraph.");
  });

  it("refuses other bad nesting in words", () => {
    expect(refused(doc(text("loose")))).toBe("Text must be inside a paragraph or a heading.");
    expect(refused(doc({ type: "listItem", content: [p(text("x"))] }))).toBe("The body cannot contain a list item.");
    expect(refused(doc({ type: "bulletList", content: [] }))).toBe("A bulleted list cannot be empty.");
    expect(refused(doc({ type: "bulletList", content: [p(text("x"))] }))).toBe("A bulleted list cannot contain a paragraph.");
    expect(refused(doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "heading", attrs: { level: 2 } }] }] }))).toBe(
      "A list item cannot start with a heading.",
    );
    expect(refused(doc(p(text("x")), doc(p(text("y")))))).toBe("The body cannot contain the body.");
    expect(refused({ type: "doc", content: [] })).toBe("The body is empty: it must contain at least one paragraph.");
    expect(refused({ type: "doc" })).toBe("The body is empty: it must contain at least one paragraph.");
  });

  it("refuses heading level 1 and other levels", () => {
    const message = "Only subheadings (level 2) and minor headings (level 3) are allowed; the title is the only level 1 heading.";
    expect(refused(doc({ type: "heading", attrs: { level: 1 }, content: [text("Big")] }))).toBe(message);
    expect(refused(doc({ type: "heading", content: [text("No level means level 1")] }))).toBe(message);
    expect(refused(doc({ type: "heading", attrs: { level: 4 }, content: [text("x")] }))).toBe(message);
    expect(refused(doc({ type: "heading", attrs: { level: "2" }, content: [text("x")] }))).toBe(message);
  });

  it("refuses odd numbered-list attributes", () => {
    expect(refused(doc({ type: "orderedList", attrs: { start: -1 }, content: [{ type: "listItem", content: [p(text("x"))] }] }))).toBe(
      "A numbered list must start at a whole number between 0 and 1,000,000.",
    );
    expect(refused(doc({ type: "orderedList", attrs: { type: "disc" }, content: [{ type: "listItem", content: [p(text("x"))] }] }))).toBe(
      "A numbered list uses a numbering style Pressroom does not support.",
    );
  });

  it("requires doc at the top", () => {
    const message = "The body is not a valid document: it must start with a “doc” element.";
    expect(refused(p(text("x")))).toBe(message);
    expect(refused({ content: [p(text("x"))] })).toBe(message);
  });

  it("refuses what is not a document shape at all", () => {
    const message = "The body is not a valid document. Reload the page and try again.";
    const badText = { type: "text", text: 5 } as unknown as JSONContent;
    const bad: unknown[] = [null, undefined, "doc", 42, [], doc(p({ type: "text" })), doc(p(badText)), { type: "doc", content: "x" }, doc(p(text("x", "bold" as never)))];
    for (const json of bad) {
      expect(refused(json)).toBe(message);
    }
    expect(refused(doc({ type: "heading", attrs: { level: { valueOf: 2 } }, content: [text("x")] }))).toBe(message);
  });

  it("refuses nesting deeper than the limit", () => {
    let node: JSONContent = p(text("deep"));
    for (let i = 0; i < MAX_BODY_DEPTH + 5; i++) node = { type: "blockquote", content: [node] };
    expect(refused(doc(node))).toMatch(/^The body is nested too deeply/);
  });
});

describe("validateBody: size", () => {
  it("refuses a body over MAX_BODY_BYTES with a clear message", () => {
    expect(MAX_BODY_BYTES).toBe(1_000_000);
    const big = doc(p(text("x".repeat(MAX_BODY_BYTES))));
    expect(refused(big)).toBe("The text is too long: it takes 1,001 KB and the limit is 1,000 KB. Shorten it or split it into several releases.");
  });

  it("counts bytes, not characters", () => {
    // 400,000 three-byte characters: 1.2 MB of JSON though only 400,000 characters.
    expect(refused(doc(p(text("€".repeat(400_000)))))).toMatch(/^The text is too long: /);
  });

  it("accepts a body just under the limit", () => {
    const overhead = JSON.stringify(doc(p(text("")))).length;
    const result = validateBody(doc(p(text("x".repeat(MAX_BODY_BYTES - overhead)))));
    expect(result.ok).toBe(true);
  });
});

const cell = (type: "tableHeader" | "tableCell", value: string, attrs?: Record<string, unknown>): JSONContent => ({ type, ...(attrs ? { attrs } : {}), content: [p(text(value))] });
const table = (...rows: JSONContent[][]): JSONContent => ({ type: "table", content: rows.map((cells) => ({ type: "tableRow", content: cells })) });
const figure = (attrs: Record<string, unknown>): JSONContent => ({ type: "figure", attrs });

describe("validateBody: tables", () => {
  it("accepts a table with a header row", () => {
    const result = validateBody(doc(table([cell("tableHeader", "Year"), cell("tableHeader", "Visitors")], [cell("tableCell", "2025"), cell("tableCell", "1,200")])));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const firstRow = result.doc.content?.[0]?.content?.[0];
    expect(firstRow?.content?.[0]?.type).toBe("tableHeader");
    expect(firstRow?.content?.[0]?.attrs).toMatchObject({ colspan: 1, rowspan: 1 });
  });

  it("refuses a row outside a table, a cell outside a row and text directly in a cell", () => {
    expect(refused(doc({ type: "tableRow", content: [cell("tableCell", "x")] }))).toMatch(/table row/);
    expect(refused(doc(table([{ type: "tableCell", content: [text("bare")] }])))).toBe("Text must be inside a paragraph or a heading.");
    expect(refused(doc({ type: "table", content: [] }))).toBe("A table cannot be empty.");
  });

  it("refuses odd spans and alignments", () => {
    expect(refused(doc(table([cell("tableCell", "x", { colspan: 0 })])))).toBe("A table cell can span between 1 and 100 rows or columns.");
    expect(refused(doc(table([cell("tableCell", "x", { rowspan: 1.5 })])))).toBe("A table cell can span between 1 and 100 rows or columns.");
    expect(refused(doc(table([cell("tableCell", "x", { align: "justify;background:url(x)" })])))).toBe("A table cell uses an alignment Pressroom does not support.");
  });
});

describe("validateBody: images", () => {
  const good = { src: "/media/0123456789abcdef.jpg", alt: "The minister at the podium", caption: "Geneva, 3 March", width: 1200, height: 800 };

  it("accepts a figure with our media, alt text and a caption", () => {
    const result = validateBody(doc(figure(good), p(text("After"))));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.doc.content?.[0]).toEqual({ type: "figure", attrs: good });
  });

  it("accepts a figure without a caption or dimensions", () => {
    expect(validateBody(doc(figure({ src: good.src, alt: "A chart" }))).ok).toBe(true);
  });

  it("requires alt text", () => {
    expect(refused(doc(figure({ ...good, alt: "" })))).toBe("Every image needs a description (alt text).");
    expect(refused(doc(figure({ ...good, alt: "   " })))).toBe("Every image needs a description (alt text).");
    expect(refused(doc(figure({ src: good.src })))).toBe("Every image needs a description (alt text).");
  });

  it("refuses images that are not our uploads", () => {
    for (const src of ["https://example.org/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "/media/../etc/passwd", "//evil.example/a.png", "/uploads/abcdef.png", null]) {
      expect(refused(doc(figure({ ...good, src })))).toMatch(/uploaded to Pressroom/);
    }
  });

  it("refuses bad dimensions and a figure inside a paragraph", () => {
    expect(refused(doc(figure({ ...good, width: -1 })))).toMatch(/width and height/);
    expect(refused(doc(figure({ ...good, height: "100" })))).toMatch(/width and height/);
    expect(refused(doc(p(figure(good))))).toBe("A paragraph cannot contain an image.");
  });
});

describe("validateBody: text in image attributes", () => {
  it("removes feed-breaking control characters from alt text and captions", () => {
    const result = validateBody(doc(figure({ src: "/media/0123456789abcdef.jpg", alt: "A\u0000 chart", caption: "Q1\u000B results" })));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.doc.content?.[0]?.attrs).toMatchObject({ alt: "A chart", caption: "Q1 results" });
  });
});
