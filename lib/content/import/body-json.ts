import type { JSONContent } from "@tiptap/core";
import { bodySchema } from "../extensions";
import { MAX_BODY_BYTES, validateBody } from "../validate";
import { append, type Block, type Inline, type TableBlock, type TextRun } from "./blocks";
import { allStyled, inlineText } from "./inlines";
import { flattenTable, flattenToParagraphs, isLayoutTable } from "./tables";

/** Lists and quotations nested deeper than this are flattened into their parent (the validator allows 40 levels of nodes). */
export const MAX_NESTING = 8;
/** Room left for what validation adds (default attributes) below MAX_BODY_BYTES. */
const BODY_BUDGET = Math.floor(MAX_BODY_BYTES * 0.9);

function marksOf(inline: TextRun): JSONContent["marks"] {
  const marks: NonNullable<JSONContent["marks"]> = [];
  if (inline.bold) marks.push({ type: "bold" });
  if (inline.italic) marks.push({ type: "italic" });
  if (inline.href) marks.push({ type: "link", attrs: { href: inline.href } });
  return marks.length > 0 ? marks : undefined;
}

function inlineJson(inlines: readonly Inline[]): JSONContent[] {
  return inlines.map((inline): JSONContent => {
    if (inline.kind === "break") return { type: "hardBreak" };
    const marks = marksOf(inline);
    return marks ? { type: "text", text: inline.text, marks } : { type: "text", text: inline.text };
  });
}

function textblock(type: "paragraph", inlines: readonly Inline[]): JSONContent;
function textblock(type: "heading", inlines: readonly Inline[], level: number): JSONContent;
function textblock(type: "paragraph" | "heading", inlines: readonly Inline[], level?: number): JSONContent {
  const node: JSONContent = { type };
  if (type === "heading") node.attrs = { level };
  if (inlines.length > 0) node.content = inlineJson(inlines);
  return node;
}

type BuildContext = { headingLevel: (level: number) => 2 | 3; tables: boolean; tableFallbacks: number };

function tablesSupported(): boolean {
  const nodes = bodySchema().nodes;
  return ["table", "tableRow", "tableCell"].every((name) => Object.hasOwn(nodes, name));
}

function unbold(inline: Inline): Inline {
  return inline.kind === "text" ? { ...inline, bold: false } : inline;
}

function tableJson(table: TableBlock, context: BuildContext, nesting: number): JSONContent | null {
  const rows = table.rows.filter((row) => row.length > 0);
  const width = rows.reduce((max, row) => Math.max(max, row.reduce((sum, cell) => sum + cell.colspan, 0)), 0);
  const simple = rows.every((row) => row.every((cell) => cell.rowspan === 1));
  const headerTypeAllowed = Object.hasOwn(bodySchema().nodes, "tableHeader");
  const json: JSONContent = {
    type: "table",
    content: rows.map((row, rowIndex) => {
      // A header row: <th> cells, or (as word processors write it) a first row that is all bold.
      const allBold = rowIndex === 0 && row.every((cell) => cell.blocks.length > 0 && cell.blocks.every((block) => block.kind === "paragraph" && allStyled(block.inlines, "bold")));
      const header = headerTypeAllowed && rowIndex === 0 && (row.every((cell) => cell.header) || allBold);
      const cells = row.map((cell): JSONContent => {
        const blocks = header && allBold ? cell.blocks.map((block) => (block.kind === "paragraph" ? { ...block, inlines: block.inlines.map(unbold) } : block)) : cell.blocks;
        // A table inside a cell becomes paragraphs there (blocksJson keeps tables at the top level only).
        const content = blocksJson(blocks, context, nesting + 1);
        return {
          type: header ? "tableHeader" : "tableCell",
          attrs: { colspan: cell.colspan, rowspan: cell.rowspan },
          content: content.length > 0 ? content : [{ type: "paragraph" }],
        };
      });
      // Short rows are filled up so every row has the same number of columns (spans across rows aside).
      const used = row.reduce((sum, cell) => sum + cell.colspan, 0);
      if (simple) {
        for (let i = used; i < width; i += 1) cells.push({ type: header ? "tableHeader" : "tableCell", attrs: { colspan: 1, rowspan: 1 }, content: [{ type: "paragraph" }] });
      }
      return { type: "tableRow", content: cells };
    }),
  };
  // A table that alone is larger than a body is turned into paragraphs (and cut) like the rest.
  if (utf8Length(json) > BODY_BUDGET) return null;
  return validateBody({ type: "doc", content: [json] }).ok ? json : null;
}

function blocksJson(blocks: readonly Block[], context: BuildContext, nesting: number): JSONContent[] {
  const out: JSONContent[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "paragraph":
      case "item":
        out.push(textblock("paragraph", block.inlines));
        break;
      case "heading":
        out.push(textblock("heading", block.inlines, context.headingLevel(block.level)));
        break;
      case "list": {
        if (nesting >= MAX_NESTING) {
          append(out, blocksJson(block.items.flat(), context, nesting));
          break;
        }
        const items = block.items.map((item): JSONContent => {
          const content = blocksJson(item, context, nesting + 1);
          // A list item starts with a paragraph.
          const first = content[0];
          if (first?.type === "heading") content[0] = { type: "paragraph", ...(first.content ? { content: first.content } : {}) };
          else if (first?.type !== "paragraph") content.unshift({ type: "paragraph" });
          return { type: "listItem", content };
        });
        out.push(block.ordered ? { type: "orderedList", attrs: { start: Math.min(block.start, 1_000_000) }, content: items } : { type: "bulletList", content: items });
        break;
      }
      case "quote": {
        if (nesting >= MAX_NESTING) {
          append(out, blocksJson(block.blocks, context, nesting));
          break;
        }
        const content = blocksJson(block.blocks, context, nesting + 1);
        if (content.length > 0) out.push({ type: "blockquote", content });
        break;
      }
      case "table": {
        const json = context.tables && nesting === 0 && !isLayoutTable(block) ? tableJson(block, context, nesting) : null;
        if (json) out.push(json);
        else {
          if (!isLayoutTable(block)) context.tableFallbacks += 1;
          append(out, blocksJson(flattenTable(block), context, nesting));
        }
        break;
      }
    }
  }
  return out;
}

function hasHeadingLevel(blocks: readonly Block[], level: number): boolean {
  return blocks.some((block) => {
    switch (block.kind) {
      case "heading":
        return block.level === level;
      case "list":
        return block.items.some((item) => hasHeadingLevel(item, level));
      case "quote":
        return hasHeadingLevel(block.blocks, level);
      case "table":
        return block.rows.some((row) => row.some((cell) => hasHeadingLevel(cell.blocks, level)));
      default:
        return false;
    }
  });
}

/** The beginning of a paragraph or heading that fits in `room` bytes (a long text cut at a space), or null. */
function shorten(node: JSONContent, room: number): JSONContent | null {
  if ((node.type !== "paragraph" && node.type !== "heading") || !node.content || room < 1000) return null;
  const content: JSONContent[] = [];
  let used = utf8Length({ ...node, content: [] });
  for (const inline of node.content) {
    const size = utf8Length(inline) + 1;
    if (used + size <= room) {
      content.push(inline);
      used += size;
      continue;
    }
    // The first text that does not fit: as much of it as fits, cut at a space (escaping can only lengthen JSON, hence the margin).
    const left = room - used - utf8Length({ ...inline, text: "" }) - 16;
    if (inline.type === "text" && typeof inline.text === "string" && left > 100) {
      let text = UTF8_DECODER.decode(UTF8.encode(inline.text).subarray(0, Math.floor(left * 0.8))).replace(/\uFFFD$/, "");
      const space = text.lastIndexOf(" ");
      if (space > text.length / 2) text = text.slice(0, space);
      content.push({ ...inline, text: `${text.trimEnd()} …` });
    }
    break;
  }
  while (content.length > 0 && content[content.length - 1]!.type === "hardBreak") content.pop();
  return content.length > 0 ? { ...node, content } : null;
}

// TextEncoder rather than Buffer: the editor builds pasted bodies in the browser.
const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

function utf8Length(value: unknown): number {
  return UTF8.encode(JSON.stringify(value)).length;
}

/**
 * The Tiptap body for the blocks, validated with validateBody: headings mapped to levels 2 and 3
 * (shifted down one when the body still has level-1 headings), tables kept when the body supports
 * them and they are data tables, a body that is too long cut after the last block that fits, and if
 * anything still fails, the text alone as plain paragraphs. Warnings are added for what was changed.
 */
export function buildBody(blocks: readonly Block[], warnings: string[], options: { truncated?: boolean } = {}): JSONContent {
  const shift = hasHeadingLevel(blocks, 1);
  const context: BuildContext = {
    headingLevel: (level) => (Math.min(3, Math.max(2, shift ? level + 1 : level)) as 2 | 3),
    tables: tablesSupported(),
    tableFallbacks: 0,
  };
  let content = blocksJson(blocks, context, 0);
  if (context.tableFallbacks > 0) {
    warnings.push(
      context.tableFallbacks === 1
        ? "A table was turned into paragraphs, one per row; check it."
        : `${context.tableFallbacks} tables were turned into paragraphs, one per row; check them.`,
    );
  }

  const sizes = content.map((node) => utf8Length(node) + 1);
  if (options.truncated || sizes.reduce((sum, size) => sum + size, 0) > BODY_BUDGET) {
    let used = 0;
    let kept = 0;
    while (kept < content.length && used + sizes[kept]! <= BODY_BUDGET) {
      used += sizes[kept]!;
      kept += 1;
    }
    const partial = kept < content.length ? shorten(content[kept]!, BODY_BUDGET - used) : null;
    content = [...content.slice(0, kept), ...(partial ? [partial] : [])];
    warnings.push("The document is longer than one release can be, so only its beginning was imported. Split it into several releases, or shorten it.");
  }
  if (content.length === 0) content = [{ type: "paragraph" }];

  const result = validateBody({ type: "doc", content });
  if (result.ok) return result.doc;

  warnings.push("Some of the formatting could not be imported, so the text was imported as plain paragraphs.");
  const plain = flattenToParagraphs(blocks)
    .map((block) => inlineText(block.inlines).replace(/\s+/g, " ").trim())
    .filter((text) => text !== "")
    .map((text): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] }));
  const fallback = validateBody({ type: "doc", content: plain.length > 0 ? plain : [{ type: "paragraph" }] });
  if (fallback.ok) return fallback.doc;
  warnings.push("The text could not be imported; paste it into the editor instead.");
  return { type: "doc", content: [{ type: "paragraph" }] };
}
