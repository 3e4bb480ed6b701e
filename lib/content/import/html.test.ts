import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { fixture, outline } from "@/tests/fixtures/import/helpers";
import { bodySchema } from "../extensions";
import { renderBodyHtml } from "../render";
import { validateBody } from "../validate";
import { importHtml } from "./html";

const tablesSupported = Object.hasOwn(bodySchema().nodes, "table");

function expectValid(body: JSONContent) {
  const result = validateBody(body);
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.doc).toEqual(body);
}

describe("importHtml on Word's web-page markup", () => {
  const result = importHtml(fixture("statement-word.html").toString("utf8"));

  it("recognises type, date, reference, headline and the document language", () => {
    expect(result.content).toMatchObject({
      headline: "Exampleland welcomes the Coastal Examples Convention",
      type: "statement",
      releaseDate: "2019-03-03",
      reference: "ST/2019/07",
      language: "en-GB",
    });
    expect(result.content.dateline).toBeUndefined();
  });

  it("reports the letterhead, the image, the refused link, the script and the hidden text", () => {
    expect(result.warnings).toEqual([
      "Letterhead lines were left out: Permanent Mission of Exampleland / Rue de l’Exemple 7, 1202 Geneva / Tel. +41 22 000 00 00 – mission@example.org",
      "An image was left out; add it in the editor.",
      "A link was kept as plain text because Pressroom only links to http, https, mailto and tel addresses: “javascript:alert(document.cookie)”.",
      "Scripts, frames and embedded objects were left out.",
      "Hidden text was left out.",
    ]);
  });

  it("keeps headings, bold, italic, Word's list paragraphs (nested, numbered), links, the table and the quotation", () => {
    expectValid(result.content.body);
    expect(outline(result.content.body)).toEqual([
      "Exampleland **warmly welcomes** the adoption of the Coastal Examples Convention by the _Conference of the Parties_ today.",
      "## What the Convention does",
      "- It protects **coastal** examples;",
      "  - including those in estuaries;",
      "- It sets up a [shared registry](https://example.org/registry).",
      "Next steps:",
      "1. Signature in [New York](HTTPS://EXAMPLE.ORG/signature)",
      "1. Ratification by 40 States",
      ...(tablesSupported
        ? ["| !Region | !Signatories |", "| Africa | 12 |"]
        : ["**Region** | **Signatories**", "Africa | 12"]),
      "> “A good day for the coasts,” said the Ambassador.",
      "More: the full text and annex; contact [mission@example.org](mailto:mission@example.org).\\nGeneva Office",
    ]);
  });

  it("drops styles, fonts, classes and Word's XML: nothing of them reaches the body", () => {
    const json = JSON.stringify(result.content.body);
    for (const leak of ["Calibri", "font", "Mso", "style", "Print", "pwned", "Internal note", "onclick", "steal", "javascript", "class"]) {
      expect(json).not.toContain(leak);
    }
  });
});

describe("importHtml on Google Docs clipboard markup", () => {
  const result = importHtml(fixture("media-advisory-gdocs.html").toString("utf8"));

  it("recognises type, date and place, headline and italic subtitle", () => {
    expect(result.content).toEqual({
      headline: "Press briefing on the Coastal Examples Report",
      type: "media-advisory",
      language: "en",
      releaseDate: "2019-03-03",
      dateline: "Brussels",
      subtitle: "Journalists are invited to a briefing with the Director",
      body: result.content.body,
    });
    expect(result.warnings).toEqual(["Letterhead lines were left out: European Office for Examples / Rue Example 1, 1000 Brussels · www.example.eu"]);
  });

  it("reads bold and italic from styles (the font-weight:normal wrapper is not bold), sub-lists beside items, Google's redirect links", () => {
    expectValid(result.content.body);
    expect(outline(result.content.body)).toEqual([
      "The Director will present the **Coastal Examples Report** and answer _questions_.",
      "## Practical details",
      "- **When:** 5 March 2019, 10:00",
      "- **Where:** Press room, Rue Example 1",
      "  - Entrance B, bring a press card",
      "- **Accreditation:** [register online](https://example.eu/accreditation)",
      "Contact: [press@example.eu](mailto:press@example.eu)",
    ]);
  });
});

describe("importHtml: structure", () => {
  it("takes the first h1 as headline and shifts the remaining headings to levels 2 and 3", () => {
    const { content } = importHtml("<h1>Title</h1><p>Intro.</p><h1>Part</h1><h2>Sub</h2><h4>Minor</h4><p>End.</p>");
    expect(content.headline).toBe("Title");
    expect(outline(content.body)).toEqual(["Intro.", "## Part", "### Sub", "### Minor", "End."]);
  });

  it("maps h2 to level 2 and h3–h6 to level 3 when the body has no h1", () => {
    const { content } = importHtml("<h2>Title</h2><p>Intro.</p><h2>Part</h2><h3>Sub</h3><h6>Tiny</h6>");
    expect(content.headline).toBe("Title");
    expect(outline(content.body)).toEqual(["Intro.", "## Part", "### Sub", "### Tiny"]);
  });

  it("uses the first substantial paragraph as headline when there is no heading", () => {
    const { content } = importHtml("<p><b>Bold headline</b></p><p>Text with <br>a break and   spaces.</p>");
    expect(content.headline).toBe("Bold headline");
    expect(outline(content.body)).toEqual(["Text with\\na break and spaces."]);
  });

  it("turns typed bullets in paragraphs into lists and keeps ol start numbers", () => {
    const { content } = importHtml("<h1>T</h1><p>• one</p><p>- two</p><ol start=4><li>four</li><li>five</li></ol>");
    expect(outline(content.body)).toEqual(["- one", "- two", "4. four", "4. five"]);
    const list = content.body.content?.[1];
    expect(list).toMatchObject({ type: "orderedList", attrs: { start: 4 } });
  });

  it("rebuilds lists from Word's filtered HTML, where markers are typed out and levels are indents", () => {
    const { content } = importHtml(
      "<h1>T</h1>" +
        "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt'><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span>one</p>" +
        "<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt'><span style='font-family:\"Courier New\"'>o<span>&nbsp;&nbsp; </span></span>two</p>" +
        "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>3.<span>&nbsp; </span></span>three</p>" +
        "<p class=MsoListParagraph>Mr.&nbsp;Smith, indented text</p>",
    );
    expect(outline(content.body)).toEqual(["- one", "  - two", "3. three", "Mr.\u00a0Smith, indented text"]);
  });

  it("gives list items that start with something else a paragraph first, and keeps quotations", () => {
    const { content } = importHtml("<h1>T</h1><ul><li><ul><li>inner</li></ul></li><li><h3>head</h3>text</li></ul><blockquote>quoted<p>more</p></blockquote>");
    expectValid(content.body);
    expect(outline(content.body)).toEqual(["- ", "  - inner", "- head", "  text", "> quoted", "> more"]);
  });

  it("turns a data table into rows and a layout table into its paragraphs", () => {
    const { content, warnings } = importHtml(
      "<h1>T</h1><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>" +
        "<table><tr><td><p>Logo</p></td><td><p>Street 1</p><p>City</p></td></tr></table>",
    );
    expectValid(content.body);
    expect(outline(content.body)).toEqual([...(tablesSupported ? ["| !A | !B |", "| 1 | 2 |"] : ["**A** | **B**", "1 | 2"]), "Logo", "Street 1", "City"]);
    expect(warnings).toEqual(tablesSupported ? [] : ["A table was turned into paragraphs, one per row; check it."]);
  });

  it("decodes character references", () => {
    const { content } = importHtml("<h1>Caf&eacute; &amp; co&#8217;s &#x201C;news&#x201D; &nbsp;&euro;5 &unknown; &#150;</h1><p>x</p>");
    expect(content.headline).toBe("Café & co’s “news” €5 &unknown; –");
  });
});

describe("importHtml: hostile markup yields a safe, valid body", () => {
  const hostile = [
    "<script>alert(1)</script><h1 onclick=\"alert(2)\">Safe title</h1>",
    "<p style=\"background:url(javascript:alert(3))\" onmouseover=\"alert(4)\">Text <a href=\"javascript:alert(5)\">js</a> ",
    "<a href=\"jav&#x09;ascript:alert(6)\">tab</a> <a href=\" JAVASCRIPT:alert(7)\">upper</a> <a href=\"data:text/html,<script>alert(8)</script>\">data</a> ",
    "<a href=\"vbscript:msgbox(9)\">vb</a> <a href=\"//evil.example/x\">protocol-relative</a> <a href=\"/relative\">relative</a> ",
    "<a href=\"https://user:pw@evil.example/\">userinfo</a> <a href=\"https://ok.example/a b\">spaced</a></p>",
    "<img src=x onerror=alert(10)><svg onload=alert(11)><script>alert(12)</script><text>svg text</text></svg>",
    "<iframe src=\"https://evil.example\">frame text</iframe><object data=x>object text</object><embed src=x>",
    "<style>p { color: red }</style><noscript><p>noscript text</p></noscript><template><p>template text</p></template>",
    "<math><mi>x</mi></math><form action=\"https://evil.example\"><input value=\"input text\"><button>button text</button><textarea>area text</textarea>Form text</form>",
    "<p>Comment <!-- <script>alert(13)</script> --> end</p><![CDATA[<script>alert(14)</script>]]>",
    "<p>Unclosed <b>bold <i>both</p><p>after</p><div><p>a<p>b</div>&lt;script&gt;alert(15)&lt;/script&gt;",
    "<title>page title</title><p>x</p><script>never closed",
  ].join("");
  const { content, warnings } = importHtml(hostile);

  it("is valid and carries no script, handler or refused scheme", () => {
    expectValid(content.body);
    const json = JSON.stringify(content.body);
    for (const bad of ["javascript", "JAVASCRIPT", "vbscript", "data:", "onerror", "onclick", "onload", "onmouseover", "evil.example", "alert(1)", "alert(12)", "svg text", "frame text", "object text", "noscript text", "template text", "input text", "button text", "area text", "page title", "never closed", "style"]) {
      expect(json, bad).not.toContain(bad);
    }
    const html = renderBodyHtml(content.body);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|\son\w+=/i);
  });

  it("keeps the text and the one acceptable link", () => {
    expect(content.headline).toBe("Safe title");
    expect(outline(content.body)).toEqual([
      "Text js tab upper data vb protocol-relative relative userinfo [spaced](https://ok.example/a%20b)",
      "Form text",
      "Comment end",
      "Unclosed **bold ****_both_**",
      "after",
      "a",
      "b",
      "<script>alert(15)</script>",
      "x",
    ]);
    expect(warnings).toEqual([
      "An image was left out; add it in the editor.",
      "8 links were kept as plain text because Pressroom only links to http, https, mailto and tel addresses: “javascript:alert(5)”, “jav ascript:alert(6)”, “JAVASCRIPT:alert(7)”, “data:text/html,<script>alert(8)</script>”, “vbscript:msgbox(9)”, ….",
      "Scripts, frames and embedded objects were left out.",
    ]);
  });

  it("survives deep nesting, unclosed tags and huge attribute soup in linear time", () => {
    const deep = `${"<div><blockquote><ul><li>".repeat(3000)}deep${"</li></ul></blockquote></div>".repeat(10)}`;
    const started = performance.now();
    const nested = importHtml(`<h1>T</h1>${deep}<p ${"a=b ".repeat(50_000)}>attrs</p><p>${"<b>".repeat(20_000)}bold</p>`);
    // Generous (shared CI machines): what this guards against is quadratic time, which would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
    expectValid(nested.content.body);
    expect(JSON.stringify(nested.content.body)).toContain("deep");
    expect(JSON.stringify(nested.content.body)).toContain("bold");
  }, 30_000);
});
