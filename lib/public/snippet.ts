/**
 * Search snippets come from ts_headline with private-use characters as the start and stop marks, so
 * that the text around them can be escaped whole and only then the marks turned into <mark> elements:
 * nothing from a release's text can become markup. The same characters are stripped from the text
 * before ts_headline sees it (see db/public/search.ts), so a release cannot forge a mark either.
 */
import { escapeHtml } from "@/lib/html/escape";

export const MARK_START = "\uE000";
export const MARK_STOP = "\uE001";


/** HTML with the text escaped and only the highlighted words wrapped in <mark>. */
export function markedToHtml(marked: string): string {
  let html = "";
  let open = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) html += "<mark>";
      open = true;
    } else if (part === MARK_STOP) {
      if (open) html += "</mark>";
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
