import type { JSONContent } from "@tiptap/core";
import { buildBody } from "./import/body-json";
import { htmlToBlocks, languageOf } from "./import/html";
import { looksLikeWholeRelease, recogniseRelease, recogniseStructure } from "./import/recognise";
import { releaseDetails } from "./import/result";
import { readPlainText } from "./import/text";
import type { PastedDetails } from "./paste-details";

export type PastedRelease = {
  details: PastedDetails;
  /** The text without its front matter. */
  body: JSONContent;
  /** Lines that leave the text and fill no field: the letterhead, "For immediate release"… */
  setAside: string[];
};

export type Paste = {
  /** Everything pasted, with headings, lists and links recognised. */
  body: JSONContent;
  /** Set when the paste looks like a whole release (a headline and a type or date line at the top). */
  release: PastedRelease | null;
};

/**
 * What a paste into a release body becomes: the clipboard's HTML (Word, Google Docs, a web page) or,
 * without it, its plain text, read by the importer's pipeline (tokenise → clean → recognise → Tiptap
 * JSON, lib/content/import), so the editor and the Import page recognise the same things within the
 * same limits. Pure and DOM-free: runs in the browser and in unit tests. Null when nothing was pasted.
 */
export function readPaste(clipboard: { html?: string | null; text?: string | null }): Paste | null {
  const html = clipboard.html?.trim() ? clipboard.html : null;
  const text = clipboard.text ?? "";
  if (html === null && text.trim() === "") return null;

  const read = html !== null ? htmlToBlocks(html) : { ...readPlainText(text), lang: null };
  const formatted = html !== null;
  const body = buildBody(recogniseStructure(read.blocks), [], { truncated: read.truncated });

  const whole = recogniseRelease(read.blocks, { formatted });
  if (!looksLikeWholeRelease(whole.meta)) return { body, release: null };
  return {
    body,
    release: {
      details: releaseDetails(whole.meta, languageOf(read.lang)),
      body: buildBody(whole.blocks, [], { truncated: read.truncated }),
      setAside: whole.setAside,
    },
  };
}
