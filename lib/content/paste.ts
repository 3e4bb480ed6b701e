import { isAllowedHref } from "./urls";

/**
 * Cleans HTML pasted from Word, Google Docs or a web page before the editor parses it
 * (Tiptap's `editorProps.transformPastedHTML`). Pure string → string, no DOM, so it runs the same in
 * the browser and in unit tests.
 *
 * Kept: paragraphs, headings (h1 becomes a subheading: the title is the page's only h1; h4–h6 become
 * minor headings), bold, italic, links with an allowed address (lib/content/urls.ts), lists, quotations,
 * line breaks and tables (spans only). Word's list paragraphs (class MsoListParagraph…, style
 * mso-list) become real lists; Google Docs' bold and italic spans (font-weight:700, font-style:italic)
 * become bold and italic, and its `<b style="font-weight:normal" id="docs-internal-guid-…">` wrapper is
 * not bold at all.
 * Dropped: every style, class, id and other attribute; fonts and colours; scripts, styles, Office XML
 * (`<o:p>`, `<w:…>`), conditional comments, images (only our own uploads may appear in a body, and
 * they are inserted with the image button), forms, frames and embedded objects — with their content.
 * Any other element (span, font, section…) is unwrapped: its text stays.
 */
export function cleanPastedHtml(html: string): string {
  const lists = wordListsToLists(removeOfficeNoise(html)).replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/gi, "");
  return sanitize(lists);
}

/** Elements removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "head", "title", "meta", "link", "style", "script", "noscript", "template", "xml", "iframe", "object", "embed", "frame", "frameset",
  "applet", "svg", "math", "canvas", "video", "audio", "picture", "source", "img", "map", "form", "input", "button", "select", "textarea",
  "colgroup", "col", "base",
]);
/** Elements without content (never pushed on the stack). */
const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "col", "base", "area", "wbr", "source", "embed", "param", "track"]);

/** Kept tags and what they are written as. */
const KEEP: Readonly<Record<string, string>> = {
  p: "p",
  div: "div",
  br: "br",
  h1: "h2",
  h2: "h2",
  h3: "h3",
  h4: "h3",
  h5: "h3",
  h6: "h3",
  strong: "strong",
  b: "strong",
  em: "em",
  i: "em",
  a: "a",
  ul: "ul",
  ol: "ol",
  li: "li",
  blockquote: "blockquote",
  table: "table",
  thead: "thead",
  tbody: "tbody",
  tfoot: "tbody",
  tr: "tr",
  th: "th",
  td: "td",
};

/** Conditional comments, Word's list-marker blocks and XML processing instructions. */
function removeOfficeNoise(html: string): string {
  return html
    .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!\[if[^\]]*\]>[\s\S]*?<!\[endif\]>/gi, (block) => (/supportLists/i.test(block) ? block : ""))
    .replace(/<\?[\s\S]*?\?>/g, "");
}

const WORD_LIST_PARAGRAPH = /<p\b([^>]*)>([\s\S]*?)<\/p>/gi;

/**
 * Word writes list items as paragraphs (class MsoListParagraph…, style "mso-list: l0 level1 lfo1") with
 * the bullet or number as text inside `<![if !supportLists]>…<![endif]>`. Consecutive ones become one
 * <ul> or <ol> (numbered when the marker is a number or a letter followed by "." or ")").
 */
function wordListsToLists(html: string): string {
  const withItems = html.replace(WORD_LIST_PARAGRAPH, (whole, attrs: string, inner: string) => {
    if (!/MsoListParagraph|mso-list\s*:/i.test(attrs)) return whole;
    const marker = /<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/i.exec(inner) ?? /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/i.exec(inner);
    const markerText = marker ? textOf(marker[1] ?? "") : "";
    const ordered = /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(markerText);
    const content = inner.replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/gi, "").replace(/<!--\[if !supportLists\]-->[\s\S]*?<!--\[endif\]-->/gi, "");
    return `<li data-word-list="${ordered ? "ol" : "ul"}">${content}</li>`;
  });
  return withItems
    .replace(/(?:<li data-word-list="ol">[\s\S]*?<\/li>\s*)+/g, (run) => `<ol>${run.trim()}</ol>`)
    .replace(/(?:<li data-word-list="ul">[\s\S]*?<\/li>\s*)+/g, (run) => `<ul>${run.trim()}</ul>`);
}

/** The visible text of an HTML fragment, for list markers: tags removed, spaces and &nbsp; trimmed. */
function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, "")).replace(/[\s\u00a0]+/g, " ").trim();
}

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\/?([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

type Open = { name: string; out: string[] };

function sanitize(html: string): string {
  const out: string[] = [];
  const stack: Open[] = [];
  let skip: { name: string; depth: number } | null = null;

  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    const rawName = match[1];
    if (rawName === undefined) {
      if (skip) continue;
      if (token.startsWith("<!") || token.startsWith("<?")) continue; // Comments, doctype, CDATA.
      out.push(token === "<" ? "&lt;" : escapeText(token));
      continue;
    }
    const name = rawName.toLowerCase();
    const closing = token.startsWith("</");
    const selfClosing = /\/\s*>$/.test(token);

    if (skip) {
      if (name === skip.name) {
        if (closing) skip.depth -= 1;
        else if (!selfClosing) skip.depth += 1;
        if (skip.depth === 0) skip = null;
      }
      continue;
    }

    const namespaced = name.includes(":"); // o:p, w:sdt, v:shape, st1:place…
    if (DROP_WITH_CONTENT.has(name) || (namespaced && name !== "o:p")) {
      if (!closing && !selfClosing && !VOID.has(name)) skip = { name, depth: 1 };
      continue;
    }
    if (name === "o:p") {
      // Word's empty-paragraph filler: only &nbsp; inside. Dropped with it.
      if (!closing && !selfClosing) skip = { name, depth: 1 };
      continue;
    }

    if (closing) {
      const at = findOpen(stack, name);
      if (at === -1) continue;
      while (stack.length > at) {
        const open = stack.pop()!;
        for (const tag of [...open.out].reverse()) out.push(`</${tag}>`);
      }
      continue;
    }

    const attrs = parseAttributes(match[2] ?? "");
    const tags = keptTags(name, attrs);
    if (name === "br") {
      out.push("<br>");
      continue;
    }
    if (VOID.has(name)) continue;
    for (const tag of tags) out.push(openTag(tag, attrs));
    if (!selfClosing) stack.push({ name, out: tags });
  }
  while (stack.length > 0) {
    const open = stack.pop()!;
    for (const tag of [...open.out].reverse()) out.push(`</${tag}>`);
  }
  return out.join("");
}

function findOpen(stack: Open[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.name === name) return i;
  return -1;
}

function style(attrs: Map<string, string>): string {
  return (attrs.get("style") ?? "").toLowerCase().replace(/\s+/g, "");
}

/** The tags written for one opening tag: none (unwrapped), one, or bold + italic for a styled span. */
function keptTags(name: string, attrs: Map<string, string>): string[] {
  const css = style(attrs);
  const boldStyle = /font-weight:(bold|bolder|[6-9]00)/.test(css);
  const notBold = /font-weight:(normal|lighter|[1-4]00)/.test(css);
  const italicStyle = /font-style:(italic|oblique)/.test(css);
  const notItalic = /font-style:normal/.test(css);

  if (name === "b" || name === "strong") {
    // Google Docs wraps the whole clipboard in <b style="font-weight:normal" id="docs-internal-guid-…">.
    if (notBold || (attrs.get("id") ?? "").startsWith("docs-internal-guid")) return italicStyle ? ["em"] : [];
    return italicStyle ? ["strong", "em"] : ["strong"];
  }
  if (name === "i" || name === "em") {
    if (notItalic) return boldStyle ? ["strong"] : [];
    return boldStyle ? ["strong", "em"] : ["em"];
  }
  if (name === "a") {
    const href = attrs.get("href");
    return href !== undefined && isAllowedHref(decodeEntities(href)) ? ["a"] : [];
  }
  const kept = KEEP[name];
  if (kept) return [kept];
  // span, font, section, article…: unwrapped, but Google Docs' and Word's inline bold/italic survive.
  const tags: string[] = [];
  if (boldStyle) tags.push("strong");
  if (italicStyle) tags.push("em");
  return tags;
}

function openTag(tag: string, attrs: Map<string, string>): string {
  if (tag === "a") {
    const href = decodeEntities(attrs.get("href") ?? "").trim();
    return `<a href="${escapeAttribute(href)}">`;
  }
  if (tag === "td" || tag === "th") {
    let extra = "";
    for (const span of ["colspan", "rowspan"]) {
      const value = Number(attrs.get(span));
      if (Number.isInteger(value) && value > 1 && value <= 100) extra += ` ${span}="${value}"`;
    }
    return `<${tag}${extra}>`;
  }
  return `<${tag}>`;
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (!name || attrs.has(name)) continue;
    attrs.set(name, match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attrs;
}

const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (entity, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X")) return safeChar(parseInt(body.slice(2), 16)) ?? entity;
    if (body.startsWith("#")) return safeChar(parseInt(body.slice(1), 10)) ?? entity;
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

function safeChar(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Text is passed on as the browser would read it: entities kept, stray "<" and ">" escaped. */
function escapeText(text: string): string {
  return text.replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
