import type { ImportedContent } from "./import/result";
import type { ReleaseContent } from "./release";

// Apart from lib/content/paste.ts so that the desk's forms can fill in details without loading the
// paste pipeline (htmlparser2, entities, the importer), which the editor loads only when it is used.

/** The details a pasted release fills in: the headline always, the rest when recognised. */
export type PastedDetails = Omit<ImportedContent, "body">;

/**
 * The change to a release draft that filling in pasted details makes: only what was recognised (the
 * other fields keep their values), and the type only when the organisation has it.
 */
export function draftChange(details: PastedDetails, typeSlugs: readonly string[]): Partial<ReleaseContent> {
  const change: Partial<ReleaseContent> = { headline: details.headline };
  if (details.type && typeSlugs.includes(details.type)) change.type = details.type;
  for (const key of ["language", "releaseDate", "dateline", "reference", "subtitle"] as const) {
    const value = details[key];
    if (value) change[key] = value;
  }
  return change;
}
