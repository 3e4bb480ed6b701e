import type { Block, ListBlock } from "./blocks";
import { dropStart, inlineText } from "./inlines";

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
