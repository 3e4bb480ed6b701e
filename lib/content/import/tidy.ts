import type { Block, Inline } from "./blocks";
import { normalizeInlines } from "./inlines";
import { autolink } from "./links";

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
