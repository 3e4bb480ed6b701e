import type { JSONContent } from "@tiptap/core";
import { diffArrays, diffWordsWithSpace } from "diff";
import type { ReleaseContent } from "./release";

/**
 * Differences between two revisions of a release, for people: the short fields as before/after pairs,
 * the body paragraph by paragraph with a word diff inside each changed paragraph. Pure (no database,
 * no DOM), so the history page and the revision list share it.
 */

export type MetadataChange = { field: string; label: string; before: string; after: string };

export type SegmentKind = "same" | "added" | "removed";
export type Segment = { kind: SegmentKind; text: string };

export type BlockKind = "paragraph" | "heading" | "listItem" | "quote" | "tableCell" | "figure";

/** What a block is: its kind, a heading's level, a list item's list type. */
export type BlockShape = { kind: BlockKind; level?: number; list?: "bullet" | "ordered" };

export type Block = BlockShape & { text: string; /** Marks (bold, links…) as a comparable signature. */ formatting: string };

export type BlockDiff = BlockShape & {
  change: "same" | "added" | "removed" | "changed";
  /** For "changed": a word diff; otherwise one segment with the whole text. */
  segments: Segment[];
  /** For "changed", when the block was another kind before (a paragraph made a heading). */
  previous?: BlockShape;
  /** For "changed": bold, italic or links changed, or a figure's image (the words alone may be identical). */
  formattingChanged?: boolean;
};

export type RevisionDiff = { metadata: MetadataChange[]; body: BlockDiff[] };

/** A revision with nothing in it: what the first revision is compared with. */
export const EMPTY_REVISION: ReleaseContent = Object.freeze({
  type: null,
  language: "",
  headline: "",
  subtitle: null,
  dateline: null,
  releaseDate: null,
  reference: null,
  summary: null,
  body: { type: "doc", content: [] },
  notesToEditors: null,
  boilerplate: null,
  relatedDocuments: [],
  contacts: [],
  topics: [],
});

const METADATA_FIELDS: ReadonlyArray<{ field: string; label: string; text: (revision: ReleaseContent) => string }> = [
  { field: "headline", label: "Headline", text: (r) => r.headline },
  { field: "subtitle", label: "Subtitle", text: (r) => r.subtitle ?? "" },
  { field: "type", label: "Type", text: (r) => r.type ?? "" },
  { field: "language", label: "Language", text: (r) => r.language },
  { field: "dateline", label: "Dateline", text: (r) => r.dateline ?? "" },
  { field: "releaseDate", label: "Release date", text: (r) => r.releaseDate ?? "" },
  { field: "reference", label: "Reference", text: (r) => r.reference ?? "" },
  { field: "summary", label: "Summary", text: (r) => r.summary ?? "" },
  { field: "notesToEditors", label: "Notes to editors", text: (r) => (r.notesToEditors ? documentText(r.notesToEditors) : "") },
  { field: "boilerplate", label: "Boilerplate", text: (r) => r.boilerplate ?? "" },
  {
    field: "relatedDocuments",
    label: "Related documents",
    text: (r) =>
      r.relatedDocuments
        .map((document) => {
          const target = document.url ?? (document.mediaKey ? `file ${document.mediaKey}` : "");
          return `${document.title}${target ? ` (${target})` : ""}${document.note ? ` — ${document.note}` : ""}`;
        })
        .join("\n"),
  },
  {
    field: "contacts",
    label: "Media contacts",
    text: (r) => r.contacts.map((contact) => [contact.name, contact.role, contact.email, contact.phone].filter(Boolean).join(", ")).join("\n"),
  },
  { field: "topics", label: "Topics", text: (r) => r.topics.join(", ") },
];

/**
 * What changed from `a` to `b`: changed fields only, and every body block in reading order. The type
 * and topics are compared as given: pass the names people read (the type's name, topic names), not slugs.
 */
export function diffRevisions(a: ReleaseContent, b: ReleaseContent): RevisionDiff {
  const metadata: MetadataChange[] = [];
  for (const { field, label, text } of METADATA_FIELDS) {
    const before = text(a);
    const after = text(b);
    if (before !== after) metadata.push({ field, label, before, after });
  }
  return { metadata, body: diffBlocks(bodyBlocks(a.body), bodyBlocks(b.body)) };
}

/** Words added and removed, body and fields together (punctuation and spaces are not words). */
export function changeSize(diff: RevisionDiff): { wordsAdded: number; wordsRemoved: number } {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  const count = (segments: Segment[]) => {
    for (const segment of segments) {
      if (segment.kind === "added") wordsAdded += countWords(segment.text);
      if (segment.kind === "removed") wordsRemoved += countWords(segment.text);
    }
  };
  for (const change of diff.metadata) count(wordDiff(change.before, change.after));
  for (const block of diff.body) count(block.segments);
  return { wordsAdded, wordsRemoved };
}

/** Word diff of two strings as segments (whitespace kept, so the segments rebuild both texts). */
export function wordDiff(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  return mergeSegments(
    diffWordsWithSpace(before, after).map((part): Segment => ({ kind: part.added ? "added" : part.removed ? "removed" : "same", text: part.value })),
  );
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/**
 * The document's text blocks in reading order, each with its kind: headings, list items (the list's
 * type), quoted paragraphs, table cells, figures (their description and caption) and plain
 * paragraphs. Empty blocks are left out; a line break inside a block is "\n".
 */
export function bodyBlocks(doc: JSONContent): Block[] {
  const blocks: Block[] = [];
  const walk = (node: JSONContent, container: BlockShape) => {
    const type = node.type;
    if (type === "figure") {
      const attr = (name: string) => (typeof node.attrs?.[name] === "string" ? (node.attrs[name] as string).trim() : "");
      const caption = attr("caption");
      const text = [attr("alt") || "Image", caption].filter(Boolean).join(" — ");
      blocks.push({ kind: "figure", text, formatting: `src(${attr("src")})` });
      return;
    }
    if (type === "heading" || type === "paragraph" || isTextblock(node)) {
      const text = inlineText(node).trim();
      if (!text) return;
      const shape: BlockShape =
        type === "heading" ? { kind: "heading", level: typeof node.attrs?.level === "number" ? node.attrs.level : 2 } : container;
      blocks.push({ ...shape, text, formatting: formattingOf(node) });
      return;
    }
    let inner = container;
    if (type === "bulletList" || type === "orderedList") inner = { kind: "listItem", list: type === "orderedList" ? "ordered" : "bullet" };
    else if (type === "listItem") inner = { kind: "listItem", list: container.kind === "listItem" ? container.list : "bullet" };
    else if (type === "blockquote") inner = { kind: "quote" };
    else if (type === "tableCell" || type === "tableHeader") inner = { kind: "tableCell" };
    for (const child of node.content ?? []) walk(child, inner);
  };
  walk(doc, { kind: "paragraph" });
  return blocks;
}

function isTextblock(node: JSONContent): boolean {
  return (node.content ?? []).some((child) => child.type === "text" || child.type === "hardBreak");
}

function inlineText(node: JSONContent): string {
  if (node.type === "text") return typeof node.text === "string" ? node.text : "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

/** Mark ranges of a block ("bold@0-5", "link(https://…)@7-12"), so a formatting change is a change. */
function formattingOf(node: JSONContent): string {
  const parts: string[] = [];
  let offset = 0;
  const visit = (child: JSONContent) => {
    if (child.type === "text") {
      const length = typeof child.text === "string" ? child.text.length : 0;
      for (const mark of child.marks ?? []) {
        const href = mark.type === "link" && typeof mark.attrs?.href === "string" ? `(${mark.attrs.href})` : "";
        parts.push(`${mark.type}${href}@${offset}-${offset + length}`);
      }
      offset += length;
      return;
    }
    if (child.type === "hardBreak") {
      offset += 1;
      return;
    }
    for (const grandchild of child.content ?? []) visit(grandchild);
  };
  for (const child of node.content ?? []) visit(child);
  return parts.join(" ");
}

function documentText(doc: JSONContent): string {
  return bodyBlocks(doc)
    .map((block) => block.text)
    .join("\n\n");
}

const sameShape = (a: BlockShape, b: BlockShape) => a.kind === b.kind && a.level === b.level && a.list === b.list;

function shapeOf(block: Block): BlockShape {
  const shape: BlockShape = { kind: block.kind };
  if (block.level !== undefined) shape.level = block.level;
  if (block.list !== undefined) shape.list = block.list;
  return shape;
}

function blockKey(block: Block): string {
  return [block.kind, block.level ?? "", block.list ?? "", block.formatting, block.text].join("\u0000");
}

/** Aligns the blocks (longest common subsequence), then pairs similar removed/added blocks as edits. */
export function diffBlocks(before: Block[], after: Block[]): BlockDiff[] {
  const result: BlockDiff[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    result.push(...pairHunk(removed, added));
    removed = [];
    added = [];
  };
  for (const part of diffArrays(before.map(blockKey), after.map(blockKey))) {
    const count = part.value.length;
    if (part.removed) {
      removed.push(...before.slice(oldIndex, oldIndex + count));
      oldIndex += count;
    } else if (part.added) {
      added.push(...after.slice(newIndex, newIndex + count));
      newIndex += count;
    } else {
      flush();
      for (const block of after.slice(newIndex, newIndex + count)) result.push(whole("same", block));
      oldIndex += count;
      newIndex += count;
    }
  }
  flush();
  return result;
}

function whole(change: "same" | "added" | "removed", block: Block): BlockDiff {
  return { change, ...shapeOf(block), segments: [{ kind: change, text: block.text }] };
}

function edited(from: Block, to: Block): BlockDiff {
  const diff: BlockDiff = { change: "changed", ...shapeOf(to), segments: wordDiff(from.text, to.text) };
  if (!sameShape(from, to)) diff.previous = shapeOf(from);
  if (from.formatting !== to.formatting) diff.formattingChanged = true;
  return diff;
}

const SIMILAR = 0.4;
const MAX_PAIRING_CELLS = 10_000;

/**
 * Within one run of removed and added blocks, pairs blocks that are edits of each other (monotone, most
 * similar overall); one removed and one added block of the same kind are always an edit. Unpaired blocks
 * stay whole removals and additions, removals first.
 */
function pairHunk(removed: Block[], added: Block[]): BlockDiff[] {
  if (removed.length === 0 || added.length === 0 || removed.length * added.length > MAX_PAIRING_CELLS) {
    return [...removed.map((block) => whole("removed", block)), ...added.map((block) => whole("added", block))];
  }
  if (removed.length === 1 && added.length === 1 && sameShape(removed[0]!, added[0]!)) return [edited(removed[0]!, added[0]!)];

  const rows = removed.length;
  const cols = added.length;
  const score: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  const similarity = removed.map((a) => added.map((b) => similar(a, b)));
  for (let i = 1; i <= rows; i += 1) {
    for (let j = 1; j <= cols; j += 1) {
      const pair = similarity[i - 1]![j - 1]!;
      score[i]![j] = Math.max(score[i - 1]![j]!, score[i]![j - 1]!, pair >= SIMILAR ? score[i - 1]![j - 1]! + pair : -Infinity);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = rows, j = cols; i > 0 && j > 0; ) {
    const pair = similarity[i - 1]![j - 1]!;
    if (pair >= SIMILAR && score[i]![j] === score[i - 1]![j - 1]! + pair) {
      pairs.unshift([i - 1, j - 1]);
      i -= 1;
      j -= 1;
    } else if (score[i]![j] === score[i - 1]![j]) i -= 1;
    else j -= 1;
  }

  const result: BlockDiff[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [rows, cols] as [number, number]]) {
    for (; i < pi; i += 1) result.push(whole("removed", removed[i]!));
    for (; j < pj; j += 1) result.push(whole("added", added[j]!));
    if (pi < rows && pj < cols) {
      result.push(edited(removed[pi]!, added[pj]!));
      i = pi + 1;
      j = pj + 1;
    }
  }
  return result;
}

/** Dice coefficient of the two blocks' words (case-insensitive); equal texts are 1. */
function similar(a: Block, b: Block): number {
  if (a.text === b.text) return 1;
  const words = (text: string) => text.toLowerCase().match(WORD) ?? [];
  const left = words(a.text);
  const right = words(b.text);
  if (left.length + right.length === 0) return 0;
  const bag = new Map<string, number>();
  for (const word of left) bag.set(word, (bag.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of right) {
    const available = bag.get(word) ?? 0;
    if (available > 0) {
      common += 1;
      bag.set(word, available - 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}

function mergeSegments(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    if (!segment.text) continue;
    const last = merged.at(-1);
    if (last && last.kind === segment.kind) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
