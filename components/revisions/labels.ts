import type { BlockDiff, BlockShape } from "@/lib/content/diff";

/** What press officers call each kind of block. */
export function blockLabel(shape: BlockShape): string {
  switch (shape.kind) {
    case "heading":
      return shape.level === 3 ? "Minor heading" : "Subheading";
    case "listItem":
      return shape.list === "ordered" ? "Numbered list item" : "Bulleted list item";
    case "quote":
      return "Quotation";
    case "tableCell":
      return "Table cell";
    case "figure":
      return "Image";
    default:
      return "Paragraph";
  }
}

const CHANGE_LABELS: Record<BlockDiff["change"], string> = {
  same: "Unchanged",
  added: "Added",
  removed: "Removed",
  changed: "Changed",
};

/** "Changed subheading (was a paragraph; formatting changed)". */
export function blockChangeLabel(block: BlockDiff): string {
  const label = blockLabel(block);
  const notes: string[] = [];
  if (block.previous) notes.push(`was: ${blockLabel(block.previous).toLowerCase()}`);
  if (block.formattingChanged) notes.push(block.kind === "figure" ? "image file changed" : "formatting or links changed");
  return `${CHANGE_LABELS[block.change]}: ${label.toLowerCase()}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}
