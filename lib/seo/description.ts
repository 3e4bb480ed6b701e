/** Google shows about this many characters of a description; longer ones are cut mid-word by it. */
export const DESCRIPTION_LENGTH = 160;

const TRAILING_PUNCTUATION = /[\s,;:.\-–—(]+$/u;

/**
 * A meta description from free text: white space collapsed, and at most `max` characters (counted in
 * code points, so an emoji is never split), cut on a word boundary with an ellipsis. A single word
 * longer than half the room (or text without spaces, such as Chinese) is cut where the room ends.
 */
export function trimDescription(text: string, max = DESCRIPTION_LENGTH): string {
  const clean = text.replace(/\s+/gu, " ").trim();
  const characters = Array.from(clean);
  if (characters.length <= max) return clean;
  const room = characters.slice(0, max - 1);
  const nextIsSpace = characters[max - 1] === " ";
  const lastSpace = room.lastIndexOf(" ");
  const kept = nextIsSpace ? room : lastSpace >= max / 2 ? room.slice(0, lastSpace) : room;
  return `${kept.join("").replace(TRAILING_PUNCTUATION, "")}…`;
}

/** The first of the candidates with any text in it, trimmed as a description; "" when none has. */
export function descriptionFrom(...candidates: (string | null | undefined)[]): string {
  const source = candidates.find((candidate) => candidate && candidate.trim());
  return source ? trimDescription(source) : "";
}
