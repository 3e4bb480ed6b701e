import { describe, expect, it } from "vitest";
import { type HtmlElement, type HtmlNode, MAX_DEPTH, MAX_ELEMENTS } from "./html-tree";
import { tokeniseHtml } from "./tokenise";

/** The tree as compact text: name[attr=value](children). */
function show(node: HtmlNode): string {
  if (typeof node === "string") return JSON.stringify(node);
  const attrs = Object.entries(node.attrs).map(([name, value]) => `${name}=${value}`);
  const marker = node.listMarker !== undefined ? `{${node.listMarker}}` : "";
  return `${node.name}${attrs.length ? `[${attrs.join(",")}]` : ""}${marker}(${node.children.map(show).join(" ")})`;
}

const parse = (html: string) => tokeniseHtml(html).root.children.map(show).join(" ");

describe("tokeniseHtml", () => {
  it("reads quoted, unquoted and valueless attributes, with > and entities inside quotes", () => {
    expect(parse(`<p class=MsoNormal style='a:b' title="x > y &amp; z" hidden>t</p>`)).toBe('p[class=MsoNormal,style=a:b,title=x > y & z,hidden=](\"t\")');
  });

  it("closes paragraphs, list items and cells the way browsers do", () => {
    expect(parse("<p>a<p>b<div>c</div>")).toBe('p("a") p("b") div("c")');
    expect(parse("<ul><li>a<li>b</ul>")).toBe('ul(li("a") li("b"))');
    expect(parse("<table><tr><td>a<td>b<tr><td>c</table>")).toBe('table(tr(td("a") td("b")) tr(td("c")))');
    expect(parse("<b>a<i>b</b>c")).toBe('b("a" i("b")) "c"');
  });

  it("skips comments, doctypes, scripts, styles and dropped subtrees, and counts active content", () => {
    const parsed = tokeniseHtml("<!DOCTYPE html><?xml x?><!-- c --><script>if (a < b) {}</script><style>p{}</style><svg><text>t</text></svg><p>kept</p><iframe src=x></iframe>");
    expect(parsed.root.children.map(show)).toEqual(['p("kept")']);
    expect(parsed.activeContent).toBe(2);
  });

  it("keeps Word's list markers from downlevel conditionals, in both spellings, and drops other conditionals", () => {
    expect(parse("<p style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.<span>&nbsp;</span></span><![endif]>Item</p>")).toBe(
      'p[style=mso-list:l0 level1 lfo1]{1.\u00a0}("Item")',
    );
    expect(parse("<p><!--[if !supportLists]-->·<!--[endif]-->Item</p>")).toBe('p{·}("Item")');
    expect(parse("<p>a<![if !supportLineBreakNewLine]><br><![endif]>b</p>")).toBe('p("ab")');
    expect(parse("<!--[if gte mso 9]><xml><w:x>Print</w:x></xml><![endif]--><p>t</p>")).toBe('p("t")');
  });

  it("takes the language from <html lang> and ends an unclosed <head> at the content", () => {
    const parsed = tokeniseHtml("<html lang=EN-GB><head><title>x</title><meta charset=utf-8><p>content</p>");
    expect(parsed.lang).toBe("EN-GB");
    expect(parsed.root.children.map(show)).toEqual(['p("content")']);
  });

  it("caps nesting depth and never throws on broken markup", () => {
    const parsed = tokeniseHtml(`${"<div>".repeat(MAX_DEPTH * 3)}deep`);
    let depth = 0;
    let node: HtmlElement | undefined = parsed.root;
    while (node) {
      depth += 1;
      node = node.children.find((child): child is HtmlElement => typeof child !== "string");
    }
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 1);
    for (const broken of ["<", "<p", "<p class='x", "</", "</p", "<!--", "<![", "<a href=", "<<>>", "&#xFFFFFFF;", "</div></div>text"]) {
      expect(() => tokeniseHtml(broken)).not.toThrow();
    }
    expect(parse("a < b and c<d")).toBe('"a < b and c"');
  });

  it("decodes references in text and attributes as browsers do", () => {
    expect(parse("<p title='&#150; ?a=1&copy=2&amp;b'>&#150;&#x93;caf&eacute &#0;</p>")).toBe('p[title=\u2013 ?a=1&copy=2&b]("–“café \uFFFD")');
  });

  it("reads a self-closed script or title to its end tag, as browsers do, so its content never becomes text", () => {
    expect(parse("<script/>alert(1)</script><title/>t</title><p>kept</p>")).toBe('p("kept")');
  });

  it("answers end tags that match nothing against a deep stack in linear time", () => {
    const started = performance.now();
    const parsed = tokeniseHtml(`${"<div>".repeat(200_000)}${"</span>".repeat(200_000)}<svg>${"<g>".repeat(200_000)}${"</x>".repeat(200_000)}</svg>end`);
    // Generous (shared CI machines): quadratic time here would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(parsed.truncated).toBe(false);
  }, 20_000);

  it("stops reading after MAX_ELEMENTS elements and says so", () => {
    const parsed = tokeniseHtml(`${"<br>".repeat(MAX_ELEMENTS + 10)}<p>after</p>`);
    expect(parsed.truncated).toBe(true);
    expect(JSON.stringify(parsed.root)).not.toContain("after");
  }, 20_000);
});
