import type { Block, Inline, ListBlock, Style, TableCell } from "./blocks";
import { append, PLAIN, run } from "./blocks";
import type { HtmlElement, HtmlNode } from "./html-tree";
import { dropStart, inlineText, normalizeInlines } from "./inlines";
import { cleanHref } from "./links";
import { MAX_SOURCE_TEXT, MAX_SOURCE_UNITS } from "./source-limits";

/**
 * The second stage of reading HTML: the element tree (from tokeniseHtml) to the importer's blocks,
 * keeping only what a release body can hold. Kept: paragraphs, headings, bold, italic (from tags and
 * from font-weight / font-style styles, so Google Docs' `<b style="font-weight:normal">` wrapper is
 * not bold), links (through the allow-list), lists (real ones and Word's list paragraphs), quotations,
 * tables, line breaks. Dropped: styles, fonts, classes, inline styles, event handlers, images, forms,
 * hidden text (display:none, mso-hide:all). Reading stops at the source limits (source-limits.ts).
 */

const BLOCK = new Set([
  "address", "article", "aside", "center", "details", "dialog", "dir", "div", "dl", "dt", "dd", "fieldset", "figure", "figcaption", "footer",
  "form", "header", "hgroup", "main", "menu", "nav", "p", "section", "summary", "caption", "legend", "li",
]);
const ITALIC = new Set(["i", "em", "cite", "dfn", "var"]);
const BOLD = new Set(["b", "strong"]);
const HEADING = /^h([1-6])$/;

export type CleanCounts = { images: number; refusedLinks: Set<string>; hidden: number };

/** What the paragraph being collected will become; a Word list paragraph is an item once its marker is known. */
type Pending =
  | { kind: "paragraph"; subtitle?: boolean }
  | { kind: "heading"; level: number }
  | { kind: "wordItem"; level: number; marker: string };

const TYPED_WORD_MARKER = /^[\s\u00a0]*([·•o§Øüv▪◦*–-]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\u00a0[\s\u00a0]*/i;
const NUMBERED_MARKER = /^\(?(\d{1,6})[.)]?$|^\(?[a-z][.)]$|^\(?[ivxlcdm]+[.)]$/i;

function styleOf(element: HtmlElement): Map<string, string> {
  const map = new Map<string, string>();
  const style = element.attrs.style;
  if (!style) return map;
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon <= 0) continue;
    map.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return map;
}

function isHidden(style: Map<string, string>): boolean {
  return style.get("display") === "none" || style.get("visibility") === "hidden" || style.get("mso-hide") === "all";
}

function weightIsBold(value: string): boolean | null {
  if (value === "bold" || value === "bolder") return true;
  if (value === "normal" || value === "lighter") return false;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number >= 600 : null;
}

class Converter {
  private readonly root: Block[] = [];
  private container: Block[] = this.root;
  private inlines: Inline[] | null = null;
  private pending: Pending = { kind: "paragraph" };
  private textLength = 0;
  private units = 0;
  truncated = false;
  readonly counts: CleanCounts = { images: 0, refusedLinks: new Set(), hidden: 0 };

  convert(root: HtmlElement): Block[] {
    this.children(root, PLAIN, false);
    this.flush();
    return this.root;
  }

  private flush() {
    let inlines = this.inlines;
    this.inlines = null;
    const pending = this.pending;
    this.pending = { kind: "paragraph" };
    if (!inlines) return;
    if (pending.kind === "wordItem" && pending.marker.trim() === "") {
      // Word's filtered HTML types the marker out in the text: "o" followed by a run of no-break spaces.
      const typed = TYPED_WORD_MARKER.exec(inlineText(inlines));
      if (typed) {
        pending.marker = typed[1]!;
        inlines = dropStart(inlines, typed[0].length);
      }
    }
    const normal = normalizeInlines(inlines);
    if (normal.length === 0) return;
    this.count();
    if (pending.kind === "heading") {
      this.container.push({ kind: "heading", level: pending.level, inlines: normal });
    } else if (pending.kind === "wordItem" && pending.marker.trim() !== "") {
      const numbered = NUMBERED_MARKER.exec(pending.marker.replace(/[\s\u00a0]+/g, ""));
      const start = numbered?.[1] ? Number(numbered[1]) : 1;
      this.container.push({ kind: "item", ordered: numbered !== null, start, level: pending.level, inlines: normal });
    } else {
      this.container.push({ kind: "paragraph", inlines: normal, ...(pending.kind === "paragraph" && pending.subtitle ? { subtitle: true } : {}) });
    }
  }

  private add(inline: Inline) {
    this.count();
    (this.inlines ??= []).push(inline);
  }

  /** One more piece of content; past MAX_SOURCE_UNITS the rest of the document is skipped. */
  private count() {
    this.units += 1;
    if (this.units > MAX_SOURCE_UNITS) this.truncated = true;
  }

  private text(value: string, style: Style, pre: boolean) {
    // Text beyond MAX_SOURCE_TEXT could never fit in a body: the rest of the document is skipped.
    if (this.truncated) return;
    this.textLength += value.length;
    if (this.textLength > MAX_SOURCE_TEXT) this.truncated = true;
    if (!pre) {
      this.add(run(value, style));
      return;
    }
    value.split(/\r\n|\r|\n/).forEach((line, index) => {
      if (index > 0) this.add({ kind: "break" });
      if (line) this.add(run(line, style));
    });
  }

  private children(element: HtmlElement, style: Style, pre: boolean) {
    for (const child of element.children) this.node(child, style, pre);
  }

  /** Runs `body` with `container` as the place blocks go, and returns what it produced. */
  private into(body: () => void): Block[] {
    this.flush();
    const saved = this.container;
    const blocks: Block[] = [];
    this.container = blocks;
    body();
    this.flush();
    this.container = saved;
    return blocks;
  }

  private node(node: HtmlNode, inherited: Style, pre: boolean) {
    if (this.truncated) return;
    if (typeof node === "string") {
      this.text(node, inherited, pre);
      return;
    }
    const { name } = node;
    const css = styleOf(node);
    if (isHidden(css)) {
      this.counts.hidden += 1;
      return;
    }
    if (css.get("mso-list") === "ignore") {
      // The list marker Word typed out ("·", "o", "1."): kept as the item's kind, not as text.
      if (this.pending.kind === "wordItem" && this.pending.marker.trim() === "") this.pending.marker = this.textOf(node);
      return;
    }
    const style = this.styleFor(node, css, inherited);

    if (name === "br") {
      this.add({ kind: "break" });
      return;
    }
    if (name === "img" || name === "image" || name === "v:imagedata") {
      this.counts.images += 1;
      return;
    }
    if (name === "hr") {
      this.flush();
      return;
    }
    const heading = HEADING.exec(name);
    if (heading) {
      this.flush();
      this.pending = { kind: "heading", level: Number(heading[1]) };
      this.inlines = [];
      this.children(node, style, pre);
      this.flush();
      return;
    }
    if (name === "ul" || name === "ol") {
      this.flush();
      this.container.push(this.list(node, style, pre));
      return;
    }
    if (name === "blockquote") {
      const blocks = this.into(() => this.children(node, style, pre));
      if (blocks.length > 0) this.container.push({ kind: "quote", blocks });
      return;
    }
    if (name === "table") {
      this.flush();
      this.container.push({ kind: "table", rows: this.rows(node, style) });
      return;
    }
    if (name === "pre" || name === "listing") {
      this.flush();
      this.inlines = [];
      this.children(node, style, true);
      this.flush();
      return;
    }
    if (name === "p" || BLOCK.has(name)) {
      this.flush();
      this.pending = this.paragraphKind(node, css);
      this.inlines = [];
      this.children(node, style, pre);
      this.flush();
      return;
    }
    // Inline elements (span, font, a, b, u, sup, o:p…) and anything unknown: their content.
    this.children(node, style, pre);
  }

  private styleFor(element: HtmlElement, css: Map<string, string>, inherited: Style): Style {
    let { bold, italic, href } = inherited;
    if (BOLD.has(element.name)) bold = true;
    if (ITALIC.has(element.name)) italic = true;
    const weight = css.get("font-weight");
    const weightBold = weight === undefined ? null : weightIsBold(weight);
    if (weightBold !== null) bold = weightBold;
    const fontStyle = css.get("font-style");
    if (fontStyle === "italic" || fontStyle === "oblique") italic = true;
    else if (fontStyle === "normal") italic = false;
    if (element.name === "a" && href === null && element.attrs.href !== undefined) {
      const cleaned = cleanHref(element.attrs.href);
      if (cleaned && "href" in cleaned) href = cleaned.href;
      else if (cleaned) this.counts.refusedLinks.add(cleaned.refused);
    }
    return { bold, italic, href };
  }

  /**
   * A Word list paragraph (mso-list style or MsoListParagraph class) becomes a loose item once its
   * marker is known: from the conditional Word writes for browsers without lists (listMarker), or
   * from the `mso-list:Ignore` span that holds it in filtered exports. Without a marker it stays a
   * paragraph (Word also uses the class for indented text).
   */
  private paragraphKind(element: HtmlElement, css: Map<string, string>): Pending {
    const className = element.attrs.class ?? "";
    const msoList = css.get("mso-list");
    if ((msoList !== undefined && msoList !== "none" && !msoList.startsWith("skip")) || /^MsoListParagraph/i.test(className)) {
      // The level: from mso-list ("l0 level2 lfo1"), else from the indent Word gives each level (36pt).
      const indent = Number.parseFloat(/^([\d.]+)pt$/.exec(css.get("margin-left") ?? "")?.[1] ?? "36");
      const level = Number(/level(\d+)/.exec(msoList ?? "")?.[1] ?? Math.max(1, Math.round(indent / 36)));
      return { kind: "wordItem", level: Math.min(Math.max(level, 1), 9), marker: element.listMarker ?? "" };
    }
    if (/subtitle/i.test(className)) return { kind: "paragraph", subtitle: true };
    return { kind: "paragraph" };
  }

  /** The text of an element (for a list marker). */
  private textOf(node: HtmlNode): string {
    return typeof node === "string" ? node : node.children.map((child) => this.textOf(child)).join("");
  }

  private list(element: HtmlElement, style: Style, pre: boolean): ListBlock {
    const ordered = element.name === "ol";
    const start = ordered ? Number.parseInt(element.attrs.start ?? "1", 10) : 1;
    const list: ListBlock = { kind: "list", ordered, start: Number.isFinite(start) && start >= 0 ? start : 1, items: [] };
    let loose: HtmlNode[] = [];
    const flushLoose = () => {
      if (loose.some((node) => typeof node !== "string" || node.trim() !== "")) {
        const nodes = loose;
        list.items.push(this.into(() => nodes.forEach((node) => this.node(node, style, pre))));
      }
      loose = [];
    };
    for (const child of element.children) {
      if (typeof child !== "string" && child.name === "li") {
        flushLoose();
        if (isHidden(styleOf(child))) continue;
        list.items.push(this.into(() => this.children(child, style, pre)));
      } else if (typeof child !== "string" && (child.name === "ul" || child.name === "ol") && list.items.length > 0 && loose.length === 0) {
        // Google Docs nests a sub-list beside the items rather than inside the previous one.
        append(list.items[list.items.length - 1]!, this.into(() => this.node(child, style, pre)));
      } else {
        loose.push(child);
      }
    }
    flushLoose();
    return list;
  }

  private rows(table: HtmlElement, style: Style): TableCell[][] {
    const rows: TableCell[][] = [];
    const visit = (element: HtmlElement) => {
      for (const child of element.children) {
        if (typeof child === "string") continue;
        if (child.name === "tr") {
          const cells: TableCell[] = [];
          for (const cell of child.children) {
            if (typeof cell === "string" || (cell.name !== "td" && cell.name !== "th")) continue;
            if (isHidden(styleOf(cell))) continue;
            cells.push({
              header: cell.name === "th",
              colspan: span(cell.attrs.colspan),
              rowspan: span(cell.attrs.rowspan),
              blocks: this.into(() => this.children(cell, style, false)),
            });
          }
          rows.push(cells);
        } else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
          visit(child);
        } else if (child.name === "caption") {
          const caption = this.into(() => this.children(child, style, false));
          append(this.container, caption);
        }
      }
    };
    visit(table);
    return rows;
  }
}

function span(value: string | undefined): number {
  const number = Number.parseInt(value ?? "1", 10);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, 100) : 1;
}

/** The blocks of an element tree, what was left out, and whether reading stopped at a source limit. */
export function cleanHtmlTree(root: HtmlElement): { blocks: Block[]; counts: CleanCounts; truncated: boolean } {
  const converter = new Converter();
  const blocks = converter.convert(root);
  return { blocks, counts: converter.counts, truncated: converter.truncated };
}
