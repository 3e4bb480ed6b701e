import { getSchema, mergeAttributes, Node, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { TableKit } from "@tiptap/extension-table";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from "@tiptap/extensions";
import { isAllowedHref } from "./urls";

/**
 * THE definition of what a release body may contain. The browser editor, server-side validation
 * (lib/content/validate.ts) and HTML rendering (lib/content/render.ts) all build from this list, so
 * an element is either supported everywhere or nowhere.
 *
 * Allowed: paragraphs, subheadings (h2) and minor headings (h3), bold, italic, links, bulleted and
 * numbered lists, quotations, line breaks, tables (with an optional header row) and figures (one of
 * our uploaded images, `/media/<key>`, with required alt text and an optional plain-text caption).
 * Deliberately left out: h1 (the release title is the page's h1), code, code blocks, horizontal
 * rules, strike-through, underline and images from anywhere but our own media store.
 *
 * To add an element (tables, images…): add its extension to `bodyExtensions()`, its names to
 * BODY_NODES / BODY_MARKS, a reader-facing name to ELEMENT_NAMES, and, if an attribute holds a URL
 * (a link's `href`), list it in URL_ATTRIBUTES so it is checked on save and dropped on render; an
 * attribute naming one of our uploads (a figure's `src`) goes in MEDIA_ATTRIBUTES instead.
 *
 * No DOM use at import time: this module is imported by a "use client" component and on the server.
 */

export const HEADING_LEVELS = [2, 3] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** Links never open a new window (no target); rel keeps the opener and referrer away from linked sites. */
export const LINK_REL = "noopener noreferrer";

/** Node types a body may contain (must match the schema built from bodyExtensions(); a test checks it). */
export const BODY_NODES = [
  "doc",
  "paragraph",
  "text",
  "hardBreak",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
  "figure",
] as const;

/** Mark types a body may contain. */
export const BODY_MARKS = ["bold", "italic", "link"] as const;

/** Attributes kept on each mark type after validation; any other mark attribute is dropped. */
export const MARK_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  link: ["href"],
};

/** Attributes that hold a URL, per node or mark type: checked with isAllowedHref on save and on render. */
export const URL_ATTRIBUTES: Readonly<{ nodes: Readonly<Record<string, readonly string[]>>; marks: Readonly<Record<string, readonly string[]>> }> = {
  nodes: {},
  marks: { link: ["href"] },
};

/**
 * Attributes that name one of our uploaded files, per node type: they must be exactly `/media/<key>`
 * (checked with isMediaSrc on save and on render). Images never come from another site.
 */
export const MEDIA_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  figure: ["src"],
};

/** A media key as the upload store makes them (the same rule as release.ts's mediaKeySchema). */
export const MEDIA_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{5,120}$/;

/** True for `/media/<key>` with a well-formed key (no "..", no query, no other host). */
export function isMediaSrc(value: unknown): value is string {
  if (typeof value !== "string" || !value.startsWith("/media/")) return false;
  const key = value.slice("/media/".length);
  return MEDIA_KEY_PATTERN.test(key) && !key.includes("..");
}

export const MAX_ALT_LENGTH = 500;
export const MAX_CAPTION_LENGTH = 1000;
export const ALT_REQUIRED_MESSAGE = "Every image needs a description (alt text).";

/** What press officers call each element, for error messages ("A paragraph cannot contain a quotation."). */
export const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  doc: "body",
  paragraph: "paragraph",
  text: "text",
  hardBreak: "line break",
  heading: "heading",
  bulletList: "bulleted list",
  orderedList: "numbered list",
  listItem: "list item",
  blockquote: "quotation",
  table: "table",
  tableRow: "table row",
  tableHeader: "table header cell",
  tableCell: "table cell",
  figure: "image",
  bold: "bold",
  italic: "italic",
  link: "link",
};

/**
 * Decides whether an address typed or pasted into the editor becomes a link automatically: only a
 * complete address the allow-list accepts ("https://example.org/x", "mailto:press@example.org").
 * linkify would otherwise autolink file:// and ftp://. A bare "example.org" stays text: Link also
 * runs isAllowedUri on it, which refuses scheme-less (relative) addresses everywhere, on purpose.
 */
export function shouldAutoLink(text: string): boolean {
  return isAllowedHref(text);
}

/** A fresh extension list for one editor or one schema. */
export function bodyExtensions(): Extensions {
  return [
    // StarterKit's extensions, in its order, less what a press release has no use for (code, code
    // blocks, horizontal rules, strike-through, underline): listed one by one so the editor's bundle
    // does not carry the ones left out.
    Bold,
    Blockquote,
    BulletList,
    Document,
    // Editing behaviour only (no effect on the document schema): cursors, undo/redo, list keys,
    // trailing paragraph.
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [...HEADING_LEVELS] }),
    UndoRedo,
    Italic,
    ListItem,
    ListKeymap,
    Link.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      // No extra schemes registered with linkify: the allow-list below decides what is a link.
      protocols: [],
      HTMLAttributes: { target: null, rel: LINK_REL, class: null },
      isAllowedUri: (url) => isAllowedHref(url),
      shouldAutoLink,
    }),
    OrderedList,
    Paragraph,
    Text,
    TrailingNode,
    // Tables: a header row is the first row of tableHeader cells. No column resizing (no stored widths).
    TableKit.configure({
      table: { resizable: false, allowTableNodeSelection: false, HTMLAttributes: { class: null } },
    }),
    Figure,
  ];
}

/**
 * A figure: one of our images (src `/media/<key>`), its description (alt, required) and an optional
 * caption (plain text), rendered as <figure><img src alt width height><figcaption>…</figcaption></figure>.
 * An atom: the writer inserts, moves or deletes it whole; alt and caption are attributes, not
 * editable text, so a figure can never hold headings or lists.
 */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: "" },
      caption: { default: null },
      width: { default: null },
      height: { default: null },
    };
  },
  parseHTML() {
    return [
      {
        tag: "figure",
        getAttrs: (element) => {
          const img = element.querySelector("img");
          const src = img?.getAttribute("src") ?? null;
          if (!img || !isMediaSrc(src)) return false;
          const caption = element.querySelector("figcaption")?.textContent?.trim() || null;
          return { src, alt: img.getAttribute("alt") ?? "", caption, width: dimension(img.getAttribute("width")), height: dimension(img.getAttribute("height")) };
        },
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    return figureSpec(node.attrs, HTMLAttributes);
  },
});

function dimension(value: string | null): number | null {
  const number = value === null ? NaN : Number(value);
  return Number.isInteger(number) && number > 0 && number <= 20_000 ? number : null;
}

type DOMSpec = [string, Record<string, unknown>, ...unknown[]];

/** The figure's HTML, shared by the editor and the static renderer; a src that is not ours renders nothing. */
export function figureSpec(attrs: Record<string, unknown>, extra: Record<string, unknown> = {}): DOMSpec {
  const src = isMediaSrc(attrs.src) ? attrs.src : null;
  const width = typeof attrs.width === "number" ? attrs.width : null;
  const height = typeof attrs.height === "number" ? attrs.height : null;
  const img = ["img", { src, alt: typeof attrs.alt === "string" ? attrs.alt : "", ...(width ? { width } : {}), ...(height ? { height } : {}), loading: "lazy" }];
  const caption = typeof attrs.caption === "string" && attrs.caption.trim() !== "" ? attrs.caption : null;
  const outer = mergeAttributes({ class: null }, { "data-figure": "" }, Object.fromEntries(Object.entries(extra).filter(([name]) => name === "data-figure")));
  return caption ? ["figure", outer, img, ["figcaption", {}, caption]] : ["figure", outer, img];
}

let schema: Schema | undefined;

/** The ProseMirror schema of a release body (built once per process or page). */
export function bodySchema(): Schema {
  schema ??= getSchema(bodyExtensions());
  return schema;
}
