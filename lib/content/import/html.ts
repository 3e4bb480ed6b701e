import type { Block } from "./blocks";
import { cleanHtmlTree } from "./clean";
import { finishImport, type ImportResult } from "./result";
import { tokeniseHtml } from "./tokenise";

/**
 * HTML (a saved web page, Word's "Web page" format, Google Docs or Word clipboard markup, mammoth's
 * output) to the importer's blocks: tokenised (tokenise.ts), then cleaned to what a body can hold
 * (clean.ts), with a warning for each kind of thing left out.
 */

/** HTML to blocks plus what was left out (for importHtml and importDocx). */
export function htmlToBlocks(html: string): { blocks: Block[]; lang: string | null; warnings: string[]; truncated: boolean } {
  const parsed = tokeniseHtml(html);
  const { blocks, counts, truncated } = cleanHtmlTree(parsed.root);
  const { refusedLinks, hidden } = counts;
  const images = counts.images + parsed.images;
  const warnings: string[] = [];
  if (images > 0) warnings.push(images === 1 ? "An image was left out; add it in the editor." : `${images} images were left out; add them in the editor.`);
  if (refusedLinks.size > 0) {
    const list = [...refusedLinks].slice(0, 5).map((raw) => {
      const href = raw.replace(/[\p{Cc}\p{Cf}]+/gu, " ");
      return `“${href.length > 60 ? `${href.slice(0, 59)}…` : href}”`;
    });
    warnings.push(`${refusedLinks.size === 1 ? "A link was" : `${refusedLinks.size} links were`} kept as plain text because Pressroom only links to http, https, mailto and tel addresses: ${list.join(", ")}${refusedLinks.size > 5 ? ", …" : ""}.`);
  }
  if (parsed.activeContent > 0) warnings.push("Scripts, frames and embedded objects were left out.");
  if (hidden > 0) warnings.push("Hidden text was left out.");
  return { blocks, lang: parsed.lang, warnings, truncated: truncated || parsed.truncated };
}

/** Normalises a lang attribute ("EN-GB", "fr") to the release language form ("en-GB", "fr"), or null. */
export function languageOf(lang: string | null): string | null {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?$/i.exec(lang?.trim() ?? "");
  if (!match) return null;
  return match[2] ? `${match[1]!.toLowerCase()}-${match[2].toUpperCase()}` : match[1]!.toLowerCase();
}

/**
 * Imports an HTML document: the recognised release metadata (headline, type, date, dateline,
 * reference, subtitle, language) and a valid body, with warnings for what was left out or changed.
 */
export function importHtml(html: string): ImportResult {
  const { blocks, lang, warnings, truncated } = htmlToBlocks(html);
  return finishImport(blocks, { formatted: true, language: languageOf(lang), warnings, truncated });
}
