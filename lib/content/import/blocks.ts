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
