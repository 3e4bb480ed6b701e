import type { JSONContent } from "@tiptap/core";

// Text out of a release body, without the HTML renderer: cheap enough for the browser editor.

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

/** The text of each paragraph and heading, in order; a line break inside one becomes "\n". */
function textBlocks(doc: JSONContent): string[] {
  const blocks: string[] = [];
  const inline = (node: JSONContent): string => {
    if (node.type === "text") return typeof node.text === "string" ? node.text : "";
    if (node.type === "hardBreak") return "\n";
    return (node.content ?? []).map(inline).join("");
  };
  const walk = (node: JSONContent, type: string | undefined) => {
    if (type && TEXTBLOCKS.has(type)) {
      const text = inline(node).trim();
      if (text) blocks.push(text);
      return;
    }
    for (const child of node.content ?? []) walk(child, child.type);
  };
  walk(doc, doc.type);
  return blocks;
}

/** The body as plain text: paragraphs and headings separated by a blank line (for search, feeds, summaries). */
export function bodyToPlainText(doc: JSONContent): string {
  return textBlocks(doc).join("\n\n");
}

/**
 * The first paragraph's text (headings skipped; the first heading if there is no paragraph), with
 * whitespace collapsed; when longer than maxChars, cut at the last word boundary and ended with "…"
 * (the result, ellipsis included, is at most maxChars long).
 */
export function summaryFrom(doc: JSONContent, maxChars = 280): string {
  const first = firstParagraph(doc);
  const text = first.replace(/\s+/g, " ").trim();
  if (text.length <= maxChars) return text;
  const room = Math.max(0, maxChars - 1);
  const cut = text.slice(0, room + 1); // One more character shows whether the cut falls between words.
  const boundary = cut.lastIndexOf(" ");
  const head = boundary > 0 ? cut.slice(0, boundary) : text.slice(0, room);
  return `${head.replace(/[\s,;:.\-–—]+$/u, "")}…`;
}

function firstParagraph(doc: JSONContent): string {
  let heading: string | undefined;
  let found: string | undefined;
  const inline = (node: JSONContent): string => {
    if (node.type === "text") return typeof node.text === "string" ? node.text : "";
    if (node.type === "hardBreak") return " ";
    return (node.content ?? []).map(inline).join("");
  };
  const walk = (node: JSONContent) => {
    if (found !== undefined) return;
    if (node.type === "paragraph" || node.type === "heading") {
      const text = inline(node).trim();
      if (!text) return;
      if (node.type === "paragraph") found = text;
      else heading ??= text;
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return found ?? heading ?? "";
}
