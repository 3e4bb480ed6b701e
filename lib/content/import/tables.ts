import { append, type Block, type HeadingBlock, type Inline, type ParagraphBlock, run, type TableBlock, type TableCell } from "./blocks";

export function isLayoutTable(table: TableBlock): boolean {
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
export function flattenToParagraphs(blocks: readonly Block[]): (ParagraphBlock | HeadingBlock)[] {
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
export function flattenTable(table: TableBlock): ParagraphBlock[] {
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
