/**
 * What a reader typed into the search box, made safe to hand to websearch_to_tsquery (which accepts
 * any text: quotes, OR and -word are its syntax, and it never raises a syntax error). What remains is
 * the text Postgres cannot take at all (NUL and other control characters), absurd lengths, and input
 * with no word in it, which gets a "type a word" page instead of a query.
 */
export const MAX_SEARCH_CHARS = 200;

export type SearchQuery = { kind: "empty" } | { kind: "no-words"; text: string } | { kind: "words"; text: string };

export function normaliseSearchQuery(raw: unknown): SearchQuery {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string") return { kind: "empty" };
  const text = first
    // Control characters (NUL above all: Postgres text cannot hold it) and lone surrogates.
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (text.length === 0) return { kind: "empty" };
  const cut = cutAtWord(text, MAX_SEARCH_CHARS);
  return /[\p{L}\p{N}]/u.test(cut) ? { kind: "words", text: cut } : { kind: "no-words", text: cut };
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = Array.from(text).slice(0, max).join("");
  const space = slice.lastIndexOf(" ");
  return (space > max / 2 ? slice.slice(0, space) : slice).trim();
}
