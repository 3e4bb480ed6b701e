import type { JSONContent } from "@tiptap/core";
import type { ReleaseContentInput } from "../release";
import type { Block } from "./blocks";
import { buildBody } from "./body-json";
import type { FrontMatter } from "./front-matter";
import { recogniseRelease } from "./recognise";

/** What an import recognised: always a headline (possibly empty) and a valid body, plus any metadata found. */
export type ImportedContent = Partial<Omit<ReleaseContentInput, "headline" | "body">> & { headline: string; body: JSONContent };
export type ImportResult = { content: ImportedContent; warnings: string[] };

/** The release details of recognised front matter; the document's own language tag wins when it agrees with the type line and is more precise ("en-GB"). */
export function releaseDetails(meta: FrontMatter, documentLanguage?: string | null): Omit<ImportedContent, "body"> {
  const details: Omit<ImportedContent, "body"> = { headline: meta.headline };
  const language = meta.language && documentLanguage?.startsWith(`${meta.language}-`) ? documentLanguage : (meta.language ?? documentLanguage ?? undefined);
  if (meta.type) details.type = meta.type;
  if (language) details.language = language;
  if (meta.releaseDate) details.releaseDate = meta.releaseDate;
  if (meta.dateline) details.dateline = meta.dateline;
  if (meta.reference) details.reference = meta.reference;
  if (meta.subtitle) details.subtitle = meta.subtitle;
  return details;
}

/** Blocks from any source → front matter recognised, lists grouped, addresses linked, body built and validated. */
export function finishImport(
  blocks: readonly Block[],
  options: { formatted: boolean; language?: string | null; warnings?: readonly string[]; truncated?: boolean },
): ImportResult {
  const release = recogniseRelease(blocks, { formatted: options.formatted });
  const warnings = [...release.warnings, ...(options.warnings ?? [])];
  const body = buildBody(release.blocks, warnings, { truncated: options.truncated });
  const content: ImportedContent = { ...releaseDetails(release.meta, options.language), body };
  const empty = (body.content ?? []).every((node) => node.type === "paragraph" && !node.content);
  if (empty && release.meta.headline === "") return { content, warnings: ["No text was found in the document."] };
  return { content, warnings };
}
