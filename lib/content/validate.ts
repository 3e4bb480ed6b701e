import type { JSONContent } from "@tiptap/core";
import { Node as PMNode, type ContentMatch, type NodeType, type Schema } from "@tiptap/pm/model";
import {
  ALT_REQUIRED_MESSAGE,
  BODY_MARKS,
  BODY_NODES,
  bodySchema,
  ELEMENT_NAMES,
  HEADING_LEVELS,
  isMediaSrc,
  MARK_ATTRIBUTES,
  MAX_ALT_LENGTH,
  MAX_CAPTION_LENGTH,
  MEDIA_ATTRIBUTES,
  URL_ATTRIBUTES,
} from "./extensions";
import { hrefProblem } from "./urls";

/** Largest accepted body, measured as UTF-8 bytes of its JSON. */
export const MAX_BODY_BYTES = 1_000_000;
/** Deepest accepted nesting of elements (lists in quotations in lists…); protects the recursive walks. */
export const MAX_BODY_DEPTH = 40;

export type BodyValidation = { ok: true; doc: JSONContent } | { ok: false; error: string };

const INVALID = "The body is not a valid document. Reload the page and try again.";

/** Thrown inside the walk, turned into { ok: false } at the top. */
class BodyError extends Error {}

/**
 * Checks a release body coming from a browser (or anywhere else) against the one body definition
 * (lib/content/extensions.ts) and returns a cleaned copy to store:
 * - JSON shape, size (MAX_BODY_BYTES) and nesting depth;
 * - only known node and mark types; structure as the schema allows it (no paragraph in a paragraph);
 * - heading levels 2 and 3 only; attribute values that are plain values;
 * - every URL attribute through the allow-list (lib/content/urls.ts); an image's src must be one of
 *   our uploads (`/media/<key>`), its alt text is required, its caption plain text;
 * - table cells: whole-number spans, no stored styles;
 * - normalised output: link marks keep only { href } (target, rel, class, title are dropped; the
 *   renderer adds rel), unknown keys and attributes are dropped, control characters that break XML
 *   feeds are removed from text (tab and line breaks are kept), text left empty is removed.
 * Errors are sentences for the press officer who wrote the text.
 */
export function validateBody(json: unknown): BodyValidation {
  try {
    return { ok: true, doc: validate(json) };
  } catch (error) {
    if (error instanceof BodyError) return { ok: false, error: error.message };
    // A RangeError from ProseMirror that our own checks did not anticipate, or a stack overflow.
    return { ok: false, error: INVALID };
  }
}

function validate(input: unknown): JSONContent {
  if (!isPlainObject(input)) throw new BodyError(INVALID);

  let text: string;
  try {
    text = JSON.stringify(input);
  } catch {
    throw new BodyError(INVALID);
  }
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_BODY_BYTES) {
    throw new BodyError(
      `The text is too long: it takes ${kilobytes(bytes)} and the limit is ${kilobytes(MAX_BODY_BYTES)}. Shorten it or split it into several releases.`,
    );
  }
  // A plain-data copy: no prototypes, getters, undefined values or shared references survive.
  const json: unknown = JSON.parse(text);
  if (!isPlainObject(json) || json.type !== "doc") {
    throw new BodyError("The body is not a valid document: it must start with a “doc” element.");
  }

  const schema = bodySchema();
  const cleaned = cleanNode(json, schema, 0);
  if (!cleaned) throw new BodyError(INVALID);

  let node: PMNode;
  try {
    node = PMNode.fromJSON(schema, cleaned);
  } catch {
    throw new BodyError(INVALID);
  }
  checkStructure(node);
  checkAttributes(node);
  try {
    node.check(); // The authority; checkStructure above only explains the common failures in words.
  } catch {
    throw new BodyError(INVALID);
  }
  return keepMarkAttributes(node.toJSON() as JSONContent);
}

// ---------------------------------------------------------------------------------------------------
// Shape, types, URLs and text, on the JSON before ProseMirror sees it.

const NODE_TYPES: ReadonlySet<string> = new Set(BODY_NODES);
const MARK_TYPES: ReadonlySet<string> = new Set(BODY_MARKS);
// C0 controls except tab, LF and CR; DEL; U+FFFE and U+FFFF: invalid in XML (the RSS feed).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

function cleanNode(json: unknown, schema: Schema, depth: number): JSONContent | null {
  if (depth > MAX_BODY_DEPTH) {
    throw new BodyError(`The body is nested too deeply: lists and quotations can be placed inside each other at most ${MAX_BODY_DEPTH} levels deep.`);
  }
  if (!isPlainObject(json) || typeof json.type !== "string") throw new BodyError(INVALID);
  const type = json.type;
  if (!NODE_TYPES.has(type) || !Object.hasOwn(schema.nodes, type)) {
    throw new BodyError(`The body contains an element Pressroom does not support: ${printable(type)}`);
  }

  const out: JSONContent = { type };
  if (json.attrs !== undefined) {
    out.attrs = cleanAttrs(json.attrs);
    // Text kept in attributes (an image's alt text and caption) loses feed-breaking characters too.
    for (const [name, value] of Object.entries(out.attrs)) {
      if (typeof value === "string" && name !== "src") out.attrs[name] = value.replace(XML_INVALID, "");
    }
    checkUrls(URL_ATTRIBUTES.nodes[type], out.attrs, ELEMENT_NAMES[type] ?? type, "");
  }

  if (json.marks !== undefined) {
    if (!Array.isArray(json.marks)) throw new BodyError(INVALID);
    const linkText = typeof json.text === "string" ? json.text : "";
    out.marks = uniqueMarks(json.marks.map((mark) => cleanMark(mark, linkText)), linkText);
  }

  if (type === "text") {
    if (typeof json.text !== "string" || json.content !== undefined) throw new BodyError(INVALID);
    const text = json.text.replace(XML_INVALID, "");
    if (text === "") return null; // Nothing visible was there; ProseMirror refuses empty text nodes.
    out.text = text;
    return out;
  }
  if (json.text !== undefined) throw new BodyError(INVALID);

  if (json.content !== undefined) {
    if (!Array.isArray(json.content)) throw new BodyError(INVALID);
    out.content = json.content.map((child) => cleanNode(child, schema, depth + 1)).filter((child): child is JSONContent => child !== null);
  }
  return out;
}

function cleanMark(json: unknown, text: string): NonNullable<JSONContent["marks"]>[number] {
  if (!isPlainObject(json) || typeof json.type !== "string") throw new BodyError(INVALID);
  const type = json.type;
  if (!MARK_TYPES.has(type)) {
    throw new BodyError(`The body contains formatting Pressroom does not support: ${printable(type)}`);
  }
  const attrs = json.attrs === undefined ? {} : cleanAttrs(json.attrs);
  const kept: Record<string, unknown> = {};
  for (const name of MARK_ATTRIBUTES[type] ?? []) {
    if (name in attrs) kept[name] = attrs[name];
  }
  checkUrls(URL_ATTRIBUTES.marks[type], kept, ELEMENT_NAMES[type] ?? type, text);
  return Object.keys(kept).length > 0 ? { type, attrs: kept } : { type };
}

/** The same mark twice is merged; the same mark type with different attributes (two links) is refused. */
function uniqueMarks(marks: NonNullable<JSONContent["marks"]>, text: string): NonNullable<JSONContent["marks"]> {
  const byType = new Map<string, string>();
  return marks.filter((mark) => {
    const key = JSON.stringify(mark.attrs ?? {});
    const seen = byType.get(mark.type);
    if (seen === undefined) {
      byType.set(mark.type, key);
      return true;
    }
    if (seen === key) return false;
    throw new BodyError(`The text “${printable(text.trim())}” has two different ${nameOf(mark.type)}s; keep only one.`);
  });
}

function cleanAttrs(attrs: unknown): Record<string, unknown> {
  if (!isPlainObject(attrs)) throw new BodyError(INVALID);
  for (const value of Object.values(attrs)) {
    // A table cell's column widths are the one list value: short, whole numbers only.
    if (Array.isArray(value) && value.length <= 100 && value.every((item) => typeof item === "number" && Number.isFinite(item))) continue;
    if (value !== null && typeof value === "object") throw new BodyError(INVALID);
  }
  return { ...attrs };
}

/** Checks, and trims in place, every URL attribute of one node or mark. */
function checkUrls(names: readonly string[] | undefined, attrs: Record<string, unknown>, what: string, text: string) {
  for (const name of names ?? []) {
    const value = attrs[name];
    const problem = hrefProblem(value);
    if (problem) {
      const on = text.trim();
      throw new BodyError(on ? `${problem.replace(/\.$/, "")} (see the ${what} on “${printable(on)}”).` : problem);
    }
    attrs[name] = (value as string).trim();
  }
}

// ---------------------------------------------------------------------------------------------------
// Structure and attributes, on the ProseMirror node, in words a press officer understands.

function checkStructure(node: PMNode) {
  if (node.isText || node.isLeaf) return;
  let match: ContentMatch | null = node.type.contentMatch;
  let index = 0;
  node.forEach((child) => {
    const next = match?.matchType(child.type) ?? null;
    if (!next) throw new BodyError(misplaced(node.type, child.type, index));
    for (const mark of child.marks) {
      if (!node.type.allowsMarkType(mark.type)) {
        throw new BodyError(`${capitalise(nameOf(mark.type.name))} formatting is not allowed in ${article(nameOf(node.type.name))}.`);
      }
    }
    match = next;
    index += 1;
  });
  if (!match?.validEnd) {
    throw new BodyError(
      node.type.name === "doc"
        ? "The body is empty: it must contain at least one paragraph."
        : `${capitalise(article(nameOf(node.type.name)))} cannot be empty.`,
    );
  }
  node.forEach(checkStructure);
}

function misplaced(parent: NodeType, child: NodeType, index: number): string {
  if (child.isInline && !parent.inlineContent) return "Text must be inside a paragraph or a heading.";
  const parentName = nameOf(parent.name);
  const childName = nameOf(child.name);
  if (!allowedChildren(parent).has(child)) return `${capitalise(article(parentName))} cannot contain ${article(childName)}.`;
  return index === 0
    ? `${capitalise(article(parentName))} cannot start with ${article(childName)}.`
    : `${capitalise(article(childName))} is not allowed at that place in ${article(parentName)}.`;
}

/** Every node type that may appear anywhere in `type`'s content. */
function allowedChildren(type: NodeType): Set<NodeType> {
  const types = new Set<NodeType>();
  const seen = new Set<unknown>();
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      types.add(edge.type);
      queue.push(edge.next);
    }
  }
  return types;
}

const LIST_STYLES = new Set([null, "1", "a", "A", "i", "I"]);

function checkAttributes(root: PMNode) {
  root.descendants((node) => {
    if (node.type.name === "heading" && !(HEADING_LEVELS as readonly unknown[]).includes(node.attrs.level)) {
      throw new BodyError("Only subheadings (level 2) and minor headings (level 3) are allowed; the title is the only level 1 heading.");
    }
    for (const name of MEDIA_ATTRIBUTES[node.type.name] ?? []) {
      if (!isMediaSrc(node.attrs[name])) {
        throw new BodyError("An image must be a file uploaded to Pressroom; images from other sites cannot be used. Upload the image again.");
      }
    }
    if (node.type.name === "figure") checkFigure(node);
    if (node.type.name === "tableCell" || node.type.name === "tableHeader") checkCell(node);
    if (node.type.name === "orderedList") {
      const start: unknown = node.attrs.start;
      if (typeof start !== "number" || !Number.isInteger(start) || start < 0 || start > 1_000_000) {
        throw new BodyError("A numbered list must start at a whole number between 0 and 1,000,000.");
      }
      if (!LIST_STYLES.has(node.attrs.type as string | null)) {
        throw new BodyError("A numbered list uses a numbering style Pressroom does not support.");
      }
    }
    return true;
  });
}

function checkFigure(node: PMNode) {
  const alt: unknown = node.attrs.alt;
  if (typeof alt !== "string" || alt.trim() === "") throw new BodyError(ALT_REQUIRED_MESSAGE);
  if (alt.length > MAX_ALT_LENGTH) throw new BodyError(`An image description (alt text) can be at most ${MAX_ALT_LENGTH} characters long.`);
  const caption: unknown = node.attrs.caption;
  if (caption !== null && typeof caption !== "string") throw new BodyError(INVALID);
  if (typeof caption === "string" && caption.length > MAX_CAPTION_LENGTH) {
    throw new BodyError(`An image caption can be at most ${MAX_CAPTION_LENGTH.toLocaleString("en")} characters long.`);
  }
  for (const name of ["width", "height"]) {
    const value: unknown = node.attrs[name];
    if (value !== null && !(typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 20_000)) {
      throw new BodyError("An image's width and height must be whole numbers of pixels.");
    }
  }
}

const CELL_ALIGN = new Set([null, "left", "center", "right"]);

function checkCell(node: PMNode) {
  for (const name of ["colspan", "rowspan"]) {
    const value: unknown = node.attrs[name];
    if (!(typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 100)) {
      throw new BodyError("A table cell can span between 1 and 100 rows or columns.");
    }
  }
  if (!CELL_ALIGN.has(node.attrs.align as string | null)) throw new BodyError("A table cell uses an alignment Pressroom does not support.");
  const widths: unknown = node.attrs.colwidth;
  if (widths !== null && !(Array.isArray(widths) && widths.every((width) => typeof width === "number" && width >= 0 && width <= 10_000))) {
    throw new BodyError(INVALID);
  }
}

/** node.toJSON() fills in every schema attribute; marks keep only what MARK_ATTRIBUTES allows. */
function keepMarkAttributes(json: JSONContent): JSONContent {
  const out: JSONContent = { ...json };
  if (json.attrs) out.attrs = { ...json.attrs };
  if (json.marks) {
    out.marks = json.marks.map((mark) => {
      const allowed = MARK_ATTRIBUTES[mark.type] ?? [];
      const attrs = Object.fromEntries(Object.entries(mark.attrs ?? {}).filter(([name]) => allowed.includes(name)));
      return Object.keys(attrs).length > 0 ? { type: mark.type, attrs } : { type: mark.type };
    });
  }
  if (json.content) out.content = json.content.map(keepMarkAttributes);
  return out;
}

// ---------------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameOf(type: string): string {
  return ELEMENT_NAMES[type] ?? type;
}

function article(name: string): string {
  if (name === "body" || name === "text") return `the ${name}`;
  return `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Untrusted text quoted in a message: no control characters, at most 60 characters. */
function printable(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, "");
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1000).toLocaleString("en")} KB`;
}
