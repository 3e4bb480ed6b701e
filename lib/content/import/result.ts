import type { JSONContent } from "@tiptap/core";
import type { ReleaseContentInput } from "../release";
import type { Block } from "./blocks";
import { buildBody } from "./body-json";
import { groupItems, typedItems } from "./lists";
import { unwrapLayoutTables } from "./tables";
import { tidy } from "./tidy";
import { recogniseFrontMatter } from "./front-matter";

/** What an import recognised: always a headline (possibly empty) and a valid body, plus any metadata found. */
export type ImportedContent = Partial<Omit<ReleaseContentInput, "headline" | "body">> & { headline: string; body: JSONContent };
export type ImportResult = { content: ImportedContent; warnings: string[] };

/** Blocks from any source → front matter recognised, lists grouped, addresses linked, body built and validated. */
export function finishImport(
  blocks: readonly Block[],
  options: { formatted: boolean; language?: string | null; warnings?: readonly string[]; truncated?: boolean },
): ImportResult {
  const front = recogniseFrontMatter(unwrapLayoutTables(tidy(blocks, { link: false })), { formatted: options.formatted });
  const warnings = [...front.warnings, ...(options.warnings ?? [])];
  const body = buildBody(tidy(groupItems(typedItems(front.blocks)), { link: true }), warnings, { truncated: options.truncated });
  const { meta } = front;
  const content: ImportedContent = { headline: meta.headline, body };
  // The document's own language tag wins when it agrees with the type line and is more precise ("en-GB").
  const language = meta.language && options.language?.startsWith(`${meta.language}-`) ? options.language : (meta.language ?? options.language ?? undefined);
  if (meta.type) content.type = meta.type;
  if (language) content.language = language;
  if (meta.releaseDate) content.releaseDate = meta.releaseDate;
  if (meta.dateline) content.dateline = meta.dateline;
  if (meta.reference) content.reference = meta.reference;
  if (meta.subtitle) content.subtitle = meta.subtitle;
  const empty = (body.content ?? []).every((node) => node.type === "paragraph" && !node.content);
  if (empty && meta.headline === "") return { content, warnings: ["No text was found in the document."] };
  return { content, warnings };
}
