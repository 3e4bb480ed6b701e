import type { Block } from "./blocks";
import { type FrontMatter, recogniseFrontMatter } from "./front-matter";
import { groupItems, typedItems } from "./lists";
import { unwrapLayoutTables } from "./tables";
import { tidy } from "./tidy";

/**
 * The third stage, for every source (HTML, Word, plain text, a paste): what the blocks mean. Lines
 * typed as list items ("- ", "* ", "• ", "1. ") become lists, bare web and e-mail addresses become
 * links (through the allow-list in lib/content/urls.ts), empty blocks go. Headings come from the
 * source: HTML headings, Word's heading styles, "#" lines in plain text.
 */
export function recogniseStructure(blocks: readonly Block[]): Block[] {
  return tidy(groupItems(typedItems(tidy(blocks, { link: false }))), { link: true });
}

/**
 * The same for a whole release: first its front matter (letterhead, type, date, reference, headline,
 * subtitle) is taken off the top and read as release details, then the rest is recognised as above.
 */
export function recogniseRelease(
  blocks: readonly Block[],
  options: { formatted: boolean },
): { meta: FrontMatter; blocks: Block[]; warnings: string[]; setAside: string[] } {
  const front = recogniseFrontMatter(unwrapLayoutTables(tidy(blocks, { link: false })), options);
  return { ...front, blocks: recogniseStructure(front.blocks) };
}

/** True when the top of the text read as a release's front matter: a headline and a type or date line. */
export function looksLikeWholeRelease(meta: FrontMatter): boolean {
  return meta.headline !== "" && (meta.type !== undefined || meta.releaseDate !== undefined);
}
