import { type Block, type Inline, type ItemBlock, run } from "./blocks";
import { listMarker } from "./lists";
import { MAX_SOURCE_TEXT, MAX_SOURCE_UNITS } from "./source-limits";
import { parseDateLine } from "./dates";
import { finishImport, type ImportResult } from "./result";

/**
 * Plain text (an e-mail, a .txt file, Word's "Plain text" export, a paste) to blocks.
 *
 * - Paragraphs are separated by blank lines. When the text is hard-wrapped (e-mail style, lines cut
 *   at about 72 characters) the lines of a paragraph are joined with spaces; short lines (an address,
 *   a contact block) keep their line breaks. When it is not (one paragraph per line, as Word writes
 *   it), long lines are paragraphs of their own and runs of short lines are kept together with breaks.
 * - Lines starting with "-", "•", "*" (or "·", "–") are bulleted list items, "1." or "2)" numbered
 *   ones; indentation nests them; an indented line after an item continues it.
 * - Lines starting with "#" to "######" and a space are headings (as Markdown writes them).
 */

const TAB = "    ";
/** Lines at most this long are "short" when the text is not hard-wrapped (address and contact lines). */
const SHORT_LINE = 60;
/** Deeper indentation than this many list levels is read as the deepest level. */
const MAX_LEVEL = 9;

/** "## Heading", with optional closing hashes ("## Heading ##"). */
const HEADING_LINE = /^(#{1,6})[ \t]+(\S.*?)(?:[ \t]+#+)?$/;

type Line = { text: string; indent: number };

function readLines(text: string): (Line | null)[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?|\u2028|\u2029/g, "\n")
    .split("\n")
    .map((raw) => {
      const expanded = raw.replace(/\t/g, TAB).trimEnd();
      if (expanded.trim() === "") return null;
      const indent = expanded.length - expanded.trimStart().length;
      return { text: expanded.trim(), indent };
    });
}

/** The wrap width when the text is hard-wrapped, or null. */
function wrapWidth(lines: readonly (Line | null)[]): number | null {
  const present = lines.filter((line): line is Line => line !== null && line.text.includes(" "));
  if (present.length < 3) return null;
  const width = present.reduce((max, line) => Math.max(max, line.text.length + line.indent), 0);
  if (width < 40 || width > 100) return null;
  // Lines cut by wrapping: long, followed by more text, not at the end of a sentence.
  let wrapped = 0;
  lines.forEach((line, index) => {
    if (!line || !lines[index + 1]) return;
    if (line.text.length + line.indent >= width * 0.8 && !/[.!?:"”»]$/.test(line.text)) wrapped += 1;
  });
  return wrapped >= 2 ? width : null;
}

function textInlines(text: string): Inline[] {
  return [run(text)];
}

/** Plain text to the importer's blocks (truncated: the text was longer than any body can be). */
export function textToBlocks(text: string): { blocks: Block[]; truncated: boolean } {
  const lines = readLines(text);
  const width = wrapWidth(lines);
  const blocks: Block[] = [];
  let current: { kind: "paragraph"; inlines: Inline[]; last: Line } | { kind: "item"; block: ItemBlock; last: Line } | null = null;
  let listIndents: number[] = [];

  const close = () => {
    if (current?.kind === "paragraph") blocks.push({ kind: "paragraph", inlines: current.inlines });
    current = null;
  };

  let units = 0;
  for (const line of lines) {
    // Past MAX_SOURCE_UNITS lines nothing more could fit in a body.
    units += 1;
    if (units > MAX_SOURCE_UNITS) {
      close();
      return { blocks, truncated: true };
    }
    if (!line) {
      close();
      listIndents = [];
      continue;
    }
    const heading = HEADING_LINE.exec(line.text);
    if (heading) {
      close();
      listIndents = [];
      blocks.push({ kind: "heading", level: heading[1]!.length, inlines: textInlines(heading[2]!) });
      continue;
    }
    const marker = listMarker(line.text);
    if (marker && !(marker.ordered && parseDateLine(line.text))) {
      close();
      while (listIndents.length > 0 && listIndents[listIndents.length - 1]! > line.indent) listIndents.pop();
      if (listIndents.length === 0 || listIndents[listIndents.length - 1]! < line.indent) listIndents.push(line.indent);
      const level = Math.min(listIndents.length, MAX_LEVEL);
      const block: ItemBlock = { kind: "item", ordered: marker.ordered, start: marker.start, level, inlines: textInlines(line.text.slice(marker.length)) };
      blocks.push(block);
      current = { kind: "item", block, last: line };
      continue;
    }
    if (current?.kind === "item") {
      // An indented line, or a wrapped one, continues the item.
      if (line.indent > (listIndents[0] ?? 0) || (width !== null && current.last.text.length + current.last.indent >= width - 20)) {
        current.block.inlines.push(run(` ${line.text}`));
        current.last = line;
        continue;
      }
      current = null;
      listIndents = [];
    }
    if (current?.kind === "paragraph") {
      const previous: Line = current.last;
      const previousLength = previous.text.length + previous.indent;
      if (width !== null) {
        // Hard-wrapped: a line cut by wrapping continues with a space; after a short line, a break.
        if (previousLength >= width - 20 || /^\p{Ll}/u.test(line.text)) current.inlines.push(run(` ${line.text}`));
        else current.inlines.push({ kind: "break" }, run(line.text));
        current.last = line;
        continue;
      }
      if (previous.text.length <= SHORT_LINE && line.text.length <= SHORT_LINE) {
        current.inlines.push({ kind: "break" }, run(line.text));
        current.last = line;
        continue;
      }
      close();
    }
    current = { kind: "paragraph", inlines: textInlines(line.text), last: line };
  }
  close();
  return { blocks, truncated: false };
}

/**
 * Imports a plain-text press release: the recognised release metadata (headline, type, date,
 * dateline, reference) and a valid body, with warnings for what was left out.
 */
export function importPlainText(text: string): ImportResult {
  const read = readPlainText(text);
  return finishImport(read.blocks, { formatted: false, truncated: read.truncated });
}

/** textToBlocks within the source limits: text beyond MAX_SOURCE_TEXT could never fit in a body, so it is not read at all. */
export function readPlainText(text: string): { blocks: Block[]; truncated: boolean } {
  const truncated = text.length > MAX_SOURCE_TEXT;
  const source = truncated ? text.slice(0, Math.max(text.lastIndexOf("\n", MAX_SOURCE_TEXT), MAX_SOURCE_TEXT / 2)) : text;
  const read = textToBlocks(source);
  return { blocks: read.blocks, truncated: truncated || read.truncated };
}
