import { getSchema, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref } from "./urls";

/**
 * THE definition of what a release body may contain. The browser editor, server-side validation
 * (lib/content/validate.ts) and HTML rendering (lib/content/render.ts) all build from this list, so
 * an element is either supported everywhere or nowhere.
 *
 * Allowed: paragraphs, subheadings (h2) and minor headings (h3), bold, italic, links, bulleted and
 * numbered lists, quotations and line breaks. Deliberately left out: h1 (the release title is the
 * page's h1), code, code blocks, horizontal rules, strike-through and underline.
 *
 * To add an element (tables, images…): add its extension to `bodyExtensions()`, its names to
 * BODY_NODES / BODY_MARKS, a reader-facing name to ELEMENT_NAMES, and, if an attribute holds a URL
 * (an image's `src`), list it in URL_ATTRIBUTES so it is checked on save and dropped on render.
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
    StarterKit.configure({
      // Structure.
      paragraph: {},
      heading: { levels: [...HEADING_LEVELS] },
      bulletList: {},
      orderedList: {},
      listItem: {},
      blockquote: {},
      hardBreak: {},
      // Formatting.
      bold: {},
      italic: {},
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        // No extra schemes registered with linkify: the allow-list below decides what is a link.
        protocols: [],
        HTMLAttributes: { target: null, rel: LINK_REL, class: null },
        isAllowedUri: (url) => isAllowedHref(url),
        shouldAutoLink,
      },
      // Not part of a press release.
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Editing behaviour only (no effect on the document schema): undo/redo, cursors, list keys,
      // trailing paragraph. Kept.
    }),
    // Later: tables, images (add them here and to BODY_NODES / URL_ATTRIBUTES).
  ];
}

let schema: Schema | undefined;

/** The ProseMirror schema of a release body (built once per process or page). */
export function bodySchema(): Schema {
  schema ??= getSchema(bodyExtensions());
  return schema;
}
