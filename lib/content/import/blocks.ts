import type { JSONContent } from "@tiptap/core";
import { bodySchema } from "../extensions";
import { isAllowedHref, normalizeHref } from "../urls";
import { MAX_BODY_BYTES, validateBody } from "../validate";

/**
 * The importer's intermediate document: what every source (plain text, HTML, Word) is read into,
 * what the front-matter recogniser works on, and what becomes the Tiptap body. Headings keep their
 * source level (1–6) until the body is built; list items written as separate lines ("- …", Word's
 * list paragraphs) stay loose `item` blocks until groupItems() nests them into lists.
 */

export type TextRun = { kind: "text"; text: string; bold: boolean; italic: boolean; href: string | null };
export type Inline = TextRun | { kind: "break" };

export type ParagraphBlock = { kind: "paragraph"; inlines: Inline[]; subtitle?: boolean };
export type HeadingBlock = { kind: "heading"; level: number; inlines: Inline[] };
export type ItemBlock = { kind: "item"; ordered: boolean; start: number; level: number; inlines: Inline[] };
export type ListBlock = { kind: "list"; ordered: boolean; start: number; items: Block[][] };
export type QuoteBlock = { kind: "quote"; blocks: Block[] };
export type TableCell = { header: boolean; colspan: number; rowspan: number; blocks: Block[] };
export type TableBlock = { kind: "table"; rows: TableCell[][] };
export type Block = ParagraphBlock | HeadingBlock | ItemBlock | ListBlock | QuoteBlock | TableBlock;

export type Style = { bold: boolean; italic: boolean; href: string | null };

/** target.push(...items) without the argument-count limit (a document may have 100,000 paragraphs). */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
export const PLAIN: Style = { bold: false, italic: false, href: null };

export function run(text: string, style: Style = PLAIN): TextRun {
  return { kind: "text", text, bold: style.bold, italic: style.italic, href: style.href };
}

// ---------------------------------------------------------------------------------------------------
// Inline content.

const COLLAPSE = /[ \t\n\r\f\u00a0]{2,}|[\t\n\r\f]/g;
const EDGE_START = /^[\s\u00a0]+/;
const EDGE_END = /[\s\u00a0]+$/;

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.href === b.href;
}

/**
 * HTML whitespace rules for one block: runs of spaces, tabs and line ends become one space (a lone
 * no-break space is kept), across formatting boundaries too; nothing at the start, the end, or around
 * a line break; no empty runs; neighbouring runs with the same formatting merged; at most two line
 * breaks in a row.
 */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let afterSpace = true; // At the start of the block, or after a break: leading spaces go.
  for (const inline of inlines) {
    if (inline.kind === "break") {
      const last = out[out.length - 1];
      if (last?.kind === "text") {
        last.text = last.text.replace(EDGE_END, "");
        if (last.text === "") out.pop();
      }
      const breaks = out.length >= 2 && out[out.length - 1]?.kind === "break" && out[out.length - 2]?.kind === "break";
      if (!breaks) out.push({ kind: "break" });
      afterSpace = true;
      continue;
    }
    let text = inline.text.replace(COLLAPSE, " ");
    if (afterSpace) text = text.replace(EDGE_START, "");
    if (text === "") continue;
    afterSpace = /[\s\u00a0]$/.test(text);
    const last = out[out.length - 1];
    if (last?.kind === "text" && sameStyle(last, inline)) last.text += text;
    else out.push({ ...inline, text });
  }
  // Trailing spaces and breaks, then leading breaks.
  for (;;) {
    const last = out[out.length - 1];
    if (!last) break;
    if (last.kind === "break") {
      out.pop();
      continue;
    }
    last.text = last.text.replace(EDGE_END, "");
    if (last.text === "") {
      out.pop();
      continue;
    }
    break;
  }
  while (out[0]?.kind === "break") out.shift();
  return out;
}

/** The text of inline content; a line break becomes "\n". */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === "break" ? "\n" : inline.text)).join("");
}

export function joinLines(lines: readonly Inline[][]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) out.push({ kind: "break" });
    append(out, line);
  });
  return out;
}

/** Inline content without its first `count` characters (a bullet, a dateline). */
export function dropStart(inlines: readonly Inline[], count: number): Inline[] {
  let remaining = count;
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (remaining > 0 && inline.kind === "text") {
      if (inline.text.length <= remaining) {
        remaining -= inline.text.length;
        continue;
      }
      out.push({ ...inline, text: inline.text.slice(remaining) });
      remaining = 0;
      continue;
    }
    if (remaining > 0 && inline.kind === "break") remaining -= 1;
    else out.push({ ...inline });
  }
  return normalizeInlines(out);
}

/** True when every character of the text is in bold (or italic). */
export function allStyled(inlines: readonly Inline[], key: "bold" | "italic"): boolean {
  const runs = inlines.filter((inline): inline is TextRun => inline.kind === "text" && inline.text.trim() !== "");
  return runs.length > 0 && runs.every((inline) => inline[key]);
}

// ---------------------------------------------------------------------------------------------------
// Links.

const LEADING_PUNCTUATION = /^[("'“‘«<[{]+/u;
const TRAILING_PUNCTUATION = /[.,;:!?)"'”’»>\]}]+$/u;
const WEB = /^(?:https?:\/\/|www\.)[^\s]+$/i;
const MAILTO = /^mailto:[^\s]+$/i;
const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const MAX_LINK_TOKEN = 2048;

/** A link target for a bare address in text ("www.example.org/x", "press@example.org"), or null. */
export function linkFor(token: string): string | null {
  if (token.length > MAX_LINK_TOKEN) return null;
  let href: string | null = null;
  if (WEB.test(token)) href = /^www\./i.test(token) ? `https://${token}` : token;
  else if (MAILTO.test(token)) href = token;
  else if (token.length <= 320 && EMAIL.test(token)) href = `mailto:${token}`;
  return href && isAllowedHref(href) ? href : null;
}

/** Splits a word into leading punctuation, the address, and trailing punctuation (keeping balanced brackets). */
function trimToken(word: string): { before: string; core: string; after: string } {
  const before = LEADING_PUNCTUATION.exec(word)?.[0] ?? "";
  let core = word.slice(before.length);
  let after = TRAILING_PUNCTUATION.exec(core)?.[0] ?? "";
  core = core.slice(0, core.length - after.length);
  // "…/Example_(film))." keeps the ")" that closes a "(" inside the address.
  while (after.startsWith(")") && (core.match(/\(/g)?.length ?? 0) > (core.match(/\)/g)?.length ?? 0)) {
    core += ")";
    after = after.slice(1);
  }
  return { before, core, after };
}

/** Bare web and e-mail addresses in unlinked text become links (www. → https://). */
export function autolink(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind !== "text" || inline.href !== null || !/www\.|https?:|@|mailto:/i.test(inline.text)) {
      out.push(inline);
      continue;
    }
    let last = 0;
    for (const match of inline.text.matchAll(/\S+/g)) {
      const { before, core } = trimToken(match[0]);
      const href = core ? linkFor(core) : null;
      if (!href) continue;
      const start = match.index + before.length;
      if (start > last) out.push({ ...inline, text: inline.text.slice(last, start) });
      out.push({ ...inline, text: core, href });
      last = start + core.length;
    }
    if (last < inline.text.length) out.push({ ...inline, text: inline.text.slice(last) });
  }
  return out;
}

/**
 * A link address from a document, made safe: Google's redirect wrapper unwrapped, "www." given
 * https://, spaces in web addresses encoded, tel: spaces removed; null when our allow-list refuses it.
 * Internal anchors ("#_Toc123") are not links here.
 */
export function cleanHref(raw: string): { href: string } | { refused: string } | null {
  let href = raw.trim();
  if (href === "" || href.startsWith("#")) return null;
  const google = /^https?:\/\/(?:www\.)?google\.[a-z.]+\/url\?/i.test(href) ? safeUrl(href)?.searchParams.get("q") : null;
  if (google) href = google;
  if (/^www\./i.test(href)) href = `https://${href}`;
  if (/^(?:https?|mailto):/i.test(href)) href = href.replace(/ /g, "%20");
  href = normalizeHref(href);
  return isAllowedHref(href) ? { href } : { refused: raw.trim() };
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Lists.

const BULLET = /^([-*•·–◦▪‣])\s+(?=\S)/u;
const NUMBER = /^(\d{1,3})[.)]\s+(?=\S)/u;
/** "- ENDS -", "-30-": end marks, not list items. */
const END_MARK = /^[-–—]+\s*(?:ends?|30)\s*[-–—]+$/iu;

export type Marker = { ordered: boolean; start: number; length: number };

/** A list marker typed at the start of a line ("- ", "• ", "* ", "1. ", "2) "), or null. */
export function listMarker(text: string): Marker | null {
  if (END_MARK.test(text.trim())) return null;
  const bullet = BULLET.exec(text);
  if (bullet) return { ordered: false, start: 1, length: bullet[0].length };
  const number = NUMBER.exec(text);
  if (number) return { ordered: true, start: Number(number[1]), length: number[0].length };
  return null;
}

/** Paragraphs that start with a typed list marker become loose list items (then grouped into lists). */
export function typedItems(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => {
    if (block.kind !== "paragraph") return block;
    const marker = listMarker(inlineText(block.inlines));
    if (!marker) return block;
    return { kind: "item", ordered: marker.ordered, start: marker.start, level: 1, inlines: dropStart(block.inlines, marker.length) };
  });
}

/** Consecutive loose items become (nested) lists; a new kind or a lower level closes a list. */
export function groupItems(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  let stack: { list: ListBlock; level: number }[] = [];
  for (const block of blocks) {
    if (block.kind !== "item") {
      stack = [];
      out.push(groupWithin(block));
      continue;
    }
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.level > block.level || (top.level === block.level && top.list.ordered !== block.ordered)) stack.pop();
      else break;
    }
    const top = stack[stack.length - 1];
    if (!top || top.level < block.level) {
      const list: ListBlock = { kind: "list", ordered: block.ordered, start: block.start, items: [] };
      const parentItem = top?.list.items[top.list.items.length - 1];
      if (parentItem) parentItem.push(list);
      else out.push(list);
      stack.push({ list, level: block.level });
    }
    stack[stack.length - 1]!.list.items.push([{ kind: "paragraph", inlines: block.inlines }]);
  }
  return out;
}

function groupWithin(block: Block): Block {
  switch (block.kind) {
    case "list":
      return { ...block, items: block.items.map(groupItems) };
    case "quote":
      return { ...block, blocks: groupItems(block.blocks) };
    case "table":
      return { ...block, rows: block.rows.map((row) => row.map((cell) => ({ ...cell, blocks: groupItems(cell.blocks) }))) };
    default:
      return block;
  }
}

// ---------------------------------------------------------------------------------------------------
// Cleaning up.

function isEmptyBlock(block: Block): boolean {
  switch (block.kind) {
    case "paragraph":
    case "heading":
    case "item":
      return block.inlines.length === 0;
    case "list":
      return block.items.every((item) => item.every(isEmptyBlock));
    case "quote":
      return block.blocks.every(isEmptyBlock);
    case "table":
      return block.rows.every((row) => row.every((cell) => cell.blocks.every(isEmptyBlock)));
  }
}

/** Inline content normalised (or bare addresses linked, on the last pass), empty blocks dropped. */
export function tidy(blocks: readonly Block[], options: { link: boolean }): Block[] {
  const inline = (inlines: readonly Inline[]) => (options.link ? autolink(inlines) : normalizeInlines(inlines));
  const walk = (list: readonly Block[]): Block[] =>
    list
      .map((block): Block => {
        switch (block.kind) {
          case "paragraph":
          case "heading":
          case "item":
            return { ...block, inlines: inline(block.inlines) };
          case "list":
            return { ...block, items: block.items.map(walk).filter((item) => item.length > 0) };
          case "quote":
            return { ...block, blocks: walk(block.blocks) };
          case "table":
            return { ...block, rows: block.rows.map((row) => row.map((cell) => ({ ...cell, blocks: walk(cell.blocks) }))) };
        }
      })
      .filter((block) => !isEmptyBlock(block));
  return walk(blocks);
}

// ---------------------------------------------------------------------------------------------------
// Tables.

/** A table used to lay out a page (a letterhead beside a logo) rather than to show data. */
function isLayoutTable(table: TableBlock): boolean {
  const rows = table.rows.filter((row) => row.length > 0);
  if (rows.length < 2 || rows.every((row) => row.length < 2)) return true;
  return rows.some((row) => row.some((cell) => cell.blocks.length > 1 || cell.blocks.some((block) => block.kind !== "paragraph")));
}

function cellInlines(cell: TableCell): Inline[] {
  const parts = flattenToParagraphs(cell.blocks).map((block) => block.inlines);
  const out: Inline[] = [];
  parts.forEach((inlines, index) => {
    if (index > 0) out.push(run(" "));
    append(out, inlines);
  });
  return out;
}

/** Anything as a flat run of paragraphs (and headings): a table's rows, a list's items. */
function flattenToParagraphs(blocks: readonly Block[]): (ParagraphBlock | HeadingBlock)[] {
  return blocks.flatMap((block): (ParagraphBlock | HeadingBlock)[] => {
    switch (block.kind) {
      case "paragraph":
      case "heading":
        return [block];
      case "item":
        return [{ kind: "paragraph", inlines: block.inlines }];
      case "list":
        return block.items.flatMap(flattenToParagraphs);
      case "quote":
        return flattenToParagraphs(block.blocks);
      case "table":
        return flattenTable(block);
    }
  });
}

/** Layout tables at the top level replaced by their content, so a letterhead laid out in a table is read as one. */
export function unwrapLayoutTables(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((block) => (block.kind === "table" && isLayoutTable(block) ? flattenTable(block) : [block]));
}

/** A table as paragraphs: a data table one paragraph per row ("cell | cell"), a layout table its cells' content. */
function flattenTable(table: TableBlock): ParagraphBlock[] {
  if (isLayoutTable(table)) {
    return table.rows.flatMap((row) => row.flatMap((cell) => flattenToParagraphs(cell.blocks))).map((block) => ({ kind: "paragraph", inlines: block.inlines }));
  }
  return table.rows
    .filter((row) => row.length > 0)
    .map((row) => {
      const inlines: Inline[] = [];
      row.forEach((cell, index) => {
        if (index > 0) inlines.push(run(" | "));
        const content = cellInlines(cell);
        append(inlines, cell.header ? content.map((inline) => (inline.kind === "text" ? { ...inline, bold: true } : inline)) : content);
      });
      return { kind: "paragraph", inlines };
    });
}

// ---------------------------------------------------------------------------------------------------
// The Tiptap body.

/** Lists and quotations nested deeper than this are flattened into their parent (the validator allows 40 levels of nodes). */
export const MAX_NESTING = 8;
/** Room left for what validation adds (default attributes) below MAX_BODY_BYTES. */
const BODY_BUDGET = Math.floor(MAX_BODY_BYTES * 0.9);
/**
 * Text read from a source at most: a body's JSON is at least as long as its text, so anything after
 * the first MAX_BODY_BYTES characters could never be kept; reading twice that bounds the work.
 */
export const MAX_SOURCE_TEXT = MAX_BODY_BYTES * 2;
/**
 * Paragraphs, line breaks and pieces of formatted text read from a source at most: each takes at
 * least 20 bytes of the body's JSON, so a body holds fewer than 50,000; reading three times that bounds
 * the work (and the memory) a hostile document can cost.
 */
export const MAX_SOURCE_UNITS = 150_000;

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
      let text = Buffer.from(inline.text, "utf8").subarray(0, Math.floor(left * 0.8)).toString("utf8").replace(/\uFFFD$/, "");
      const space = text.lastIndexOf(" ");
      if (space > text.length / 2) text = text.slice(0, space);
      content.push({ ...inline, text: `${text.trimEnd()} …` });
    }
    break;
  }
  while (content.length > 0 && content[content.length - 1]!.type === "hardBreak") content.pop();
  return content.length > 0 ? { ...node, content } : null;
}

function utf8Length(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
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
